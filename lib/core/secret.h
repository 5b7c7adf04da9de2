// Secrets (tokens, passwords) come from files, never from flags or the
// command line; a file that others can read is refused, as ssh refuses a
// private key that is not private.
#pragma once

#include <string>

#include "core/status.h"

namespace ghd {

// The file's content without its trailing line break; a config error when
// the file is readable or writable by group or others.
Result<std::string> read_secret_file(const std::string& path);

}  // namespace ghd
