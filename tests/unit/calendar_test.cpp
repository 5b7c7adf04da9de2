#include <catch2/catch.hpp>

#include "calendar/business_days.h"
#include "calendar/working_time.h"

using namespace ghd;
using namespace std::chrono;

TEST_CASE("Easter by the Gregorian computus") {
  CHECK(easter_sunday(2000) == 2000y / April / 23);
  CHECK(easter_sunday(2008) == 2008y / March / 23);
  CHECK(easter_sunday(2019) == 2019y / April / 21);
  CHECK(easter_sunday(2024) == 2024y / March / 31);
  CHECK(easter_sunday(2025) == 2025y / April / 20);
  CHECK(easter_sunday(2026) == 2026y / April / 5);
  CHECK(easter_sunday(2027) == 2027y / March / 28);
  CHECK(easter_sunday(2038) == 2038y / April / 25);
}

TEST_CASE("French public holidays of a year") {
  const auto h = public_holidays(2026, {});
  REQUIRE(h.size() == 11);
  CHECK(h[0].date == 2026y / January / 1);
  CHECK(h[1].date == 2026y / April / 6);   // Lundi de Pâques
  CHECK(h[1].name == "Lundi de Pâques");
  CHECK(h[4].date == 2026y / May / 14);    // Ascension
  CHECK(h[5].date == 2026y / May / 25);    // Pentecôte
  CHECK(h[10].date == 2026y / December / 25);
}

TEST_CASE("2008: Ascension fell on 1 May") {
  const auto h = public_holidays(2008, {});
  REQUIRE(h.size() == 11);
  int on_may_first = 0;
  for (const auto& x : h) on_may_first += x.date == 2008y / May / 1;
  CHECK(on_may_first == 2);
}

TEST_CASE("Alsace-Moselle and the solidarity day are settings") {
  HolidayRules alsace;
  alsace.alsace_moselle = true;
  const auto h = public_holidays(2026, alsace);
  CHECK(h.size() == 13);
  CHECK(std::any_of(h.begin(), h.end(), [](const Holiday& x) { return x.date == 2026y / April / 3; }));
  CHECK(std::any_of(h.begin(), h.end(), [](const Holiday& x) { return x.date == 2026y / December / 26; }));
  HolidayRules worked;
  worked.solidarity_day_worked = true;
  CHECK(public_holidays(2026, worked).size() == 10);
  CHECK(BusinessDays(worked, {}).is_business_day(2026y / May / 25));
}

TEST_CASE("business days skip weekends, holidays and closures") {
  const BusinessDays cal({}, {Closure{2026y / May / 15, 2026y / May / 15, "Pont de l'Ascension"}});
  CHECK(cal.is_business_day(2026y / November / 30));
  CHECK_FALSE(cal.is_business_day(2026y / November / 28));
  CHECK(*cal.why_closed(2026y / November / 11) == "Armistice 1918");
  CHECK(*cal.why_closed(2026y / May / 15) == "Pont de l'Ascension");
  // Friday evening is triaged on Monday, or on Tuesday after Easter Monday.
  CHECK(cal.next_business_day(2026y / April / 3) == 2026y / April / 7);
  CHECK(cal.previous_business_day(2026y / April / 7) == 2026y / April / 3);
  CHECK(cal.next_business_day(2026y / May / 22) == 2026y / May / 26);  // Whit Monday
  // Ascension Thursday 14 May and the bridge Friday: Wednesday to Monday.
  CHECK(cal.next_business_day(2026y / May / 13) == 2026y / May / 18);
}

namespace {
WorkingCalendar office() {
  return WorkingCalendar("business", BusinessDays(),
                         {{std::chrono::minutes{8 * 60 + 30}, std::chrono::minutes{12 * 60}},
                          {std::chrono::minutes{13 * 60 + 30}, std::chrono::minutes{17 * 60}}});
}
Instant local(const char* iso) { return *parse_instant(iso); }
}  // namespace

TEST_CASE("business days skip weekends and holidays, and say why") {
  DeadlineTrace trace;
  CHECK(office().add_days(2021y / April / 2, 2, &trace) == 2021y / April / 7);
  REQUIRE(trace.steps.size() == 3);
  CHECK(trace.steps[0] == "samedi 3 avril 2021 sauté (samedi)");
  CHECK(trace.steps[2] == "lundi 5 avril 2021 sauté (Lundi de Pâques)");
  CHECK(office().add_days(2026y / November / 28, 0) == 2026y / November / 30);  // Saturday -> Monday
}

TEST_CASE("working time runs only in working hours") {
  const auto cal = office();
  // Friday 16:00 + 2 h: one hour on Friday, one on Monday morning.
  CHECK(format_iso(cal.add_working_time(local("2026-11-27T16:00"), std::chrono::hours{2})) ==
        "2026-11-30T09:30:00+01:00");
  // Lunch is not working time.
  CHECK(format_iso(cal.add_working_time(local("2026-11-30T11:30"), std::chrono::hours{1})) ==
        "2026-11-30T14:00:00+01:00");
  // Received at night: the clock starts in the morning.
  CHECK(format_iso(cal.add_working_time(local("2026-11-30T22:00"), std::chrono::minutes{30})) ==
        "2026-12-01T09:00:00+01:00");
  // Across the spring clock change the local hours are kept.
  CHECK(format_iso(cal.add_working_time(local("2026-03-27T16:30"), std::chrono::hours{1})) ==
        "2026-03-30T09:00:00+02:00");
  // And across the autumn one.
  CHECK(format_iso(cal.add_working_time(local("2026-10-23T16:30"), std::chrono::hours{1})) ==
        "2026-10-26T09:00:00+01:00");
  CHECK(cal.is_working_time(local("2026-11-30T10:00")));
  CHECK_FALSE(cal.is_working_time(local("2026-11-30T12:30")));
  CHECK_FALSE(cal.is_working_time(local("2026-11-28T10:00")));
}

TEST_CASE("deadlines in days end with the working day") {
  const auto cal = office();
  DeadlineTrace trace;
  // Friday evening + 1 business day: Monday, or Tuesday after Easter Monday.
  CHECK(format_iso(cal.due_after_days(local("2026-11-27T19:00"), 1, &trace)) == "2026-11-30T17:00:00+01:00");
  CHECK(format_iso(cal.due_after_days(local("2026-04-03T19:00"), 1)) == "2026-04-07T17:00:00+02:00");
}

TEST_CASE("round the clock counts real hours, even when clocks change") {
  const auto cal = WorkingCalendar::always("24x7");
  // 00:30 on 29 March 2026 (winter time) + 4 h = 05:30 summer time.
  CHECK(format_iso(cal.add_working_time(local("2026-03-29T00:30"), std::chrono::hours{4})) ==
        "2026-03-29T05:30:00+02:00");
  CHECK(format_iso(cal.due_after_days(local("2026-11-28T10:00"), 1)) == "2026-11-29T10:00:00+01:00");
  CHECK(cal.is_working_time(local("2026-12-25T03:00")));
}

TEST_CASE("working periods parse strictly") {
  CHECK(parse_working_period("08:30-12:00").ok());
  CHECK(parse_working_period("00:00-24:00").ok());
  for (const char* bad : {"8:30-12:00", "12:00-08:30", "08:30-25:00", "08:30 12:00"})
    CHECK_FALSE(parse_working_period(bad).ok());
}
