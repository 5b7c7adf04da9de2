// Gateways and platforms hand over readings as .gz files: inflating them is
// zlib's job (Debian's zlib1g, already a dependency of libcurl and SQLite).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ghd {

bool is_gzip(std::string_view bytes);  // the gzip magic number
// Inflates a gzip stream (several members, as `cat a.gz b.gz` makes, too).
Result<std::string> gunzip(std::string_view bytes);

}  // namespace ghd
