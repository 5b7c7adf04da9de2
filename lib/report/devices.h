// Fleet health for support: offline devices, low or falling batteries with
// the days left, weak links, and what the diagnostics found over the last 24
// hours, by building.
#pragma once

#include <string>
#include <vector>

#include "report/document.h"
#include "report/lang.h"
#include "telemetry/diagnostics.h"

namespace ghd {

struct DeviceLine {
  DeviceHealth health;
  BatteryTrend battery;
  std::vector<std::string> findings;  // diagnostics
};

struct DevicesReport {
  Instant now{};
  std::string building;
  int devices = 0, online = 0;
  std::vector<DeviceLine> lines;      // devices with something to say
  std::vector<Finding> building_findings;
};

Result<DevicesReport> devices_report(Database& db, Instant now, const DiagnosticSettings& s, const std::string& building);
Document devices_document(const DevicesReport& r, const Lang& lang);
std::string devices_json(const DevicesReport& r);
std::string devices_csv(const DevicesReport& r);

}  // namespace ghd
