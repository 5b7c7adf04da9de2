// The energy report of the connected dwellings over a period ending
// yesterday (local days): degree days from the weather station, heating
// demand per dwelling and building (valve-hours: hours of a valve fully open,
// from the daily roll-ups; heat meters where fitted), indoor temperature by
// room (mean, hours under 17 °C and over 22 °C, from the hourly roll-ups),
// comparisons normalised by degree days with the previous period and the same
// period a year before, the dwellings that stand out, PV production and
// self-consumption per building (hour by hour, then summed), and each
// building's energy signature with tomorrow's heating need for a forecast
// temperature. Reads roll-ups only, never raw readings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "energy/degree_days.h"
#include "energy/signature.h"
#include "report/document.h"
#include "report/lang.h"
#include "store/database.h"

namespace ghd {

enum class EnergyPeriod { day, week, month, season };
std::optional<EnergyPeriod> energy_period(const std::string& name);
const char* period_name(EnergyPeriod p);

struct DateRange {
  Date first{}, last{};  // inclusive local days
  int days() const;
};
// The period ending the day before `today`.
DateRange period_range(EnergyPeriod p, Date today);
DateRange previous_range(const DateRange& r);
DateRange year_before(const DateRange& r);

struct EnergySettings {
  DegreeDayMethod method = DegreeDayMethod::meteo_france;
  double base = 18;
  double cold_below = 17, warm_above = 22;   // hours counted under / over
  double cold_dwelling = 18;                  // a dwelling's mean under this stands out
  double hot_dwelling = 23;                   // over this too
  double window_valve = 30;                   // % open in an hour with a window open
};

struct DayFigures {
  Date day{};
  std::optional<double> tn, tx, outdoor_mean, degree_days;
  double demand = 0;                   // valve-hours of the dwellings looked at
  std::optional<double> indoor_mean;   // mean of the rooms' daily means
  double pv_production = 0, pv_self_consumed = 0;  // Wh
};

struct RoomFigures {
  std::string dwelling, room, device;
  std::optional<double> mean, min, max;
  int hours = 0, hours_below = 0, hours_above = 0;
};

struct DwellingFigures {
  std::string dwelling, building;
  double demand = 0;                   // valve-hours
  std::optional<double> heat_kwh;      // heat meter
  std::optional<double> indoor_mean;
  int hours = 0, hours_below = 0, hours_above = 0, window_fight_hours = 0;
  std::vector<std::string> flags;      // cold, cold-low-heating, overheated, window-fighting
};

struct PvFigures {
  double production = 0, exported = 0, imported = 0, self_consumed = 0, consumption = 0;  // Wh
  std::optional<double> self_consumption_rate, self_sufficiency_rate;
};

struct BuildingFigures {
  std::string building;
  int dwellings = 0;
  double demand = 0;
  std::optional<double> per_degree_day, previous_per_degree_day, last_year_per_degree_day;
  std::optional<PvFigures> pv;
  std::optional<SignatureFit> signature;
  std::optional<double> forecast_demand;  // valve-hours tomorrow
};

struct EnergyReport {
  EnergyPeriod period = EnergyPeriod::day;
  DateRange range, previous, last_year;
  Instant now{};
  DegreeDayMethod method = DegreeDayMethod::meteo_france;
  std::optional<double> degree_days, previous_degree_days, last_year_degree_days;
  std::vector<DayFigures> days;
  std::vector<BuildingFigures> buildings;
  std::vector<DwellingFigures> dwellings;
  std::vector<RoomFigures> rooms;
  std::optional<double> forecast_temperature;
};

struct EnergyQuery {
  EnergyPeriod period = EnergyPeriod::day;
  std::string building, dwelling;  // filters (empty: all)
  std::optional<double> forecast_temperature;
};

Result<EnergyReport> energy_report(Database& db, const EnergyQuery& q, Instant now, const EnergySettings& s);

Document energy_document(const EnergyReport& r, const Lang& lang);
std::string energy_json(const EnergyReport& r);
std::string energy_csv(const EnergyReport& r);  // the dwellings

// PV self-consumption from hourly energies (Wh): S = P - E hour by hour, in
// [0, P]; consumption C = I + S.
PvFigures self_consumption(const std::map<std::int64_t, double>& production, const std::map<std::int64_t, double>& exported,
                           const std::map<std::int64_t, double>& imported);

}  // namespace ghd
