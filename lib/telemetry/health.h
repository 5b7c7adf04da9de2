// The fleet at a glance: which devices are online, silent, low on battery or
// on a weak link. A device is offline when it has been silent for longer than
// its own reporting rhythm allows (three times its usual longest interval
// between frames, the 95th percentile over its last two days; at least 30
// minutes), and never more than 25 hours for a battery device (Zigbee2MQTT's
// rule); it is judged at an instant (--as-of), from the readings held then.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "telemetry/device.h"

namespace ghd {

struct HealthThresholds {
  double offline_factor = 3;                              // usual intervals of silence
  std::chrono::minutes offline_min{30};
  std::chrono::hours battery_offline_max{25};
  double battery_low = 20;                                // %
  double link_weak = 30;                                  // of 255
};

struct DeviceHealth {
  Device device;
  std::optional<Instant> last_seen;
  std::chrono::seconds rhythm{0};  // its usual longest interval between frames (0: unknown)
  std::chrono::seconds offline_after{0};
  bool online = false;
  std::optional<double> battery;
  std::optional<double> linkquality;
  std::vector<std::string> problems;  // offline, never-seen, battery-low, link-weak
};

Result<std::vector<DeviceHealth>> fleet_health(Database& db, Instant now, const HealthThresholds& thresholds);

}  // namespace ghd
