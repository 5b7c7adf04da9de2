// Which local days are business days: Monday to Friday, minus public holidays
// and the closures the landlord declares.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/holidays.h"

namespace ghd {

struct Closure {
  Date from;  // inclusive
  Date to;    // inclusive
  std::string reason;
};

class BusinessDays {
 public:
  BusinessDays() = default;
  BusinessDays(HolidayRules rules, std::vector<Closure> closures)
      : rules_(rules), closures_(std::move(closures)) {}

  bool is_business_day(Date d) const;
  // Why a day is not a business day ("samedi", a holiday's name, a closure's
  // reason), or nothing when it is one.
  std::optional<std::string> why_closed(Date d) const;
  Date previous_business_day(Date d) const;  // strictly before d
  Date next_business_day(Date d) const;      // strictly after d
  const HolidayRules& rules() const { return rules_; }
  const std::vector<Closure>& closures() const { return closures_; }

 private:
  const std::vector<Holiday>& holidays_of(int year) const;
  HolidayRules rules_;
  std::vector<Closure> closures_;
  mutable std::map<int, std::vector<Holiday>> cache_;
};

}  // namespace ghd
