#include "calendar/time_spec.h"

#include <charconv>
#include <fmt/format.h>

namespace ghd {

using namespace std::chrono;

Result<Instant> resolve_time_spec(std::string_view spec, Bound bound, Instant now, const BusinessDays& calendar) {
  std::optional<Date> day;
  const Date today = paris::local_date(now);
  if (spec == "now") return now;
  // "24h", "7d": that long before now.
  if (spec.size() >= 2 && (spec.back() == 'h' || spec.back() == 'd')) {
    long long n = 0;
    auto [p, ec] = std::from_chars(spec.data(), spec.data() + spec.size() - 1, n);
    if (ec == std::errc() && p == spec.data() + spec.size() - 1 && n >= 0 && n <= 100000)
      return spec.back() == 'h' ? now - hours{n} : now - days{n};
  }
  if (spec == "today") day = today;
  else if (spec == "yesterday") day = Date{sys_days{today} - days{1}};
  else if (spec == "last-business-day") day = calendar.previous_business_day(today);
  else if (spec.size() == 10) {
    auto d = parse_date(spec);
    if (!d.ok()) return d.status();
    day = *d;
  }
  if (day) return paris::start_of_day(bound == Bound::lower ? *day : Date{sys_days{*day} + days{1}});
  auto t = parse_instant(spec);
  if (!t.ok())
    return Status::Usage(fmt::format("invalid time '{}' (expected today, yesterday, last-business-day, 24h, 7d, "
                                     "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM])", spec));
  return *t;
}

}  // namespace ghd
