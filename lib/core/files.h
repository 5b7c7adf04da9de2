// Reading whole files and writing them so that no reader ever sees half.
#pragma once

#include <string>

#include "core/status.h"

namespace ghd {

// Reads a file, or standard input for "-".
Result<std::string> read_file(const std::string& path);
// Writes to a temporary file beside `path`, flushes it to disk and renames it
// over `path`: readers see the old content or the new, never a mix.
Status write_file_atomic(const std::string& path, const std::string& content);

}  // namespace ghd
