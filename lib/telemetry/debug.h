// One device on one screen, for support: the last frame and the last change
// of each metric (a device can be online and frozen), its battery and link
// trends, the gaps in its data and what the diagnostics find.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/telemetry_store.h"
#include "telemetry/consent.h"
#include "telemetry/diagnostics.h"
#include "telemetry/health.h"

namespace ghd {

struct MetricState {
  std::string metric;
  std::optional<Instant> last_frame;
  double last_value = 0;
  std::optional<Instant> last_change;  // when it took its last value (searched back 60 days)
  long long readings = 0;              // within the window
  double min = 0, max = 0;             // within the window
};

struct DailyValue {
  Date day{};
  double mean = 0;
};

struct Gap {
  Instant from{}, to{};
};

struct DeviceDebug {
  DeviceHealth health;
  Instant since{}, now{};
  std::vector<MetricState> metrics;
  BatteryTrend battery;
  std::vector<DailyValue> battery_days, link_days;  // daily means, from the roll-ups
  std::optional<double> link_per_day;
  std::vector<Gap> gaps;             // silences longer than the device's offline threshold
  std::vector<DeviceEvent> events;   // what the device reported about itself in the window
  std::vector<Finding> findings;
};

// `reader` is logged in the audit when the device holds activity data.
Result<DeviceDebug> debug_device(Database& db, const std::string& device, Instant since, Instant now,
                                 const DiagnosticSettings& settings, const AuditEntry& reader);

}  // namespace ghd
