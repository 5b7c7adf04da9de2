// Reports staff read are in French; --lang en gives English. Each text is
// written in both where it is used: tr("Urgences", "Emergencies").
#pragma once

#include <string>

#include "calendar/time.h"
#include "core/status.h"

namespace ghd {

class Lang {
 public:
  static Result<Lang> parse(const std::string& code);  // "fr" or "en"
  const char* operator()(const char* fr, const char* en) const { return english_ ? en : fr; }
  std::string code() const { return english_ ? "en" : "fr"; }
  // "lundi 30 novembre 2026" / "Monday 30 November 2026".
  std::string long_date(Date d) const;
  // "30/11 07:00" / "30 Nov 07:00", Europe/Paris.
  std::string short_time(Instant t) const;
  // 1 234,5 / 1,234.5 with `decimals` digits.
  std::string number(double v, int decimals = 0) const;

 private:
  explicit Lang(bool english) : english_(english) {}
  bool english_ = false;
};

}  // namespace ghd
