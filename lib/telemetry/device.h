// Connected devices of the RESPONSE project and what they measure: the kinds,
// their metrics, and the values a working sensor can report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/time.h"

namespace ghd {

struct MetricSpec {
  std::string_view name;
  std::string_view unit;
  double min, max;      // a value outside is impossible: the reading is quarantined
  bool counter;         // a cumulative index (energy): only grows, but for resets
};

const std::vector<MetricSpec>& metric_specs();
const MetricSpec* find_metric(std::string_view name);

struct DeviceKind {
  std::string_view name;
  std::vector<std::string_view> metrics;
  bool battery;  // runs on batteries (offline after 25 h of silence at most)
};
const std::vector<DeviceKind>& device_kinds();
const DeviceKind* find_kind(std::string_view name);
bool kind_has_metric(const DeviceKind& kind, std::string_view metric);

struct Device {
  long long id = 0;          // internal
  std::string device_id;     // the installer's id, e.g. trv-0412
  std::string kind;
  std::string model;
  std::string dwelling;      // empty for building-level devices
  std::string room;
  std::string building;      // from the dwelling, or "building:FO-B12" in room
  Date installed_on{};
  std::string friendly_name; // Zigbee2MQTT's name, e.g. FO-B12-0304/salon-trv
};

}  // namespace ghd
