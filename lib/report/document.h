// A report as staff read it, independent of its format: a title, sections
// of paragraphs, tables and charts. Rendered as aligned text (a terminal,
// 100 columns), Markdown, or one self-contained HTML file with inline SVG
// charts (no external resource; printable on A4).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ghd {

struct ReportTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  // right-aligned columns
  std::string empty;          // said instead when there is no row
};

struct Chart {
  std::string title, unit;
  std::vector<std::string> x;  // labels, one per point
  struct Series {
    std::string name;
    std::vector<std::optional<double>> y;
    bool bars = false;
  };
  std::vector<Series> series;
};

struct ReportSection {
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<ReportTable> tables;
  std::vector<Chart> charts;
};

struct Document {
  std::string title, subtitle;
  std::string lang = "fr";
  std::vector<ReportSection> sections;
};

std::string render_text(const Document& d, size_t width = 100);
std::string render_markdown(const Document& d);
std::string render_html(const Document& d);
std::string render_svg(const Chart& c, int width = 680, int height = 240);
std::string html_escape(const std::string& s);

}  // namespace ghd
