#include "calendar/business_days.h"

namespace ghd {

using namespace std::chrono;

const std::vector<Holiday>& BusinessDays::holidays_of(int y) const {
  auto it = cache_.find(y);
  if (it == cache_.end()) it = cache_.emplace(y, public_holidays(y, rules_)).first;
  return it->second;
}

std::optional<std::string> BusinessDays::why_closed(Date d) const {
  const weekday wd{sys_days{d}};
  if (wd == Saturday) return "samedi";
  if (wd == Sunday) return "dimanche";
  for (const auto& h : holidays_of(int(d.year())))
    if (h.date == d) return h.name;
  for (const auto& c : closures_)
    if (sys_days{d} >= sys_days{c.from} && sys_days{d} <= sys_days{c.to}) return c.reason;
  return std::nullopt;
}

bool BusinessDays::is_business_day(Date d) const { return !why_closed(d).has_value(); }

Date BusinessDays::previous_business_day(Date d) const {
  sys_days day{d};
  do day -= days{1};
  while (!is_business_day(Date{day}));
  return Date{day};
}

Date BusinessDays::next_business_day(Date d) const {
  sys_days day{d};
  do day += days{1};
  while (!is_business_day(Date{day}));
  return Date{day};
}

}  // namespace ghd
