// The request lifecycle: new -> triaged -> forwarded -> in-progress ->
// resolved -> closed, with rejected, cancelled and duplicate reachable from
// every open state, and a resolved request reopened to in-progress.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"

namespace ghd {

bool is_open_status(std::string_view status);
std::vector<std::string_view> allowed_transitions(std::string_view from);
// Ok, or a data error naming the allowed next states.
Status check_transition(std::string_view from, std::string_view to);

}  // namespace ghd
