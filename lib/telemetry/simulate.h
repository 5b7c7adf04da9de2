// A realistic data set for the connected dwellings, with faults injected at
// known times and the ground truth of what ghd should find: the registry,
// readings as the gateways send them (long CSV, interleaved across
// devices), the consents of the elderly tenants who have activity sensors.
//
// The physics is deliberately simple but keeps what the diagnostics look at:
// a Dijon winter (daily and multi-day swings around 3 °C), rooms heated by
// radiators behind proportional valves, night set-back (17 °C from 22:30 to
// 06:30), heat lost towards a mix of outdoors and the neighbours, PV on some
// roofs against each building's supply point, tenants moving by day.
//
// Faults, on the days after `from` (those that do not fit are left out):
//   stuck valve         from day 0 12:00 on: a valve jammed shut reports 100 %
//                       open and its room cools            -> valve-stuck-open
//   frozen sensor       day 1 00:00-09:00: a valve's temperature stops changing
//                                                          -> frozen-sensor
//   dying battery       all along: 16 % falling 3.5 points a day -> battery-dying
//   gateway outage      day 1 10:00-16:00, the third building -> gateway-outage
//   heating failure     day 1 07:30-20:30, the second building -> heating-failure
//                       (and too-cold alerts in its consenting dwellings)
//   stops moving        from day 2 08:00, a consenting tenant -> inactivity
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "calendar/time.h"
#include "core/status.h"
#include "store/database.h"

namespace ghd {

struct SimDwelling {
  std::string dwelling, building;
  bool elderly = false;
};

struct SimulationSpec {
  std::vector<SimDwelling> dwellings;  // empty: invented in FO-B10, FO-B11 and FO-B12
  int count = 102;
  Instant from{}, to{};
  std::chrono::seconds step{300};
  std::uint64_t seed = 20261204;
  bool faults = true;
};

struct InjectedFault {
  std::string fault;     // stuck-valve, frozen-sensor, ...
  std::string expected;  // the diagnostic or alert it should raise
  std::string target;    // device, building or dwelling
  Instant from{}, to{};
};

struct Simulation {
  std::string registry_csv;                  // devices import format
  std::vector<std::string> consenting;       // dwellings whose tenant consented (activity, temperature)
  std::vector<InjectedFault> truth;
  long long readings = 0;
};

// Invented dwellings, when no housing stock says which are connected.
std::vector<SimDwelling> invented_dwellings(int count, std::uint64_t seed);

// Writes the readings to `readings` (with its header) as it goes.
Status simulate(const SimulationSpec& spec, std::ostream& readings, Simulation& out);

// The connected dwellings of the housing stock held in `db` (none: empty).
Result<std::vector<SimDwelling>> stock_dwellings(Database& db);

// Writes devices.csv, readings.csv, consents.csv and truth.json into `dir`
// (created when missing), each file complete or not there.
Status write_simulation(const SimulationSpec& spec, const std::string& dir, Simulation& out);

std::string truth_json(const Simulation& sim);
std::string consents_csv(const Simulation& sim);

}  // namespace ghd
