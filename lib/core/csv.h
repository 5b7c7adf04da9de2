// CSV as people's files have it: any one-byte separator, fields quoted with
// '"' that may hold the separator, doubled quotes and line breaks, LF or CRLF
// line ends. The reader works on raw bytes (UTF-8 and Windows-1252 are both
// ASCII-compatible), so a record's raw text can be copied out unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghd {

class CsvReader {
 public:
  enum class Next { record, end, error };

  CsvReader(std::string_view text, char separator);

  // Reads the next record into `fields` (reusing their storage). On error the
  // reader skips to the next line so that every bad record can be reported.
  Next next(std::vector<std::string>& fields);

  size_t line() const { return record_line_; }      // first line of the record
  size_t column() const { return error_column_; }   // column of the error, if any
  std::string_view raw() const { return raw_; }     // the record's bytes, line end included
  const std::string& error() const { return error_; }

 private:
  Next fail(size_t pos, std::string message);
  std::string_view text_;
  char sep_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
  size_t error_column_ = 0;
  std::string_view raw_;
  std::string error_;
};

// Quotes a field when it holds the separator, a quote or a line break.
std::string csv_field(std::string_view s, char separator = ',');
// For files a spreadsheet will open: a cell starting with '=', '+', '-', '@',
// a tab or a carriage return is prefixed with an apostrophe so that it is
// shown as text and never evaluated (OWASP's CSV injection advice).
std::string csv_safe_field(std::string_view s, char separator = ',');

}  // namespace ghd
