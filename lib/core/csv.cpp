#include "core/csv.h"

#include <fmt/format.h>

namespace ghd {

CsvReader::CsvReader(std::string_view text, char separator) : text_(text), sep_(separator) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

CsvReader::Next CsvReader::fail(size_t pos, std::string message) {
  const auto line_start = text_.rfind('\n', pos == 0 ? 0 : pos - 1);
  error_column_ = (line_start == std::string_view::npos || line_start >= pos) ? pos + 1 : pos - line_start;
  error_ = std::move(message);
  // Resynchronise at the next line.
  auto nl = text_.find('\n', pos);
  const size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
  for (size_t i = pos; i < end; ++i) line_ += text_[i] == '\n';
  raw_ = text_.substr(raw_.data() - text_.data(), end - size_t(raw_.data() - text_.data()));
  pos_ = end;
  return Next::error;
}

CsvReader::Next CsvReader::next(std::vector<std::string>& fields) {
  const size_t n = text_.size();
  if (pos_ >= n) return Next::end;
  const size_t start = pos_;
  record_line_ = line_;
  raw_ = text_.substr(start, 0);
  error_.clear();
  size_t count = 0;
  size_t i = pos_;
  auto field = [&]() -> std::string& {
    if (count == fields.size()) fields.emplace_back();
    std::string& f = fields[count++];
    f.clear();
    return f;
  };
  while (true) {
    std::string& f = field();
    if (i < n && text_[i] == '"') {
      const size_t open = i;
      ++i;
      while (true) {
        const size_t q = text_.find('"', i);
        if (q == std::string_view::npos) {
          // Nothing after an unclosed quote can be trusted: report once, stop.
          fail(open, "unterminated quoted field");
          pos_ = n;
          raw_ = text_.substr(start);
          return Next::error;
        }
        const std::string_view chunk = text_.substr(i, q - i);
        if (chunk.find('\0') != std::string_view::npos)
          return fail(i + chunk.find('\0'), "NUL byte in field");
        for (char c : chunk) line_ += c == '\n';
        f.append(chunk);
        i = q + 1;
        if (i < n && text_[i] == '"') {
          f += '"';
          ++i;
          continue;
        }
        break;
      }
      if (i < n && text_[i] != sep_ && text_[i] != '\n' && !(text_[i] == '\r' && (i + 1 == n || text_[i + 1] == '\n')))
        return fail(i, fmt::format("unexpected character '{}' after a closing quote", text_[i]));
    } else {
      size_t j = i;
      while (j < n) {
        const char c = text_[j];
        if (c == sep_ || c == '\n') break;
        if (c == '\0') return fail(j, "NUL byte in field");
        ++j;
      }
      size_t end = j;
      if (end > i && text_[end - 1] == '\r' && (j == n || text_[j] == '\n')) --end;
      f.append(text_.substr(i, end - i));
      i = j;
    }
    if (i < n && text_[i] == sep_) {
      ++i;
      continue;
    }
    if (i < n && text_[i] == '\r') ++i;
    if (i < n && text_[i] == '\n') {
      ++i;
      ++line_;
    }
    break;
  }
  fields.resize(count);
  pos_ = i;
  raw_ = text_.substr(start, i - start);
  return Next::record;
}

std::string csv_field(std::string_view s, char sep) {
  if (s.find_first_of(std::string{sep, '"', '\n', '\r'}) == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_safe_field(std::string_view s, char sep) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    return csv_field("'" + std::string(s), sep);
  return csv_field(s, sep);
}

}  // namespace ghd
