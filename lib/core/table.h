// Aligned text tables for terminals.
#pragma once

#include <string>
#include <vector>

namespace ghd {

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  bool empty() const { return rows_.empty(); }
  // Columns separated by two spaces, the last one not padded; cells are cut
  // to `max_cell` code points on one line.
  std::string render(size_t max_cell = 60) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace ghd
