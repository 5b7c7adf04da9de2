#include "calendar/time.h"

#include <charconv>
#include <fmt/format.h>

namespace ghd {

using namespace std::chrono;

namespace {

sys_days last_sunday(int y, unsigned m) {
  return sys_days{year{y} / month{m} / Sunday[last]};
}

// Summer time starts and ends at 01:00 UTC.
bool is_summer(Instant t) {
  const int y = int(year_month_day{floor<days>(t)}.year());
  const Instant start = last_sunday(y, 3) + hours{1};
  const Instant end = last_sunday(y, 10) + hours{1};
  return t >= start && t < end;
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

Status bad_time(std::string_view text, std::string_view expected) {
  return Status::DataError(fmt::format("invalid time '{}' (expected {})", text, expected));
}

// Parses "HH:MM[:SS[.fff]]" into seconds of the day.
bool parse_clock(std::string_view s, int& seconds_of_day) {
  if (s.size() < 5 || s[2] != ':') return false;
  int h = 0, m = 0, sec = 0;
  if (!all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2))) return false;
  parse_int(s.substr(0, 2), h);
  parse_int(s.substr(3, 2), m);
  std::string_view rest = s.substr(5);
  if (!rest.empty()) {
    if (rest.size() < 3 || rest[0] != ':' || !all_digits(rest.substr(1, 2))) return false;
    parse_int(rest.substr(1, 2), sec);
    rest = rest.substr(3);
    if (!rest.empty()) {
      if (rest[0] != '.' && rest[0] != ',') return false;
      if (!all_digits(rest.substr(1))) return false;
    }
  }
  if (h > 23 || m > 59 || sec > 60) return false;
  seconds_of_day = h * 3600 + m * 60 + std::min(sec, 59);
  return true;
}

}  // namespace

bool valid_date(int y, unsigned m, unsigned d) {
  return year_month_day{year{y}, month{m}, day{d}}.ok() && y >= 1900 && y <= 2999;
}

namespace paris {

seconds utc_offset(Instant t) { return is_summer(t) ? hours{2} : hours{1}; }

LocalTime to_local(Instant t) {
  return LocalTime{t.time_since_epoch() + utc_offset(t)};
}

Instant to_utc(LocalTime t, Fold fold) {
  // Try both offsets; keep those that map back to the same local time.
  const Instant as_summer{t.time_since_epoch() - hours{2}};
  const Instant as_winter{t.time_since_epoch() - hours{1}};
  const bool summer_ok = is_summer(as_summer);
  const bool winter_ok = !is_summer(as_winter);
  if (summer_ok && winter_ok) return fold == Fold::earlier ? as_summer : as_winter;
  if (summer_ok) return as_summer;
  if (winter_ok) return as_winter;
  // The spring gap (02:00-03:00 does not exist): the winter reading lands one
  // hour later in summer time, which is what a clock set forward shows.
  return as_winter;
}

Date local_date(Instant t) { return year_month_day{floor<days>(to_local(t))}; }

Instant start_of_day(Date d) {
  return to_utc(LocalTime{local_days{d}.time_since_epoch()}, Fold::earlier);
}

}  // namespace paris

Instant from_unix(long long s) { return Instant{seconds{s}}; }
long long to_unix(Instant t) { return t.time_since_epoch().count(); }

std::string format_iso(Instant t) {
  const auto local = paris::to_local(t);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  const int off = int(paris::utc_offset(t).count() / 3600);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+{:02}:00", int(ymd.year()),
                     unsigned(ymd.month()), unsigned(ymd.day()), hms.hours().count(),
                     hms.minutes().count(), hms.seconds().count(), off);
}

std::string format_local_minutes(Instant t) {
  const auto local = paris::to_local(t);
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()), hms.hours().count(), hms.minutes().count());
}

std::string format_date(Date d) {
  return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

Result<Date> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !parse_int(s.substr(0, 4), y) ||
      !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d) ||
      !valid_date(y, unsigned(m), unsigned(d)))
    return bad_time(s, "a date YYYY-MM-DD");
  return Date{year{y}, month{unsigned(m)}, day{unsigned(d)}};
}

Result<Instant> parse_instant(std::string_view s) {
  constexpr std::string_view expected =
      "YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] local, or with Z or an offset such as +01:00";
  if (s.size() < 10) return bad_time(s, expected);
  auto date = parse_date(s.substr(0, 10));
  if (!date.ok()) return bad_time(s, expected);
  if (s.size() == 10) return paris::start_of_day(*date);
  if (s[10] != 'T' && s[10] != ' ') return bad_time(s, expected);
  std::string_view rest = s.substr(11);
  // Split off the zone designator, if any.
  std::optional<seconds> offset;
  if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
    offset = seconds{0};
    rest.remove_suffix(1);
  } else if (rest.size() > 6 && (rest[rest.size() - 6] == '+' || rest[rest.size() - 6] == '-') &&
             rest[rest.size() - 3] == ':') {
    int oh = 0, om = 0;
    if (!parse_int(rest.substr(rest.size() - 5, 2), oh) ||
        !parse_int(rest.substr(rest.size() - 2, 2), om) || oh > 14 || om > 59)
      return bad_time(s, expected);
    const int sign = rest[rest.size() - 6] == '-' ? -1 : 1;
    offset = seconds{sign * (oh * 3600 + om * 60)};
    rest.remove_suffix(6);
  }
  int sod = 0;
  if (!parse_clock(rest, sod)) return bad_time(s, expected);
  const auto local = local_days{*date} + seconds{sod};
  if (offset) return Instant{local.time_since_epoch() - *offset};
  return paris::to_utc(local);
}

Result<Instant> parse_french_datetime(std::string_view s) {
  constexpr std::string_view expected = "dd/mm/yyyy HH:MM[:SS]";
  int d = 0, m = 0, y = 0;
  if (s.size() < 16 || s[2] != '/' || s[5] != '/' || s[10] != ' ' ||
      !parse_int(s.substr(0, 2), d) || !parse_int(s.substr(3, 2), m) ||
      !parse_int(s.substr(6, 4), y) || !valid_date(y, unsigned(m), unsigned(d)))
    return bad_time(s, expected);
  int sod = 0;
  if (!parse_clock(s.substr(11), sod)) return bad_time(s, expected);
  return paris::to_utc(local_days{year{y} / month{unsigned(m)} / day{unsigned(d)}} + seconds{sod});
}

}  // namespace ghd
