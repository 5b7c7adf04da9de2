// French public holidays, computed (Easter by the Gregorian computus).
#pragma once

#include <string>
#include <vector>

#include "calendar/time.h"

namespace ghd {

struct HolidayRules {
  bool alsace_moselle = false;        // adds Good Friday and 26 December
  bool solidarity_day_worked = false; // Whit Monday worked ("journée de solidarité")
};

struct Holiday {
  Date date;
  std::string name;  // French name, as staff read it
};

Date easter_sunday(int year);
// The holidays of a year in date order. Two holidays on one date (Ascension on
// 1 May 2008) give two entries with the same date.
std::vector<Holiday> public_holidays(int year, const HolidayRules& rules);

}  // namespace ghd
