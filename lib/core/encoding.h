// Character encodings of the files people send us: UTF-8 (with or without a
// byte-order mark) and Windows-1252 (what a spreadsheet saves).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ghd {

enum class Encoding { automatic, utf8, windows1252 };

Result<Encoding> parse_encoding(std::string_view name);  // "auto", "utf-8", "windows-1252"/"cp1252"
const char* encoding_name(Encoding e);

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
size_t find_invalid_utf8(std::string_view s);
std::string windows1252_to_utf8(std::string_view s);

struct Decoded {
  std::string text;       // UTF-8, BOM removed
  Encoding encoding;      // what the bytes were
};
// Converts raw bytes to UTF-8. With Encoding::automatic: a BOM or valid UTF-8
// means UTF-8, anything else is read as Windows-1252. With Encoding::utf8,
// invalid bytes are an error naming the line and column.
Result<Decoded> decode_to_utf8(std::string bytes, Encoding wanted);

}  // namespace ghd
