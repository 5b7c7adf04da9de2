// Times as people type them on the command line: "today", "yesterday",
// "last-business-day", "24h" or "7d" (that long ago), a local date, or an
// instant.
#pragma once

#include <string_view>

#include "calendar/business_days.h"

namespace ghd {

// A date-like spec names a whole local day: as a lower bound it means the
// start of that day, as an upper bound the start of the day after (so
// "--since yesterday --until yesterday" is all of yesterday). An instant is
// taken as is.
enum class Bound { lower, upper };
Result<Instant> resolve_time_spec(std::string_view spec, Bound bound, Instant now, const BusinessDays& calendar);

}  // namespace ghd
