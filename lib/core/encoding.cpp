#include "core/encoding.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/text.h"

namespace ghd {

Result<Encoding> parse_encoding(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n == "auto") return Encoding::automatic;
  if (n == "utf-8" || n == "utf8") return Encoding::utf8;
  if (n == "windows-1252" || n == "cp1252" || n == "latin1" || n == "iso-8859-1")
    return Encoding::windows1252;
  return Status::Usage(fmt::format("unknown encoding '{}' (expected auto, utf-8 or windows-1252)", name));
}

const char* encoding_name(Encoding e) {
  switch (e) {
    case Encoding::automatic: return "auto";
    case Encoding::utf8: return "utf-8";
    case Encoding::windows1252: return "windows-1252";
  }
  return "?";
}

size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // Fast path over ASCII, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::copy_n(p + i, 8, reinterpret_cast<unsigned char*>(&w));
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    int len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + size_t(len) > n) return i;
    for (int k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += size_t(len);
  }
  return std::string_view::npos;
}

namespace {
// Windows-1252 0x80-0x9F; 0 marks the five undefined bytes (mapped to U+FFFD).
constexpr char16_t kHigh[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
}  // namespace

std::string windows1252_to_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    char32_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = kHigh[c - 0x80] ? kHigh[c - 0x80] : 0xFFFD;
    append_utf8(out, cp);
  }
  return out;
}

Result<Decoded> decode_to_utf8(std::string bytes, Encoding wanted) {
  const bool bom = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (wanted == Encoding::windows1252) return Decoded{windows1252_to_utf8(bytes), wanted};
  if (bom) bytes.erase(0, 3);
  const size_t bad = find_invalid_utf8(bytes);
  if (bad == std::string::npos) return Decoded{std::move(bytes), Encoding::utf8};
  if (wanted == Encoding::automatic && !bom)
    return Decoded{windows1252_to_utf8(bytes), Encoding::windows1252};
  const auto line = 1 + std::count(bytes.begin(), bytes.begin() + long(bad), '\n');
  const auto line_start = bytes.rfind('\n', bad == 0 ? 0 : bad - 1);
  const size_t column = line_start == std::string::npos ? bad + 1 : bad - line_start;
  return Status::DataError(fmt::format("{}:{}: invalid UTF-8 byte 0x{:02X} (try --encoding windows-1252)",
                                       line, column, static_cast<unsigned char>(bytes[bad])));
}

}  // namespace ghd
