// Working calendars for service levels: the business days of BusinessDays
// with working hours (e.g. 08:30-12:00 and 13:30-17:00), or round the clock
// (the on-call service). Arithmetic is done in Europe/Paris local time, so a
// deadline crossing a clock change keeps its local hour.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "calendar/business_days.h"

namespace ghd {

struct WorkingPeriod {
  std::chrono::minutes start;  // since local midnight
  std::chrono::minutes end;
};

// Why a deadline is where it is: the days skipped on the way, with reasons.
struct DeadlineTrace {
  std::vector<std::string> steps;
};

class WorkingCalendar {
 public:
  // Round the clock, every day.
  static WorkingCalendar always(std::string name);
  WorkingCalendar(std::string name, BusinessDays days, std::vector<WorkingPeriod> periods);

  const std::string& name() const { return name_; }
  bool round_the_clock() const { return always_; }
  const BusinessDays& days() const { return days_; }
  const std::vector<WorkingPeriod>& periods() const { return periods_; }

  // The Nth working day after the local day of `from`: a request received
  // on Sunday with one day to go is due on Monday, like one received on
  // Friday. With n = 0, that day itself, or the next working day.
  Date add_days(Date from, int n, DeadlineTrace* trace = nullptr) const;
  // `duration` of working time after `from`.
  Instant add_working_time(Instant from, std::chrono::minutes duration, DeadlineTrace* trace = nullptr) const;
  // A deadline of n working days: the end of the working hours of the Nth
  // working day after the day of `from` (round the clock: n * 24 hours).
  Instant due_after_days(Instant from, int n, DeadlineTrace* trace = nullptr) const;
  // Whether `t` falls in working hours on a working day.
  bool is_working_time(Instant t) const;

 private:
  std::string name_;
  bool always_ = false;
  BusinessDays days_;
  std::vector<WorkingPeriod> periods_;
};

// "08:30-12:00" -> a period; errors say what was expected.
Result<WorkingPeriod> parse_working_period(std::string_view text);
std::string format_hhmm(std::chrono::minutes m);
// "lundi 5 avril 2021"
std::string french_date(Date d);

}  // namespace ghd
