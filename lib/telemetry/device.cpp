#include "telemetry/device.h"

#include <algorithm>

namespace ghd {

const std::vector<MetricSpec>& metric_specs() {
  static const std::vector<MetricSpec> specs = {
      {"temperature", "°C", -40, 60, false},  // outdoor too; an indoor 85 °C is out
      {"setpoint", "°C", 4, 35, false},
      {"valve", "%", 0, 100, false},
      {"battery", "%", 0, 100, false},
      {"linkquality", "", 0, 255, false},
      {"window_open", "", 0, 1, false},
      {"humidity", "%", 0, 100, false},
      {"motion", "", 0, 1, false},
      {"door", "", 0, 1, false},
      {"energy", "Wh", 0, 1e12, true},
      {"power", "W", -1e6, 1e6, false},
      {"import", "Wh", 0, 1e12, true},
      {"export", "Wh", 0, 1e12, true},
  };
  return specs;
}

const MetricSpec* find_metric(std::string_view name) {
  for (const auto& m : metric_specs())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<DeviceKind>& device_kinds() {
  static const std::vector<DeviceKind> kinds = {
      {"trv", {"temperature", "setpoint", "valve", "battery", "linkquality", "window_open"}, true},
      {"room-sensor", {"temperature", "humidity", "battery", "linkquality"}, true},
      {"motion", {"motion", "battery", "linkquality"}, true},
      {"door", {"door", "battery", "linkquality"}, true},
      {"pv-meter", {"energy", "power"}, false},
      {"grid-meter", {"import", "export"}, false},
      {"heat-meter", {"energy"}, false},
      {"weather", {"temperature"}, false},
  };
  return kinds;
}

const DeviceKind* find_kind(std::string_view name) {
  for (const auto& k : device_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

bool kind_has_metric(const DeviceKind& kind, std::string_view metric) {
  return std::find(kind.metrics.begin(), kind.metrics.end(), metric) != kind.metrics.end();
}

}  // namespace ghd
