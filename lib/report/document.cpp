#include "report/document.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/text.h"

namespace ghd {

namespace {

size_t width_of(const std::string& s) { return display_width(s); }
std::string flat(const std::string& s) { return one_line(s, 100000); }
std::string cut(const std::string& s, size_t max) { return one_line(s, max); }

std::string pad(const std::string& s, size_t w, bool right) {
  const size_t n = width_of(s);
  if (n >= w) return s;
  return right ? std::string(w - n, ' ') + s : s + std::string(w - n, ' ');
}

// Widths that fit `width`: the widest columns shrink first.
std::vector<size_t> fit_widths(const ReportTable& t, size_t width) {
  std::vector<size_t> w(t.header.size(), 0);
  for (size_t c = 0; c < t.header.size(); ++c) {
    w[c] = width_of(t.header[c]);
    for (const auto& r : t.rows)
      if (c < r.size()) w[c] = std::max(w[c], width_of(flat(r[c])));
  }
  const size_t gaps = 2 * (w.empty() ? 0 : w.size() - 1) + 2;
  auto total = [&] {
    size_t s = gaps;
    for (auto x : w) s += x;
    return s;
  };
  while (total() > width) {
    auto widest = std::max_element(w.begin(), w.end());
    if (*widest <= 8) break;
    --*widest;
  }
  return w;
}

std::string wrap(const std::string& text, size_t width, const std::string& indent) {
  std::string out, line;
  for (const auto& word : split(text, ' ')) {
    if (!line.empty() && width_of(line) + 1 + width_of(word) > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

std::string number_label(double v) {
  if (std::fabs(v) >= 100) return fmt::format("{:.0f}", v);
  if (std::fabs(v) >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2g}", v);
}

}  // namespace

std::string render_text(const Document& d, size_t width) {
  std::string out = d.title + "\n" + std::string(std::min(width, width_of(d.title)), '=') + "\n";
  if (!d.subtitle.empty()) out += wrap(d.subtitle, width, "");
  for (const auto& s : d.sections) {
    out += "\n" + s.title + "\n" + std::string(std::min(width, width_of(s.title)), '-') + "\n";
    for (const auto& p : s.paragraphs) out += wrap(p, width, "");
    for (const auto& t : s.tables) {
      if (t.rows.empty()) {
        if (!t.empty.empty()) out += t.empty + "\n";
        continue;
      }
      const auto w = fit_widths(t, width);
      auto row = [&](const std::vector<std::string>& cells) {
        std::string line = "  ";
        for (size_t c = 0; c < w.size(); ++c) {
          const std::string cell = c < cells.size() ? cut(cells[c], w[c]) : "";
          const bool right = c < t.numeric.size() && t.numeric[c];
          line += (c ? "  " : "") + (c + 1 == w.size() && !right ? cell : pad(cell, w[c], right));
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        return line + "\n";
      };
      out += row(t.header);
      for (const auto& r : t.rows) out += row(r);
    }
    for (const auto& c : s.charts)
      out += fmt::format(
          fmt::runtime(d.lang == "en" ? "  [{}: chart in the HTML report]\n" : "  [{} : graphique dans le rapport HTML]\n"),
          c.title);
  }
  return out;
}

std::string render_markdown(const Document& d) {
  auto cell = [](const std::string& s) {
    std::string out;
    for (char c : flat(s)) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
  };
  std::string out = "# " + d.title + "\n\n";
  if (!d.subtitle.empty()) out += d.subtitle + "\n\n";
  for (const auto& s : d.sections) {
    out += "## " + s.title + "\n\n";
    for (const auto& p : s.paragraphs) out += p + "\n\n";
    for (const auto& t : s.tables) {
      if (t.rows.empty()) {
        if (!t.empty.empty()) out += "_" + t.empty + "_\n\n";
        continue;
      }
      out += "|";
      for (const auto& h : t.header) out += " " + cell(h) + " |";
      out += "\n|";
      for (size_t c = 0; c < t.header.size(); ++c) out += c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|";
      out += "\n";
      for (const auto& r : t.rows) {
        out += "|";
        for (size_t c = 0; c < t.header.size(); ++c) out += " " + (c < r.size() ? cell(r[c]) : "") + " |";
        out += "\n";
      }
      out += "\n";
    }
  }
  return out;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render_svg(const Chart& c, int width, int height) {
  const int left = 48, right = 12, top = 28, bottom = 40;
  const int pw = width - left - right, ph = height - top - bottom;
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& s : c.series)
    for (const auto& y : s.y)
      if (y) {
        lo = any ? std::min(lo, *y) : std::min(0.0, *y);
        hi = any ? std::max(hi, *y) : std::max(0.0, *y);
        any = true;
      }
  if (hi - lo < 1e-9) hi = lo + 1;
  const size_t n = std::max<size_t>(1, c.x.size());
  auto X = [&](size_t i) { return left + (double(i) + 0.5) * pw / double(n); };
  auto Y = [&](double v) { return top + ph - (v - lo) / (hi - lo) * ph; };
  static const char* colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
      width, height, width, height, html_escape(c.title));
  out += fmt::format(R"(<text x="{}" y="16" font-size="13" font-weight="bold">{}</text>)", left, html_escape(c.title));
  // Axes and a few gridlines.
  for (int k = 0; k <= 4; ++k) {
    const double v = lo + (hi - lo) * k / 4;
    out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#ddd"/>)", left, Y(v), width - right, Y(v));
    out += fmt::format(R"(<text x="{}" y="{:.1f}" font-size="10" text-anchor="end">{}</text>)", left - 4, Y(v) + 3,
                       html_escape(number_label(v)));
  }
  if (!c.unit.empty())
    out += fmt::format(R"(<text x="4" y="{}" font-size="10">{}</text>)", top - 6, html_escape(c.unit));
  const size_t every = std::max<size_t>(1, n / 10);
  for (size_t i = 0; i < c.x.size(); i += every)
    out += fmt::format(R"(<text x="{:.1f}" y="{}" font-size="10" text-anchor="middle">{}</text>)", X(i),
                       height - bottom + 14, html_escape(c.x[i]));
  size_t bar_series = 0, bars = 0;
  for (const auto& s : c.series) bars += s.bars;
  for (size_t si = 0; si < c.series.size(); ++si) {
    const auto& s = c.series[si];
    const char* colour = colours[si % 5];
    if (s.bars) {
      const double bw = double(pw) / double(n) * 0.8 / double(std::max<size_t>(1, bars));
      for (size_t i = 0; i < s.y.size(); ++i)
        if (s.y[i]) {
          const double x = X(i) - double(pw) / double(n) * 0.4 + bw * double(bar_series);
          const double y0 = Y(std::max(0.0, lo)), y1 = Y(*s.y[i]);
          out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)", x,
                             std::min(y0, y1), bw, std::fabs(y0 - y1), colour);
        }
      ++bar_series;
    } else {
      std::string path;
      for (size_t i = 0; i < s.y.size(); ++i)
        if (s.y[i]) path += fmt::format("{}{:.1f},{:.1f} ", path.empty() ? "M" : "L", X(i), Y(*s.y[i]));
      if (!path.empty())
        out += fmt::format(R"(<path d="{}" fill="none" stroke="{}" stroke-width="2"/>)", path, colour);
    }
    out += fmt::format(R"(<rect x="{}" y="{}" width="10" height="10" fill="{}"/>)", left + 150 * int(si),
                       height - 16, colour);
    out += fmt::format(R"(<text x="{}" y="{}" font-size="11">{}</text>)", left + 14 + 150 * int(si), height - 7,
                       html_escape(s.name));
  }
  return out + "</svg>";
}

std::string render_html(const Document& d) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n"
      "body{{font-family:sans-serif;font-size:11pt;margin:1.5em;color:#222}}\n"
      "h1{{font-size:16pt}}h2{{font-size:13pt;border-bottom:1px solid #999;margin-top:1.2em}}\n"
      "table{{border-collapse:collapse;margin:.5em 0;font-size:9.5pt}}\n"
      "th,td{{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}}\n"
      "td.n{{text-align:right}}th{{background:#eee}}\n"
      "svg{{display:block;margin:.5em 0;max-width:100%;height:auto}}\n"
      "@page{{size:A4;margin:15mm}}@media print{{h2{{break-after:avoid}}table,svg{{break-inside:avoid}}}}\n"
      "</style>\n</head>\n<body>\n<h1>{}</h1>\n",
      html_escape(d.lang), html_escape(d.title), html_escape(d.title));
  if (!d.subtitle.empty()) out += "<p>" + html_escape(d.subtitle) + "</p>\n";
  for (const auto& s : d.sections) {
    out += "<h2>" + html_escape(s.title) + "</h2>\n";
    for (const auto& p : s.paragraphs) out += "<p>" + html_escape(p) + "</p>\n";
    for (const auto& c : s.charts) out += render_svg(c) + "\n";
    for (const auto& t : s.tables) {
      if (t.rows.empty()) {
        if (!t.empty.empty()) out += "<p><em>" + html_escape(t.empty) + "</em></p>\n";
        continue;
      }
      out += "<table>\n<tr>";
      for (const auto& h : t.header) out += "<th>" + html_escape(h) + "</th>";
      out += "</tr>\n";
      for (const auto& r : t.rows) {
        out += "<tr>";
        for (size_t c = 0; c < t.header.size(); ++c)
          out += std::string(c < t.numeric.size() && t.numeric[c] ? "<td class=\"n\">" : "<td>") +
                 html_escape(c < r.size() ? r[c] : "") + "</td>";
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
  }
  return out + "</body>\n</html>\n";
}

}  // namespace ghd
