#include "calendar/holidays.h"

#include <algorithm>

namespace ghd {

using namespace std::chrono;

Date easter_sunday(int y) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_ = (h + l - 7 * m + 114) / 31;
  const int day_ = ((h + l - 7 * m + 114) % 31) + 1;
  return Date{year{y}, month{unsigned(month_)}, day{unsigned(day_)}};
}

std::vector<Holiday> public_holidays(int y, const HolidayRules& rules) {
  const sys_days easter{easter_sunday(y)};
  auto fixed = [y](unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; };
  auto from_easter = [&](int n) { return Date{easter + days{n}}; };
  std::vector<Holiday> out = {
      {fixed(1, 1), "Jour de l'an"},
      {from_easter(1), "Lundi de Pâques"},
      {fixed(5, 1), "Fête du Travail"},
      {fixed(5, 8), "Victoire 1945"},
      {from_easter(39), "Ascension"},
      {fixed(7, 14), "Fête nationale"},
      {fixed(8, 15), "Assomption"},
      {fixed(11, 1), "Toussaint"},
      {fixed(11, 11), "Armistice 1918"},
      {fixed(12, 25), "Noël"},
  };
  if (!rules.solidarity_day_worked) out.push_back({from_easter(50), "Lundi de Pentecôte"});
  if (rules.alsace_moselle) {
    out.push_back({from_easter(-2), "Vendredi saint"});
    out.push_back({fixed(12, 26), "Saint Étienne"});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Holiday& a, const Holiday& b) { return sys_days{a.date} < sys_days{b.date}; });
  return out;
}

}  // namespace ghd
