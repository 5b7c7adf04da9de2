#include <catch2/catch.hpp>

#include "calendar/business_days.h"

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
