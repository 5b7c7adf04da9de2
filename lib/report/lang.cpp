#include "report/lang.h"

#include <cmath>
#include <fmt/format.h>

namespace ghd {

Result<Lang> Lang::parse(const std::string& code) {
  if (code == "fr" || code.empty()) return Lang(false);
  if (code == "en") return Lang(true);
  return Status::Usage(fmt::format("unknown language '{}' (expected fr or en)", code));
}

std::string Lang::long_date(Date d) const {
  static const char* days_fr[] = {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
  static const char* days_en[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static const char* months_fr[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static const char* months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                    "July",    "August",   "September", "October", "November", "December"};
  const unsigned wd = std::chrono::weekday{std::chrono::sys_days{d}}.c_encoding();
  const unsigned m = unsigned(d.month()) - 1;
  return fmt::format("{} {} {} {}", english_ ? days_en[wd] : days_fr[wd], unsigned(d.day()),
                     english_ ? months_en[m] : months_fr[m], int(d.year()));
}

std::string Lang::short_time(Instant t) const {
  const std::string s = format_local_minutes(t);  // "2026-11-30 07:05"
  return fmt::format("{}/{} {}", s.substr(8, 2), s.substr(5, 2), s.substr(11));
}

std::string Lang::number(double v, int decimals) const {
  std::string digits = fmt::format("{:.{}f}", std::fabs(v), decimals);
  std::string whole = digits.substr(0, digits.find('.'));
  const std::string frac = digits.find('.') == std::string::npos ? "" : digits.substr(digits.find('.') + 1);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) grouped += english_ ? "," : "\u202f";
    grouped += whole[i];
  }
  std::string out = (v < 0 && std::round(v * std::pow(10, decimals)) != 0 ? "-" : "") + grouped;
  if (!frac.empty()) out += (english_ ? "." : ",") + frac;
  return out;
}

}  // namespace ghd
