// The "levée de doute" checks, for dwellings whose tenant consented, and only
// within what the consent covers:
//   inactivity      no motion and no door event for longer than usual: longer
//                   than the tenant's own pattern allows (hours of the day
//                   with activity on most of the last 28 days: a silence over
//                   `inactivity_usual_hours` such hours), or than a fixed
//                   ceiling of daytime hours (07:00-22:00);
//   too-cold        a room under 16 °C for 3 hours (health risk);
//   too-hot         a room over 28 °C for 3 hours (heat-wave register);
//   sensors-silent  the activity sensors themselves silent for 25 hours: a
//                   check that cannot see is not a reassurance.
// An alert is stored with its evidence and not raised again while it is open
// (not acknowledged).
#pragma once

#include <string>
#include <vector>

#include <optional>

#include "calendar/time.h"
#include "store/database.h"

namespace ghd {

struct CheckSettings {
  double inactivity_ceiling_hours = 12;  // daytime hours
  int inactivity_usual_hours = 3;        // usually active hours in a silence
  double cold_below = 16, hot_above = 28;
  int temperature_hours = 3;
  int sensors_silent_hours = 25;
};

struct Alert {
  long long id = 0;
  std::string dwelling, kind, evidence;
  Instant raised_at{};
  std::optional<Instant> acknowledged_at;
  std::string acknowledged_by, note;
};

struct CheckReport {
  int dwellings = 0;        // consenting dwellings checked
  std::vector<Alert> raised;
  int still_open = 0;       // signals whose alert was already open
};

Status run_checks(Database& db, const CheckSettings& settings, Instant now, CheckReport& report);
Result<std::vector<Alert>> list_alerts(Database& db, bool all);
Status acknowledge_alert(Database& db, long long id, const std::string& actor, const std::string& note, Instant now);

}  // namespace ghd
