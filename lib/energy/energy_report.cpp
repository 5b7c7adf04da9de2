#include "energy/energy_report.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

#include "store/telemetry_store.h"
#include "telemetry/counters.h"

namespace ghd {

using namespace std::chrono;

namespace {

std::int64_t day_number(Date d) { return sys_days{d}.time_since_epoch().count(); }
Date date_of(std::int64_t n) { return Date{sys_days{days{n}}}; }
double hours_in(Date d) {
  return double(duration_cast<seconds>(paris::start_of_day(Date{sys_days{d} + days{1}}) - paris::start_of_day(d)).count()) /
         3600;
}

// Hourly growth of a cumulative index (Wh) from the hourly roll-ups' last
// values, resets recognised; keyed by the hour's start.
Result<std::map<std::int64_t, double>> hourly_growth(TelemetryStore& store, long long device, const std::string& metric,
                                                     std::int64_t from, std::int64_t to) {
  GHD_ASSIGN(hours, store.rollups(device, metric, false, from - 3600, to));
  std::vector<Sample> index;
  for (const auto& h : hours) index.push_back({h.start, h.last});
  std::map<std::int64_t, double> out;
  for (const auto& step : counter_steps(index))
    if (step.t >= from) out[step.t] = step.consumed;
  return out;
}

struct Devices {
  std::vector<Device> all;
  std::optional<Device> weather;
};

struct Aggregate {
  double demand = 0;
  std::optional<double> degree_days;
  std::map<std::string, double> demand_by_building;
};

Result<std::map<std::int64_t, Rollup>> daily(TelemetryStore& store, long long device, const std::string& metric,
                                             const DateRange& r) {
  GHD_ASSIGN(rows, store.rollups(device, metric, true, day_number(r.first), day_number(r.last) + 1));
  std::map<std::int64_t, Rollup> out;
  for (const auto& x : rows) out[x.start] = x;
  return out;
}

bool wanted(const Device& d, const EnergyQuery& q) {
  if (!q.dwelling.empty()) return d.dwelling == q.dwelling;
  return q.building.empty() || d.building == q.building;
}

// Demand and degree days of a range: for the comparisons.
Result<Aggregate> aggregate(TelemetryStore& store, const Devices& devs, const EnergyQuery& q, const DateRange& r,
                            const EnergySettings& s) {
  Aggregate a;
  if (devs.weather) {
    GHD_ASSIGN(w, daily(store, devs.weather->id, "temperature", r));
    double dd = 0;
    for (const auto& [day, x] : w) dd += degree_days(x.min, x.max, s.method, s.base);
    if (!w.empty()) a.degree_days = dd;
  }
  for (const auto& d : devs.all) {
    if (d.kind != "trv" || !wanted(d, q)) continue;
    GHD_ASSIGN(v, daily(store, d.id, "valve", r));
    for (const auto& [day, x] : v) {
      const double vh = x.mean / 100 * hours_in(date_of(day));
      a.demand += vh;
      a.demand_by_building[d.building] += vh;
    }
  }
  return a;
}

std::optional<double> ratio(double a, const std::optional<double>& b) {
  if (!b || *b <= 0) return std::nullopt;
  return a / *b;
}

}  // namespace

std::optional<EnergyPeriod> energy_period(const std::string& name) {
  if (name == "day") return EnergyPeriod::day;
  if (name == "week") return EnergyPeriod::week;
  if (name == "month") return EnergyPeriod::month;
  if (name == "season") return EnergyPeriod::season;
  return std::nullopt;
}

const char* period_name(EnergyPeriod p) {
  switch (p) {
    case EnergyPeriod::day: return "day";
    case EnergyPeriod::week: return "week";
    case EnergyPeriod::month: return "month";
    case EnergyPeriod::season: return "season";
  }
  return "day";
}

int DateRange::days() const { return int((sys_days{last} - sys_days{first}).count()) + 1; }

DateRange period_range(EnergyPeriod p, Date today) {
  const Date y{sys_days{today} - days{1}};
  switch (p) {
    case EnergyPeriod::day: return {y, y};
    case EnergyPeriod::week: return {Date{sys_days{y} - days{6}}, y};
    case EnergyPeriod::month: return {y.year() / y.month() / 1, y};
    case EnergyPeriod::season: {
      // The heating season runs from 1 October to 31 May.
      const int start_year = unsigned(y.month()) >= 10 ? int(y.year()) : int(y.year()) - 1;
      const Date first = year{start_year} / October / 1;
      const Date end = year{start_year + 1} / May / 31;
      return {first, sys_days{y} < sys_days{end} ? y : end};
    }
  }
  return {y, y};
}

DateRange previous_range(const DateRange& r) {
  const int n = r.days();
  return {Date{sys_days{r.first} - days{n}}, Date{sys_days{r.first} - days{1}}};
}

DateRange year_before(const DateRange& r) {
  auto back = [](Date d) {
    Date x = (d.year() - years{1}) / d.month() / d.day();
    return x.ok() ? x : Date{(d.year() - years{1}) / d.month() / last};
  };
  return {back(r.first), back(r.last)};
}

PvFigures self_consumption(const std::map<std::int64_t, double>& production, const std::map<std::int64_t, double>& exported,
                           const std::map<std::int64_t, double>& imported) {
  PvFigures f;
  std::set<std::int64_t> hours;
  for (const auto* m : {&production, &exported, &imported})
    for (const auto& [h, v] : *m) hours.insert(h);
  auto at = [](const std::map<std::int64_t, double>& m, std::int64_t h) {
    auto it = m.find(h);
    return it == m.end() ? 0.0 : it->second;
  };
  for (auto h : hours) {
    const double p = at(production, h), e = at(exported, h), i = at(imported, h);
    const double sc = std::clamp(p - e, 0.0, p);
    f.production += p;
    f.exported += e;
    f.imported += i;
    f.self_consumed += sc;
  }
  f.consumption = f.imported + f.self_consumed;
  if (f.production > 0) f.self_consumption_rate = f.self_consumed / f.production;
  if (f.consumption > 0) f.self_sufficiency_rate = f.self_consumed / f.consumption;
  return f;
}

Result<EnergyReport> energy_report(Database& db, const EnergyQuery& q, Instant now, const EnergySettings& s) {
  TelemetryStore store(db);
  EnergyReport r;
  r.period = q.period;
  r.now = now;
  r.method = s.method;
  r.forecast_temperature = q.forecast_temperature;
  r.range = period_range(q.period, paris::local_date(now));
  r.previous = previous_range(r.range);
  r.last_year = year_before(r.range);
  Devices devs;
  GHD_ASSIGN(all, store.devices());
  devs.all = std::move(all);
  for (const auto& d : devs.all)
    if (d.kind == "weather" && (!devs.weather || d.device_id < devs.weather->device_id)) devs.weather = d;
  if (!q.dwelling.empty() &&
      std::none_of(devs.all.begin(), devs.all.end(), [&](const Device& d) { return d.dwelling == q.dwelling; }))
    return Status::DataError(fmt::format("{}: no connected device in this dwelling", q.dwelling));
  if (!q.building.empty() &&
      std::none_of(devs.all.begin(), devs.all.end(), [&](const Device& d) { return d.building == q.building; }))
    return Status::DataError(fmt::format("{}: no connected device in this building", q.building));

  // Days and weather.
  std::map<std::int64_t, DayFigures> days_by;
  for (auto d = sys_days{r.range.first}; d <= sys_days{r.range.last}; d += days{1})
    days_by[d.time_since_epoch().count()].day = Date{d};
  if (devs.weather) {
    GHD_ASSIGN(w, daily(store, devs.weather->id, "temperature", r.range));
    double total = 0;
    for (const auto& [day, x] : w) {
      auto& f = days_by[day];
      f.tn = x.min;
      f.tx = x.max;
      f.outdoor_mean = x.mean;
      f.degree_days = degree_days(x.min, x.max, s.method, s.base);
      total += *f.degree_days;
    }
    if (!w.empty()) r.degree_days = total;
  }

  // Dwellings: demand, rooms, windows.
  std::map<std::string, DwellingFigures> dwellings;
  std::map<std::string, BuildingFigures> buildings;
  std::map<std::pair<std::string, std::string>, const Device*> room_device;
  const std::int64_t from_t = to_unix(paris::start_of_day(r.range.first));
  const std::int64_t to_t = to_unix(paris::start_of_day(Date{sys_days{r.range.last} + days{1}}));
  std::map<std::int64_t, std::vector<double>> indoor_by_day;
  for (const auto& d : devs.all) {
    if (!wanted(d, q)) continue;
    if (!d.dwelling.empty()) {
      auto& dw = dwellings[d.dwelling];
      dw.dwelling = d.dwelling;
      dw.building = d.building;
      buildings[d.building].building = d.building;
    }
    if (d.kind == "trv") {
      GHD_ASSIGN(v, daily(store, d.id, "valve", r.range));
      for (const auto& [day, x] : v) {
        const double vh = x.mean / 100 * hours_in(date_of(day));
        dwellings[d.dwelling].demand += vh;
        days_by[day].demand += vh;
      }
      // Valves fighting an open window: hours with both.
      GHD_ASSIGN(win, store.rollups(d.id, "window_open", false, from_t, to_t));
      if (!win.empty()) {
        GHD_ASSIGN(valve_hours, store.rollups(d.id, "valve", false, from_t, to_t));
        std::map<std::int64_t, double> valve_at;
        for (const auto& h : valve_hours) valve_at[h.start] = h.mean;
        for (const auto& h : win)
          if (h.max >= 1 && valve_at.count(h.start) && valve_at[h.start] >= s.window_valve)
            ++dwellings[d.dwelling].window_fight_hours;
      }
    }
    if (d.kind == "heat-meter") {
      GHD_ASSIGN(g, hourly_growth(store, d.id, "energy", from_t, to_t));
      double wh = 0;
      for (const auto& [h, v] : g) wh += v;
      dwellings[d.dwelling].heat_kwh = dwellings[d.dwelling].heat_kwh.value_or(0) + wh / 1000;
    }
    // One thermometer a room: the room sensor where there is one.
    if ((d.kind == "trv" || d.kind == "room-sensor") && !d.dwelling.empty()) {
      auto& slot = room_device[{d.dwelling, d.room}];
      if (!slot || (d.kind == "room-sensor" && slot->kind != "room-sensor")) slot = &d;
    }
  }
  for (const auto& [key, d] : room_device) {
    RoomFigures room;
    room.dwelling = key.first;
    room.room = key.second;
    room.device = d->device_id;
    GHD_ASSIGN(hours, store.rollups(d->id, "temperature", false, from_t, to_t));
    double sum = 0;
    for (const auto& h : hours) {
      ++room.hours;
      sum += h.mean;
      room.hours_below += h.mean < s.cold_below;
      room.hours_above += h.mean > s.warm_above;
      room.min = room.min ? std::min(*room.min, h.min) : h.min;
      room.max = room.max ? std::max(*room.max, h.max) : h.max;
    }
    if (room.hours) room.mean = sum / room.hours;
    GHD_ASSIGN(by_day, daily(store, d->id, "temperature", r.range));
    for (const auto& [day, x] : by_day) indoor_by_day[day].push_back(x.mean);
    auto& dw = dwellings[room.dwelling];
    dw.hours += room.hours;
    dw.hours_below += room.hours_below;
    dw.hours_above += room.hours_above;
    r.rooms.push_back(std::move(room));
  }
  for (auto& [day, v] : indoor_by_day)
    if (!v.empty()) {
      double sum = 0;
      for (double x : v) sum += x;
      days_by[day].indoor_mean = sum / double(v.size());
    }
  // A dwelling's indoor mean: the mean of its rooms.
  std::map<std::string, std::pair<double, int>> room_means;
  for (const auto& room : r.rooms)
    if (room.mean) room_means[room.dwelling].first += *room.mean, ++room_means[room.dwelling].second;
  for (auto& [id, dw] : dwellings) {
    if (auto it = room_means.find(id); it != room_means.end() && it->second.second)
      dw.indoor_mean = it->second.first / it->second.second;
    ++buildings[dw.building].dwellings;
    buildings[dw.building].demand += dw.demand;
  }
  // What stands out: cold (with little heating: fuel poverty; with much: a
  // fault), overheated, valves fighting open windows.
  std::map<std::string, std::vector<double>> per_dd;
  for (auto& [id, dw] : dwellings) per_dd[dw.building].push_back(dw.demand);
  for (auto& [id, dw] : dwellings) {
    auto v = per_dd[dw.building];
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    const double median = v.empty() ? 0 : v[v.size() / 2];
    const bool cold = (dw.indoor_mean && *dw.indoor_mean < s.cold_dwelling) ||
                      (dw.hours > 0 && dw.hours_below * 4 >= dw.hours);
    if (cold) dw.flags.push_back(dw.demand < median / 2 ? "cold-low-heating" : "cold");
    if ((dw.indoor_mean && *dw.indoor_mean > s.hot_dwelling) || (dw.hours > 0 && dw.hours_above * 2 >= dw.hours))
      dw.flags.push_back("overheated");
    if (dw.window_fight_hours >= 2) dw.flags.push_back("window-fighting");
  }

  // Comparisons normalised by degree days.
  GHD_ASSIGN(prev, aggregate(store, devs, q, r.previous, s));
  GHD_ASSIGN(last, aggregate(store, devs, q, r.last_year, s));
  r.previous_degree_days = prev.degree_days;
  r.last_year_degree_days = last.degree_days;
  for (auto& [id, b] : buildings) {
    b.per_degree_day = ratio(b.demand, r.degree_days);
    if (prev.demand_by_building.count(id)) b.previous_per_degree_day = ratio(prev.demand_by_building[id], prev.degree_days);
    if (last.demand_by_building.count(id)) b.last_year_per_degree_day = ratio(last.demand_by_building[id], last.degree_days);
  }

  // PV, per building, hour by hour.
  if (q.dwelling.empty())
    for (auto& [id, b] : buildings) {
      const Device *pv = nullptr, *grid = nullptr;
      for (const auto& d : devs.all)
        if (d.building == id && d.kind == "pv-meter") pv = &d;
        else if (d.building == id && d.kind == "grid-meter") grid = &d;
      if (!pv) continue;
      GHD_ASSIGN(p, hourly_growth(store, pv->id, "energy", from_t, to_t));
      std::map<std::int64_t, double> e, i;
      if (grid) {
        GHD_ASSIGN(ge, hourly_growth(store, grid->id, "export", from_t, to_t));
        GHD_ASSIGN(gi, hourly_growth(store, grid->id, "import", from_t, to_t));
        e = std::move(ge);
        i = std::move(gi);
      }
      b.pv = self_consumption(p, e, i);
      for (const auto& [h, prod] : p) {
        const auto day = sys_days{paris::local_date(from_unix(h))}.time_since_epoch().count();
        auto it = e.find(h);
        days_by[day].pv_production += prod;
        days_by[day].pv_self_consumed += std::clamp(prod - (it == e.end() ? 0.0 : it->second), 0.0, prod);
      }
    }

  // Signatures over the last 365 days, and tomorrow's need.
  if (devs.weather) {
    const DateRange year{Date{sys_days{r.range.last} - days{364}}, r.range.last};
    GHD_ASSIGN(w, daily(store, devs.weather->id, "temperature", year));
    std::map<std::string, std::map<std::int64_t, double>> demand;
    for (const auto& d : devs.all) {
      if (d.kind != "trv" || !wanted(d, q) || !buildings.count(d.building)) continue;
      GHD_ASSIGN(v, daily(store, d.id, "valve", year));
      for (const auto& [day, x] : v) demand[d.building][day] += x.mean / 100 * hours_in(date_of(day));
    }
    for (auto& [id, b] : buildings) {
      std::vector<SignaturePoint> pts;
      for (const auto& [day, x] : w)
        if (auto it = demand[id].find(day); it != demand[id].end()) pts.push_back({date_of(day), 1, it->second, x.mean});
      auto fit = fit_signature(pts);
      if (!fit.ok()) continue;
      b.signature = *fit;
      if (q.forecast_temperature) b.forecast_demand = fit->predict(*q.forecast_temperature);
    }
  }
  for (auto& [k, v] : days_by) r.days.push_back(v);
  for (auto& [k, v] : buildings) r.buildings.push_back(std::move(v));
  // Dwellings with readings in the period (a silent one is for the devices report).
  for (auto& [k, v] : dwellings)
    if (v.hours > 0 || v.demand > 0 || v.heat_kwh) r.dwellings.push_back(std::move(v));
  return r;
}

}  // namespace ghd
