#include "core/table.h"

#include <algorithm>

#include "core/text.h"

namespace ghd {

std::string Table::render(size_t max_cell) const {
  std::vector<std::vector<std::string>> cells;
  cells.push_back(header_);
  for (const auto& r : rows_) {
    std::vector<std::string> row;
    for (const auto& c : r) row.push_back(one_line(c, max_cell));
    row.resize(header_.size());
    cells.push_back(std::move(row));
  }
  std::vector<size_t> width(header_.size(), 0);
  for (const auto& r : cells)
    for (size_t i = 0; i < r.size(); ++i) width[i] = std::max(width[i], display_width(r[i]));
  std::string out;
  for (const auto& r : cells) {
    std::string line;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(width[i] - display_width(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace ghd
