// Small text utilities over UTF-8 strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ghd {

std::string ascii_lower(std::string_view s);
std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool starts_with_ci(std::string_view s, std::string_view prefix);
void append_utf8(std::string& out, char32_t cp);

// Folds text for matching: lower case, accents removed, ligatures expanded
// ("œ" -> "oe"), typographic apostrophes and dashes made plain, runs of white
// space collapsed to one space. "Cœur  d’Été" -> "coeur d'ete".
std::string fold(std::string_view s);

// Number of Unicode code points (for aligning tables).
size_t display_width(std::string_view s);
// Cuts to at most `width` code points, ending with "…" when cut; line breaks
// become spaces.
std::string one_line(std::string_view s, size_t width);

}  // namespace ghd
