#include "telemetry/simulate.h"

#include <algorithm>
#include <cmath>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/files.h"
#include "store/stock_store.h"

namespace ghd {

using namespace std::chrono;

namespace {

constexpr double kPi = 3.14159265358979323846;

// splitmix64: the same numbers on every machine, unlike std's distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  double normal() {
    const double u = std::max(uniform(), 1e-12), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * kPi * v);
  }

 private:
  std::uint64_t s_;
};

struct Interval {
  std::int64_t from = 0, to = 0;
  bool active = false;
  bool covers(std::int64_t t) const { return active && t >= from && t < to; }
};

struct Room {
  std::string name, trv, model;
  double T = 20, battery = 80, battery_per_day = 0.03, link = 120;
  bool dying = false;
  std::optional<std::int64_t> stuck_from;
  Interval frozen;
  double frozen_value = 0;
  bool frozen_set = false;
};

struct Home {
  SimDwelling d;
  size_t building = 0;
  double day_setpoint = 20;
  std::vector<Room> rooms;
  std::string sensor, motion, door;
  double sensor_battery = 80, motion_battery = 80, door_battery = 80, link = 120;
  bool consenting = false;
  std::optional<std::int64_t> stops_moving;
};

struct Roof {
  std::string building, pv, grid;
  double peak_w = 0;
  double produced = 0, imported = 0, exported = 0;  // Wh
};

std::string utc(std::int64_t t) { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", from_unix(t)); }

double local_hours(std::int64_t t) {
  const auto local = paris::to_local(from_unix(t));
  return double((local - floor<days>(local)).count()) / 3600.0;
}

std::int64_t at(Date day, int hh, int mm) {
  return to_unix(paris::to_utc(LocalTime{local_days{day}.time_since_epoch() + hours{hh} + minutes{mm}}));
}

}  // namespace

std::vector<SimDwelling> invented_dwellings(int count, std::uint64_t seed) {
  Rng rng(seed ^ 0xD1CEULL);
  std::vector<SimDwelling> out;
  const int per_building = (count + 2) / 3;
  for (int i = 0; i < count; ++i) {
    const int b = i / std::max(1, per_building), k = i % std::max(1, per_building);
    const std::string building = fmt::format("FO-B{:02d}", 10 + b);
    out.push_back({fmt::format("{}-{:02d}{:02d}", building, k / 4, k % 4 + 1), building, rng.uniform() < 0.35});
  }
  return out;
}

Status simulate(const SimulationSpec& spec, std::ostream& os, Simulation& out) {
  if (spec.to <= spec.from) return Status::Usage("the simulation needs --to after --from");
  if (spec.step < seconds{10} || spec.step > hours{1}) return Status::Usage("--step must be between 10s and 1h");
  Rng rng(spec.seed);
  const std::vector<SimDwelling> dwellings =
      spec.dwellings.empty() ? invented_dwellings(spec.count, spec.seed)
                             : std::vector<SimDwelling>(spec.dwellings.begin(),
                                                        spec.dwellings.begin() + std::min<long>(spec.count, long(spec.dwellings.size())));
  if (dwellings.empty()) return Status::Usage("no dwelling to simulate");

  std::vector<std::string> buildings;
  for (const auto& d : dwellings)
    if (std::find(buildings.begin(), buildings.end(), d.building) == buildings.end()) buildings.push_back(d.building);

  // The registry.
  std::string reg = "device_id,kind,model,dwelling,room,installed_at,friendly_name\n";
  const std::string installed = "2023-09-18";
  std::vector<Home> homes;
  int trv_no = 0, rs_no = 0, mot_no = 0, door_no = 0;
  const char* models[] = {"Danfoss Ally 014G2461", "Bosch BTH-RA", "Eurotronic Spirit Zigbee"};
  for (const auto& d : dwellings) {
    Home h;
    h.d = d;
    h.building = size_t(std::find(buildings.begin(), buildings.end(), d.building) - buildings.begin());
    h.day_setpoint = 19 + double(rng.next() % 3);
    h.consenting = d.elderly;
    std::vector<std::string> rooms = {"salon", "chambre"};
    if (rng.uniform() < 0.35) rooms.push_back("chambre2");
    for (const auto& r : rooms) {
      Room room;
      room.name = r;
      room.trv = fmt::format("trv-{:04d}", ++trv_no);
      room.model = models[rng.next() % 3];
      room.T = h.day_setpoint - 2 + rng.uniform();
      room.battery = 40 + 55 * rng.uniform();
      room.link = 60 + 140 * rng.uniform();
      reg += fmt::format("{},trv,{},{},{},{},{}/{}-trv\n", room.trv, room.model, d.dwelling, r, installed, d.dwelling, r);
      h.rooms.push_back(room);
    }
    h.sensor = fmt::format("rs-{:04d}", ++rs_no);
    h.sensor_battery = 50 + 45 * rng.uniform();
    h.link = 60 + 140 * rng.uniform();
    reg += fmt::format("{},room-sensor,Aqara WSDCGQ11LM,{},salon,{},{}/salon-sensor\n", h.sensor, d.dwelling, installed,
                       d.dwelling);
    if (h.consenting) {
      h.motion = fmt::format("mot-{:04d}", ++mot_no);
      h.door = fmt::format("door-{:04d}", ++door_no);
      h.motion_battery = 50 + 45 * rng.uniform();
      h.door_battery = 50 + 45 * rng.uniform();
      reg += fmt::format("{},motion,Aqara RTCGQ11LM,{},entree,{},{}/entree-motion\n", h.motion, d.dwelling, installed,
                         d.dwelling);
      reg += fmt::format("{},door,Aqara MCCGQ11LM,{},entree,{},{}/entree-door\n", h.door, d.dwelling, installed,
                         d.dwelling);
      out.consenting.push_back(d.dwelling);
    }
    homes.push_back(std::move(h));
  }
  // PV and a supply-point meter on every other roof; the district's weather
  // station on the second building (the first when alone).
  std::vector<Roof> roofs;
  for (size_t b = 0; b < buildings.size(); b += 2) {
    Roof r;
    r.building = buildings[b];
    r.pv = fmt::format("pv-{:02d}", roofs.size() + 1);
    r.grid = fmt::format("grid-{:02d}", roofs.size() + 1);
    r.peak_w = 9000 + 3000 * double(b % 3);
    reg += fmt::format("{},pv-meter,Fronius Symo 10,,building:{},{},{}/pv\n", r.pv, r.building, installed, r.building);
    reg += fmt::format("{},grid-meter,Linky,,building:{},{},{}/grid\n", r.grid, r.building, installed, r.building);
    roofs.push_back(r);
  }
  const size_t weather_building = buildings.size() > 1 ? 1 : 0;
  reg += fmt::format("wx-01,weather,Davis Vantage Vue,,building:{},{},{}/weather\n", buildings[weather_building],
                     installed, buildings[weather_building]);
  out.registry_csv = reg;

  // Faults, on days 0 to 2 of the period.
  const std::int64_t t0 = to_unix(spec.from), t1 = to_unix(spec.to);
  const Date day0 = paris::local_date(spec.from);
  auto day = [&](int n) { return Date{sys_days{day0} + days{n}}; };
  auto fits = [&](std::int64_t a, std::int64_t b) { return spec.faults && a >= t0 && b <= t1; };
  auto truth = [&](const char* fault, const char* expected, const std::string& target, std::int64_t a,
                   std::int64_t b) { out.truth.push_back({fault, expected, target, from_unix(a), from_unix(b)}); };
  std::vector<Home*> plain_in_first, consenting;
  for (auto& h : homes) {
    if (h.building == 0 && !h.consenting) plain_in_first.push_back(&h);
    if (h.consenting) consenting.push_back(&h);
  }
  Interval outage, failure;
  if (plain_in_first.size() >= 3) {
    if (const std::int64_t a = at(day(0), 12, 0); fits(a, a + 8 * 3600)) {
      Room& r = plain_in_first[1]->rooms[1];
      r.stuck_from = a;
      truth("stuck-valve", "valve-stuck-open", r.trv, a, t1);
    }
    if (const std::int64_t a = at(day(1), 0, 0), b = at(day(1), 9, 0); fits(a, b)) {
      Room& r = plain_in_first[0]->rooms[0];
      r.frozen = {a, b, true};
      truth("frozen-sensor", "frozen-sensor", r.trv, a, b);
    }
    if (t1 - t0 >= 2 * 86400 && spec.faults) {
      Room& r = plain_in_first[2]->rooms[0];
      r.dying = true;
      r.battery = 16;
      r.battery_per_day = 3.5;
      r.model = "Eurotronic Spirit Zigbee";
      truth("dying-battery", "battery-dying", r.trv, t0, t1);
    }
  }
  if (buildings.size() >= 3)
    if (const std::int64_t a = at(day(1), 10, 0), b = at(day(1), 16, 0); fits(a, b)) {
      outage = {a, b, true};
      truth("gateway-outage", "gateway-outage", buildings[2], a, b);
    }
  if (buildings.size() >= 2)
    if (const std::int64_t a = at(day(1), 7, 30), b = at(day(1), 20, 30); fits(a, b)) {
      failure = {a, b, true};
      truth("heating-failure", "heating-failure", buildings[1], a, b);
      for (auto* h : consenting)
        if (h->building == 1) truth("heating-failure", "too-cold", h->d.dwelling, a + 4 * 3600, b);
    }
  if (!consenting.empty()) {
    Home* who = consenting.front();
    for (auto* h : consenting)
      if (h->building == 0) {
        who = h;
        break;
      }
    if (const std::int64_t a = at(day(2), 8, 0); fits(a, a + 13 * 3600 + 1800)) {
      who->stops_moving = a;
      truth("stops-moving", "inactivity", who->d.dwelling, a, t1);
    }
  }
  // The registry above was written before the dying valve got its model:
  // say it in the registry too.
  for (auto& h : homes)
    for (auto& r : h.rooms)
      if (r.dying) {
        const auto pos = out.registry_csv.find(r.trv + ",trv,");
        const auto end = out.registry_csv.find(',', pos + r.trv.size() + 5);
        out.registry_csv.replace(pos + r.trv.size() + 5, end - pos - r.trv.size() - 5, r.model);
      }

  // Time runs in physics steps of at most 5 minutes; readings every `step`.
  os << "timestamp,device_id,metric,value\n";
  const std::int64_t step = spec.step.count();
  const std::int64_t dt_s = std::min<std::int64_t>(step, 300);
  const double phase = rng.uniform() * 2 * kPi;
  auto outdoor = [&](std::int64_t t) {
    const double h = local_hours(t);
    return 3 + 3 * std::sin(2 * kPi * (h - 9) / 24) + 3 * std::sin(2 * kPi * double(t - t0) / (5.3 * 86400) + phase);
  };
  auto setpoint = [](const Home& h, double hour) { return hour >= 6.5 && hour < 22.5 ? h.day_setpoint : 17.0; };
  auto line = [&](std::int64_t t, const std::string& dev, const char* metric, const std::string& value) {
    os << utc(t) << ',' << dev << ',' << metric << ',' << value << '\n';
    ++out.readings;
  };
  auto valve_demand = [](double s, double T) { return std::clamp(50 + 80 * (s - T), 0.0, 100.0); };
  for (std::int64_t t = t0; t <= t1; t += step) {
    // Physics up to t.
    if (t > t0)
      for (std::int64_t u = t - step; u < t; u += dt_s) {
        const double dt = double(std::min(dt_s, t - u)) / 3600;
        const double out_t = outdoor(u), hour = local_hours(u);
        for (auto& h : homes) {
          const bool cold_building = failure.covers(u) && h.building == 1;
          const double env = cold_building ? out_t : 0.6 * out_t + 0.4 * 18;
          for (auto& r : h.rooms) {
            double v = valve_demand(setpoint(h, hour), r.T);
            if (r.dying && r.battery < 8) v = 100;  // a dying Spirit opens fully
            if (r.stuck_from && u >= *r.stuck_from) v = 0;  // jammed shut: no heat whatever it says
            const double heat = cold_building ? 0 : 0.0514 * v / 100 * (55 - r.T);
            r.T += (heat - 0.08 * (r.T - env)) * dt;
            r.battery = std::max(0.0, r.battery - r.battery_per_day * dt / 24);
          }
        }
      }
    const double hour = local_hours(t);
    const bool heartbeat = (t - t0) % 3600 < step;  // battery and link once an hour
    const double out_t = outdoor(t);
    for (auto& h : homes) {
      if (outage.covers(t) && h.building == 2) continue;
      const double s = setpoint(h, hour);
      for (auto& r : h.rooms) {
        double reported = std::round((r.T + 0.08 * rng.normal()) * 10) / 10;
        if (r.frozen.covers(t)) {
          if (!r.frozen_set) r.frozen_set = true, r.frozen_value = reported;
          reported = r.frozen_value;
        }
        double v = valve_demand(s, r.T);
        if (r.dying && r.battery < 8) v = 100;
        line(t, r.trv, "temperature", fmt::format("{:.1f}", reported));
        line(t, r.trv, "setpoint", fmt::format("{:.1f}", s));
        line(t, r.trv, "valve", fmt::format("{:.0f}", v));
        if (heartbeat) {
          line(t, r.trv, "battery", fmt::format("{:.0f}", std::floor(r.battery)));
          line(t, r.trv, "linkquality", fmt::format("{:.0f}", std::clamp(r.link + 8 * rng.normal(), 0.0, 255.0)));
          line(t, r.trv, "window_open", "0");
        }
      }
      const double salon = h.rooms.front().T;
      line(t, h.sensor, "temperature", fmt::format("{:.1f}", std::round((salon + 0.1 * rng.normal()) * 10) / 10));
      line(t, h.sensor, "humidity", fmt::format("{:.0f}", 45 + 5 * std::sin(2 * kPi * hour / 24) + 2 * rng.normal()));
      if (heartbeat) {
        line(t, h.sensor, "battery", fmt::format("{:.0f}", std::floor(h.sensor_battery)));
        line(t, h.sensor, "linkquality", fmt::format("{:.0f}", std::clamp(h.link + 8 * rng.normal(), 0.0, 255.0)));
      }
      if (h.consenting) {
        const bool day = hour >= 7.5 && hour < 22;
        const bool still = h.stops_moving && t >= *h.stops_moving;
        const double hours_per_step = double(step) / 3600;
        if (!still && rng.uniform() < 1 - std::exp(-(day ? 3.0 : 0.2) * hours_per_step)) line(t, h.motion, "motion", "1");
        if (!still && day && rng.uniform() < 1 - std::exp(-0.25 * hours_per_step)) {
          line(t, h.door, "door", "1");
          line(t + 90, h.door, "door", "0");
        }
        if (heartbeat) {
          line(t, h.motion, "battery", fmt::format("{:.0f}", std::floor(h.motion_battery)));
          line(t, h.motion, "linkquality", fmt::format("{:.0f}", std::clamp(h.link + 8 * rng.normal(), 0.0, 255.0)));
          line(t, h.door, "battery", fmt::format("{:.0f}", std::floor(h.door_battery)));
          line(t, h.door, "linkquality", fmt::format("{:.0f}", std::clamp(h.link + 8 * rng.normal(), 0.0, 255.0)));
        }
      }
    }
    // Roofs: production against each building's supply point, integrated
    // over the step.
    const double sun = std::max(0.0, std::sin(kPi * (hour - 8.5) / 8));
    const double cloud = 0.35 + 0.65 * std::fabs(std::sin(double(t - t0) / 86400 * 1.7 + phase));
    for (auto& r : roofs) {
      const size_t b = size_t(std::find(buildings.begin(), buildings.end(), r.building) - buildings.begin());
      const double pv = r.peak_w * sun * cloud;
      const double load = 2500 + (hour >= 17 && hour < 22 ? 1500 : 0) + (hour >= 7 && hour < 9 ? 800 : 0);
      const double hours_per_step = double(step) / 3600;
      r.produced += pv * hours_per_step;
      r.exported += std::max(0.0, pv - load) * hours_per_step;
      r.imported += std::max(0.0, load - pv) * hours_per_step;
      if (outage.covers(t) && b == 2) continue;
      line(t, r.pv, "power", fmt::format("{:.0f}", pv));
      line(t, r.pv, "energy", fmt::format("{:.0f}", r.produced));
      line(t, r.grid, "import", fmt::format("{:.0f}", r.imported));
      line(t, r.grid, "export", fmt::format("{:.0f}", r.exported));
    }
    if (!(outage.covers(t) && weather_building == 2))
      line(t, "wx-01", "temperature", fmt::format("{:.1f}", std::round((out_t + 0.1 * rng.normal()) * 10) / 10));
  }
  if (!os) return Status::IoError("cannot write the readings");
  return Status::Ok();
}

Result<std::vector<SimDwelling>> stock_dwellings(Database& db) {
  GHD_ASSIGN(rows, StockStore(db).connected_dwellings());
  std::vector<SimDwelling> out;
  for (const auto& r : rows) out.push_back({r.dwelling, r.building, r.elderly});
  return out;
}

Status write_simulation(const SimulationSpec& spec, const std::string& dir, Simulation& out) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  const std::string readings = (std::filesystem::path(dir) / "readings.csv").string();
  const std::string partial = readings + ".partial";
  {
    std::ofstream os(partial, std::ios::binary | std::ios::trunc);
    if (!os) return Status::IoError(fmt::format("{}: cannot write", partial));
    GHD_TRY(simulate(spec, os, out));
    os.flush();
    if (!os) return Status::IoError(fmt::format("{}: write failed", partial));
  }
  std::filesystem::rename(partial, readings, ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", readings, ec.message()));
  const std::filesystem::path d(dir);
  GHD_TRY(write_file_atomic((d / "devices.csv").string(), out.registry_csv));
  GHD_TRY(write_file_atomic((d / "consents.csv").string(), consents_csv(out)));
  return write_file_atomic((d / "truth.json").string(), truth_json(out));
}

std::string truth_json(const Simulation& sim) {
  nlohmann::json faults = nlohmann::json::array();
  for (const auto& f : sim.truth)
    faults.push_back({{"fault", f.fault}, {"expected", f.expected}, {"target", f.target},
                      {"from", format_iso(f.from)}, {"to", format_iso(f.to)}});
  return nlohmann::json{{"faults", faults}, {"consenting", sim.consenting}, {"readings", sim.readings}}.dump(2) + "\n";
}

std::string consents_csv(const Simulation& sim) {
  std::string out = "dwelling,scope,form_ref\n";
  int n = 0;
  for (const auto& d : sim.consenting) out += fmt::format("{},\"activity,temperature\",CONS-SIM-{:03d}\n", d, ++n);
  return out;
}

}  // namespace ghd
