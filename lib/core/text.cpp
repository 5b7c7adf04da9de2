#include "core/text.h"

namespace ghd {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\v\f";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_lower(s.substr(0, prefix.size())) == ascii_lower(prefix);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

namespace {

// Decodes one code point at s[i], advancing i. Invalid bytes come back as
// themselves so that folding never loses text.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + size_t(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += size_t(len);
  return cp;
}

// The plain lower-case spelling of a letter, or nullptr to keep it as is.
const char* fold_letter(char32_t cp) {
  switch (cp) {
    case U'à': case U'á': case U'â': case U'ã': case U'ä': case U'å':
    case U'À': case U'Á': case U'Â': case U'Ã': case U'Ä': case U'Å': return "a";
    case U'æ': case U'Æ': return "ae";
    case U'ç': case U'Ç': return "c";
    case U'è': case U'é': case U'ê': case U'ë':
    case U'È': case U'É': case U'Ê': case U'Ë': return "e";
    case U'ì': case U'í': case U'î': case U'ï':
    case U'Ì': case U'Í': case U'Î': case U'Ï': return "i";
    case U'ñ': case U'Ñ': return "n";
    case U'ò': case U'ó': case U'ô': case U'õ': case U'ö': case U'ø':
    case U'Ò': case U'Ó': case U'Ô': case U'Õ': case U'Ö': case U'Ø': return "o";
    case U'œ': case U'Œ': return "oe";
    case U'ù': case U'ú': case U'û': case U'ü':
    case U'Ù': case U'Ú': case U'Û': case U'Ü': return "u";
    case U'ý': case U'ÿ': case U'Ý': case U'Ÿ': return "y";
    case U'ß': return "ss";
    case U'’': case U'‘': case U'`': case U'´': case U'ʼ': return "'";
    case U'«': case U'»': case U'“': case U'”': return "\"";
    case U'–': case U'—': case U'‐': return "-";
    case U'…': return "...";
    default: return nullptr;
  }
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F;
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = next_code_point(s, i);
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (cp >= 'A' && cp <= 'Z') {
      out += char(cp - 'A' + 'a');
    } else if (const char* f = fold_letter(cp)) {
      out += f;
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

size_t display_width(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string one_line(std::string_view s, size_t width) {
  std::string flat;
  flat.reserve(s.size());
  for (char c : s) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (display_width(flat) <= width) return flat;
  std::string out;
  size_t n = 0, i = 0;
  while (i < flat.size() && n + 1 < width) {
    const size_t start = i;
    next_code_point(flat, i);
    out.append(flat, start, i - start);
    ++n;
  }
  return out + "…";
}

}  // namespace ghd
