// Diagnostics of devices, each a rule with its thresholds (ghd.yaml's
// telemetry.diagnostics) and the evidence that made it fire:
//   offline              silent now for longer than its rhythm allows (health.h);
//   data-gap             silent for that long within the window, then back;
//   frozen-sensor        a temperature unchanged for `frozen_hours` while frames
//                        kept coming and the valve, the setpoint or the outdoor
//                        temperature moved;
//   valve-stuck-open     valve at least `valve_open` % for `stuck_hours` while
//                        the room stays `below_setpoint` K under its setpoint;
//   valve-stuck-closed   valve at most `valve_closed` % for as long, as cold,
//                        no window open;
//   setpoint-never-reached  over `setpoint_hours` of readings, never within
//                        `setpoint_margin` K of the setpoint (not said when a
//                        stuck valve already explains it);
//   window-open          the valve reports an open window for `window_minutes`,
//                        or the temperature falls `window_drop` K within
//                        `window_minutes` with the valve open;
//   battery-dying        battery at most `battery_dying` %, or about
//                        `battery_days_left` days left at its trend over 14
//                        days, or the device says its battery is low;
//   clock-drift          readings dated in the future or before installation
//                        (quarantined at ingest);
//   vendor-fault         what the device reports itself (Danfoss
//                        system_status_code, adaptation_run_status lost, Bosch
//                        valve_adapt_status error).
// Building level: when at least `building_share` of a building's valves (and
// `building_min_devices`) show valve-stuck-open at the same time, it is the
// building's heating: one heating-failure finding replaces them. Likewise
// devices of a building offline or silent at the same time: its gateway
// (gateway-offline, gateway-outage).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "telemetry/device.h"
#include "telemetry/health.h"

namespace ghd {

struct DiagnosticSettings {
  double frozen_hours = 6;
  double frozen_valve_moved = 20;    // points of valve opening
  double frozen_outdoor_moved = 2;   // K
  double stuck_hours = 4;
  double valve_open = 80, valve_closed = 5;  // %
  double below_setpoint = 3;         // K
  double setpoint_hours = 12;
  double setpoint_margin = 1;        // K
  int window_minutes = 30;
  double window_drop = 1.5;          // K
  double window_valve = 30;          // % open when the temperature fell
  double battery_dying = 10;         // %
  double battery_days_left = 14;
  double building_share = 0.5;
  int building_min_devices = 3;
  HealthThresholds health;
};

struct Finding {
  std::string diagnostic;  // offline, frozen-sensor, ..., heating-failure
  std::string device_id;   // empty for a building finding
  std::string dwelling, room, building;
  Instant since{}, until{};
  std::string evidence;
  std::vector<std::string> devices;  // a building finding: the devices it covers
};

struct Diagnosis {
  Instant from{}, to{};
  int devices = 0;  // devices looked at
  std::vector<Finding> findings;  // by building, device, diagnostic
};

// Looks at the readings of [from, now]; `building` and `device` restrict
// (empty: all).
Result<Diagnosis> diagnose(Database& db, Instant from, Instant now, const DiagnosticSettings& settings,
                           const std::string& building = "", const std::string& device = "");

// The battery's trend over the 14 days before `now`: level, points a day
// (negative when falling) and the days left at that pace.
struct BatteryTrend {
  std::optional<double> level;
  std::optional<double> per_day;
  std::optional<double> days_left;
};
Result<BatteryTrend> battery_trend(Database& db, const Device& device, Instant now);

// For each heating-failure finding, the request that tells the heating
// service: opened once (category technical, service chauffage, channel
// telemetry, tagged incident:heating), not again while it is open.
struct BuildingRequest {
  std::string building;
  long long request_id = 0;
  bool opened = false;  // false: one was already open
};
Result<std::vector<BuildingRequest>> open_building_requests(Database& db, const Diagnosis& diagnosis,
                                                             const std::string& actor, Instant now);

}  // namespace ghd
