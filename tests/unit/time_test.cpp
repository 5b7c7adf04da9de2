#include <catch2/catch.hpp>

#include "calendar/time.h"
#include "calendar/time_spec.h"

using namespace ghd;
using namespace std::chrono;

namespace {
Instant utc(const char* iso) {
  auto t = parse_instant(iso);
  REQUIRE(t.ok());
  return *t;
}
}  // namespace

TEST_CASE("instants parse with Z, offsets, or as Paris local time") {
  CHECK(format_iso(utc("2026-11-30T06:05:00Z")) == "2026-11-30T07:05:00+01:00");
  CHECK(format_iso(utc("2026-11-30T08:05:00+02:00")) == "2026-11-30T07:05:00+01:00");
  CHECK(format_iso(utc("2026-07-14T12:00")) == "2026-07-14T12:00:00+02:00");
  CHECK(format_iso(utc("2026-07-14 12:00:30")) == "2026-07-14T12:00:30+02:00");
  CHECK(format_iso(utc("2026-11-30T06:05:00.250Z")) == "2026-11-30T07:05:00+01:00");
  CHECK(format_iso(utc("2026-01-01")) == "2026-01-01T00:00:00+01:00");
  for (const char* bad : {"", "2026-13-01", "2026-02-30", "2026-11-30T25:00", "30/11/2026", "2026-11-30T08:00+1",
                          "2026-11-30X08:00", "2026-11-30T08:00:00Zjunk"})
    CHECK_FALSE(parse_instant(bad).ok());
}

TEST_CASE("French export dates are Paris local time") {
  auto t = parse_french_datetime("30/11/2026 08:12");
  REQUIRE(t.ok());
  CHECK(to_unix(*t) == to_unix(utc("2026-11-30T07:12:00Z")));
  auto summer = parse_french_datetime("01/07/2026 08:12:45");
  REQUIRE(summer.ok());
  CHECK(to_unix(*summer) == to_unix(utc("2026-07-01T06:12:45Z")));
  for (const char* bad : {"31/02/2026 10:00", "2026-11-30 08:00", "30/11/2026", "30/11/2026 8:00", "30/11/2026 24:00"})
    CHECK_FALSE(parse_french_datetime(bad).ok());
}

TEST_CASE("Europe/Paris changes clocks on the last Sundays of March and October at 01:00 UTC") {
  // 2026: 29 March and 25 October.
  CHECK(paris::utc_offset(utc("2026-03-29T00:59:59Z")) == hours{1});
  CHECK(paris::utc_offset(utc("2026-03-29T01:00:00Z")) == hours{2});
  CHECK(paris::utc_offset(utc("2026-10-25T00:59:59Z")) == hours{2});
  CHECK(paris::utc_offset(utc("2026-10-25T01:00:00Z")) == hours{1});
  // 2027: 28 March and 31 October.
  CHECK(paris::utc_offset(utc("2027-03-28T01:00:00Z")) == hours{2});
  CHECK(paris::utc_offset(utc("2027-10-31T00:30:00Z")) == hours{2});
}

TEST_CASE("local times that happen twice or never") {
  // 02:30 on 25 October 2026 happens twice: first in summer time.
  const LocalTime twice = local_days{2026y / October / 25} + hours{2} + minutes{30};
  CHECK(format_iso(paris::to_utc(twice, Fold::earlier)) == "2026-10-25T02:30:00+02:00");
  CHECK(format_iso(paris::to_utc(twice, Fold::later)) == "2026-10-25T02:30:00+01:00");
  // 02:30 on 29 March 2026 never happens: the clock shows 03:30.
  const LocalTime never = local_days{2026y / March / 29} + hours{2} + minutes{30};
  CHECK(format_iso(paris::to_utc(never)) == "2026-03-29T03:30:00+02:00");
}

TEST_CASE("a local day has 23, 24 or 25 hours") {
  auto length = [](Date d) {
    return duration_cast<hours>(paris::start_of_day(Date{sys_days{d} + days{1}}) - paris::start_of_day(d)).count();
  };
  CHECK(length(2026y / March / 29) == 23);
  CHECK(length(2026y / October / 25) == 25);
  CHECK(length(2026y / November / 30) == 24);
  CHECK(paris::local_date(utc("2026-11-30T23:30:00Z")) == 2026y / December / 1);
}

TEST_CASE("time specs on the command line") {
  const BusinessDays cal;
  const Instant now = utc("2026-11-30T09:00:00+01:00");  // a Monday
  auto lower = [&](const char* s) { return format_iso(*resolve_time_spec(s, Bound::lower, now, cal)); };
  auto upper = [&](const char* s) { return format_iso(*resolve_time_spec(s, Bound::upper, now, cal)); };
  CHECK(lower("today") == "2026-11-30T00:00:00+01:00");
  CHECK(lower("yesterday") == "2026-11-29T00:00:00+01:00");
  CHECK(upper("yesterday") == "2026-11-30T00:00:00+01:00");
  CHECK(lower("last-business-day") == "2026-11-27T00:00:00+01:00");
  CHECK(lower("2026-11-15") == "2026-11-15T00:00:00+01:00");
  CHECK(upper("2026-11-15") == "2026-11-16T00:00:00+01:00");
  CHECK(lower("2026-11-15T10:00") == "2026-11-15T10:00:00+01:00");
  CHECK_FALSE(resolve_time_spec("tomorrowish", Bound::lower, now, cal).ok());
}
