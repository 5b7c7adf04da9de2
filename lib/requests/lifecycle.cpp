#include "requests/lifecycle.h"

#include <fmt/format.h>

#include "requests/request.h"

namespace ghd {

bool is_open_status(std::string_view s) {
  return s == "new" || s == "triaged" || s == "forwarded" || s == "in-progress";
}

std::vector<std::string_view> allowed_transitions(std::string_view from) {
  if (from == "new") return {"triaged", "forwarded", "rejected", "cancelled", "duplicate"};
  if (from == "triaged") return {"forwarded", "in-progress", "rejected", "cancelled", "duplicate"};
  if (from == "forwarded") return {"in-progress", "resolved", "rejected", "cancelled", "duplicate"};
  if (from == "in-progress") return {"resolved", "rejected", "cancelled", "duplicate"};
  if (from == "resolved") return {"closed", "in-progress"};
  return {};
}

Status check_transition(std::string_view from, std::string_view to) {
  if (!is_term(kStatuses, to))
    return Status::Usage(fmt::format("unknown status '{}' (expected one of: {})", to, term_ids(kStatuses)));
  if (from == to) return Status::Ok();
  const auto allowed = allowed_transitions(from);
  for (auto a : allowed)
    if (a == to) return Status::Ok();
  if (allowed.empty())
    return Status::DataError(fmt::format("cannot go from '{}' to '{}': '{}' is final", from, to, from));
  return Status::DataError(
      fmt::format("cannot go from '{}' to '{}' (allowed: {})", from, to, fmt::join(allowed, ", ")));
}

}  // namespace ghd
