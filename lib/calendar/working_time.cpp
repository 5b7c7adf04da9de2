#include "calendar/working_time.h"

#include <charconv>
#include <fmt/format.h>

namespace ghd {

using namespace std::chrono;

namespace {

Instant at_local(Date d, minutes m) { return paris::to_utc(LocalTime{local_days{d}.time_since_epoch() + m}); }

minutes local_minutes(Instant t) {
  const auto local = paris::to_local(t);
  return duration_cast<minutes>(local - floor<days>(local));
}

}  // namespace

std::string french_date(Date d) {
  static const char* days_fr[] = {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
  static const char* months_fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  const weekday wd{sys_days{d}};
  return fmt::format("{} {} {} {}", days_fr[wd.c_encoding()], unsigned(d.day()), months_fr[unsigned(d.month()) - 1],
                     int(d.year()));
}

std::string format_hhmm(minutes m) { return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60); }

Result<WorkingPeriod> parse_working_period(std::string_view s) {
  auto hhmm = [](std::string_view t, minutes& out) {
    int h = 0, m = 0;
    if (t.size() != 5 || t[2] != ':') return false;
    if (std::from_chars(t.data(), t.data() + 2, h).ec != std::errc() ||
        std::from_chars(t.data() + 3, t.data() + 5, m).ec != std::errc() || h > 24 || m > 59 || (h == 24 && m))
      return false;
    out = hours{h} + minutes{m};
    return true;
  };
  WorkingPeriod p{};
  if (s.size() != 11 || s[5] != '-' || !hhmm(s.substr(0, 5), p.start) || !hhmm(s.substr(6, 5), p.end) ||
      p.end <= p.start)
    return Status::Config(fmt::format("invalid working hours '{}' (expected HH:MM-HH:MM, start before end)", s));
  return p;
}

WorkingCalendar WorkingCalendar::always(std::string name) {
  WorkingCalendar c(std::move(name), BusinessDays(), {{minutes{0}, hours{24}}});
  c.always_ = true;
  return c;
}

WorkingCalendar::WorkingCalendar(std::string name, BusinessDays days, std::vector<WorkingPeriod> periods)
    : name_(std::move(name)), days_(std::move(days)), periods_(std::move(periods)) {
  if (periods_.empty()) periods_.push_back({minutes{0}, hours{24}});
}

Date WorkingCalendar::add_days(Date from, int n, DeadlineTrace* trace) const {
  sys_days day{from};
  auto skip_closed = [&] {
    if (always_) return;
    while (auto why = days_.why_closed(Date{day})) {
      if (trace) trace->steps.push_back(fmt::format("{} sauté ({})", french_date(Date{day}), *why));
      day += std::chrono::days{1};
    }
  };
  if (n == 0) skip_closed();
  for (int i = 0; i < n; ++i) {
    day += std::chrono::days{1};
    skip_closed();
  }
  return Date{day};
}

Instant WorkingCalendar::due_after_days(Instant from, int n, DeadlineTrace* trace) const {
  if (always_) return from + hours{24 * n};
  const Date day = add_days(paris::local_date(from), n, trace);
  return at_local(day, periods_.back().end);
}

bool WorkingCalendar::is_working_time(Instant t) const {
  if (always_) return true;
  if (!days_.is_business_day(paris::local_date(t))) return false;
  const minutes m = local_minutes(t);
  for (const auto& p : periods_)
    if (m >= p.start && m < p.end) return true;
  return false;
}

Instant WorkingCalendar::add_working_time(Instant from, minutes left, DeadlineTrace* trace) const {
  if (always_) return from + left;
  Date day = paris::local_date(from);
  minutes cursor = local_minutes(from);
  // A deadline is at most a few weeks away; the bound only guards against a
  // calendar without working time.
  for (int guard = 0; guard < 3660; ++guard) {
    if (auto why = days_.why_closed(day)) {
      if (trace) trace->steps.push_back(fmt::format("{} sauté ({})", french_date(day), *why));
    } else {
      for (const auto& p : periods_) {
        const minutes start = std::max(cursor, p.start);
        if (start >= p.end) continue;
        const minutes available = p.end - start;
        if (left <= available) return at_local(day, start + left);
        left -= available;
      }
    }
    day = Date{sys_days{day} + std::chrono::days{1}};
    cursor = minutes{0};
  }
  return at_local(day, cursor);
}

}  // namespace ghd
