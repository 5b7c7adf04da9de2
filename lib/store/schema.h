// The numbered schema migrations. Migration i brings user_version from i to
// i + 1; released migrations are never edited, only appended to.
#pragma once

#include <string_view>
#include <vector>

namespace ghd {
const std::vector<std::string_view>& schema_migrations();
}
