#include "telemetry/diagnostics.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "core/text.h"
#include "store/request_store.h"
#include "store/stock_store.h"
#include "store/telemetry_store.h"
#include "telemetry/series.h"

namespace ghd {

using namespace std::chrono;

namespace {

constexpr seconds kStep{300};
// On the grid a reading stands for an hour at most: older, the value is unknown.
constexpr seconds kHold{3600};

std::string when(std::int64_t t) { return format_local_minutes(from_unix(t)); }
std::string num(double v) { return fmt::format("{:.1f}", v); }

// A device's own faults: each key and the values that mean a fault.
bool vendor_fault(const DeviceEvent& e) {
  const std::string v = ascii_lower(e.value);
  if (e.key == "system_status_code") return !(v.empty() || v == "0" || v == "none" || v.find("ok") != std::string::npos);
  if (e.key == "adaptation_run_status") return v == "lost";
  if (e.key == "valve_adapt_status") return v == "error";
  return false;
}

struct Context {
  TelemetryStore& store;
  const DiagnosticSettings& s;
  Instant from, now;
  Grid grid;
  std::vector<double> outdoor;  // the district's weather station, on the grid
};

Finding finding(const Device& d, const char* diagnostic, std::int64_t since, std::int64_t until, std::string evidence) {
  Finding f;
  f.diagnostic = diagnostic;
  f.device_id = d.device_id;
  f.dwelling = d.dwelling;
  f.room = d.room;
  f.building = d.building;
  f.since = from_unix(since);
  f.until = from_unix(until);
  f.evidence = std::move(evidence);
  return f;
}

double range_of(const std::vector<double>& v, size_t begin, size_t end) {
  double lo = 1e300, hi = -1e300;
  for (size_t i = begin; i < end && i < v.size(); ++i)
    if (known(v[i])) lo = std::min(lo, v[i]), hi = std::max(hi, v[i]);
  return hi >= lo ? hi - lo : 0;
}

// A temperature unchanged for hours while frames kept coming and something
// that should have moved it moved.
void frozen(Context& c, const Device& d, seconds offline_after, const std::vector<Sample>& temp,
            const std::vector<double>& valve, const std::vector<double>& setpoint, std::vector<Finding>& out) {
  // The longest run of one value.
  size_t best_begin = 0, best_end = 0;
  std::int64_t best = -1;
  for (size_t i = 0, j = 0; i < temp.size(); i = j) {
    j = i + 1;
    while (j < temp.size() && temp[j].value == temp[i].value) ++j;
    if (temp[j - 1].t - temp[i].t > best) best = temp[j - 1].t - temp[i].t, best_begin = i, best_end = j;
  }
  if (best_end == 0) return;
  const std::int64_t a = temp[best_begin].t, b = temp[best_end - 1].t;
  const double hours = double(b - a) / 3600;
  const long long frames = static_cast<long long>(best_end - best_begin);
  if (hours < c.s.frozen_hours) return;
  // Frames kept coming: a silence is a gap, not a frozen value.
  for (size_t i = best_begin + 1; i < best_end; ++i)
    if (temp[i].t - temp[i - 1].t > std::max<std::int64_t>(3600, offline_after.count())) return;
  const size_t gi = size_t(std::max<std::int64_t>(0, (a - c.grid.start) / c.grid.step));
  const size_t gj = size_t(std::max<std::int64_t>(0, (b - c.grid.start) / c.grid.step)) + 1;
  std::string moved;
  if (const double r = range_of(valve, gi, gj); r >= c.s.frozen_valve_moved)
    moved = fmt::format("the valve moved over {:.0f} points", r);
  else if (const double r = range_of(setpoint, gi, gj); r >= 0.5)
    moved = fmt::format("the setpoint changed by {} K", num(r));
  else if (const double r = range_of(c.outdoor, gi, gj); r >= c.s.frozen_outdoor_moved)
    moved = fmt::format("the outdoor temperature moved by {} K", num(r));
  if (moved.empty()) return;
  out.push_back(finding(d, "frozen-sensor", a, b,
                        fmt::format("temperature {} °C unchanged for {} ({} frames, {} to {}) while {}",
                                    num(temp[best_begin].value), span_text(seconds{b - a}), frames, when(a), when(b),
                                    moved)));
}

void valve_rules(Context& c, const Device& d, const std::vector<double>& temp, const std::vector<double>& setpoint,
                 const std::vector<double>& valve, const std::vector<double>& window, std::vector<Finding>& out) {
  const size_t n = c.grid.size;
  auto stuck = [&](bool open) -> bool {
    std::vector<bool> holds(n);
    for (size_t i = 0; i < n; ++i)
      holds[i] = known(temp[i]) && known(setpoint[i]) && known(valve[i]) && !(known(window[i]) && window[i] > 0) &&
                 temp[i] <= setpoint[i] - c.s.below_setpoint &&
                 (open ? valve[i] >= c.s.valve_open : valve[i] <= c.s.valve_closed);
    const Stretch st = longest_stretch(holds);
    if (st.length() == 0) return false;
    const std::int64_t a = c.grid.at(st.begin), b = c.grid.at(st.end - 1);
    if (double(b - a) / 3600 < c.s.stuck_hours) return false;
    double worst = 0;
    for (size_t i = st.begin; i < st.end; ++i) worst = std::max(worst, setpoint[i] - temp[i]);
    out.push_back(finding(d, open ? "valve-stuck-open" : "valve-stuck-closed", a, b,
                          fmt::format("valve {:.0f} % for {} ({} to {}) while the room stayed {} to {} K under its "
                                      "setpoint ({} °C, then {} °C)",
                                      valve[st.begin], span_text(seconds{b - a}), when(a), when(b),
                                      num(setpoint[st.begin] - temp[st.begin]), num(worst), num(temp[st.begin]),
                                      num(temp[st.end - 1]))));
    return true;
  };
  const bool stuck_open = stuck(true);
  const bool stuck_closed = stuck(false);

  // Setpoint never reached, unless a stuck valve says why.
  if (!stuck_open && !stuck_closed) {
    size_t points = 0;
    double closest = 1e300;
    size_t at = 0;
    for (size_t i = 0; i < n; ++i) {
      if (!known(temp[i]) || !known(setpoint[i])) continue;
      ++points;
      if (setpoint[i] - temp[i] < closest) closest = setpoint[i] - temp[i], at = i;
    }
    const double hours = double(points > 0 ? points - 1 : 0) * double(c.grid.step) / 3600;
    if (points > 0 && hours >= c.s.setpoint_hours && closest > c.s.setpoint_margin)
      out.push_back(finding(d, "setpoint-never-reached", c.grid.at(0), c.grid.at(n - 1),
                            fmt::format("over {} of readings the room came no closer than {} K to its setpoint "
                                        "(at best {} °C for {} °C, {})",
                                        span_text(seconds{std::int64_t(hours * 3600)}), num(closest), num(temp[at]),
                                        num(setpoint[at]), when(c.grid.at(at)))));
  }

  // An open window: the valve says so for long enough, or the room cools
  // fast while the valve is open.
  const size_t w = size_t(std::max<std::int64_t>(1, c.s.window_minutes * 60 / c.grid.step));
  std::vector<bool> reported(n);
  for (size_t i = 0; i < n; ++i) reported[i] = known(window[i]) && window[i] > 0;
  const Stretch st = longest_stretch(reported);
  if (st.length() > w) {
    const std::int64_t a = c.grid.at(st.begin), b = c.grid.at(st.end - 1);
    out.push_back(finding(d, "window-open", a, b,
                          fmt::format("the valve reported an open window for {} ({} to {})",
                                      span_text(seconds{b - a}), when(a), when(b))));
    return;
  }
  for (size_t i = 0; i + 1 < n; ++i) {
    if (!known(temp[i]) || !known(valve[i]) || valve[i] < c.s.window_valve) continue;
    for (size_t j = i + 1; j < n && j <= i + w; ++j)
      if (known(temp[j]) && temp[i] - temp[j] >= c.s.window_drop) {
        out.push_back(finding(d, "window-open", c.grid.at(i), c.grid.at(j),
                              fmt::format("temperature fell from {} to {} °C in {} ({} to {}) with the valve {:.0f} % "
                                          "open",
                                          num(temp[i]), num(temp[j]), span_text(seconds{c.grid.at(j) - c.grid.at(i)}),
                                          when(c.grid.at(i)), when(c.grid.at(j)), valve[i])));
        return;
      }
  }
}

Status battery_rule(Context& c, Database& db, const Device& d, const std::vector<DeviceEvent>& events,
                    std::vector<Finding>& out) {
  GHD_ASSIGN(trend, battery_trend(db, d, c.now));
  const DeviceEvent* low = nullptr;
  for (const auto& e : events)
    if (e.key == "battery_low") low = &e;
  if (low && ascii_lower(low->value) == "true") {
    out.push_back(finding(d, "battery-dying", low->t, to_unix(c.now),
                          fmt::format("the device reports its battery low since {}", when(low->t))));
    return Status::Ok();
  }
  if (!trend.level) return Status::Ok();
  std::string evidence;
  if (*trend.level <= c.s.battery_dying) evidence = fmt::format("battery {:.0f} %", *trend.level);
  else if (trend.days_left && *trend.days_left <= c.s.battery_days_left)
    evidence = fmt::format("battery {:.0f} % falling {} points a day", *trend.level, num(-*trend.per_day));
  if (evidence.empty()) return Status::Ok();
  if (trend.days_left)
    evidence += fmt::format(": about {:.0f} day{} left", *trend.days_left, *trend.days_left < 1.5 ? "" : "s");
  out.push_back(finding(d, "battery-dying", to_unix(c.now), to_unix(c.now), evidence));
  return Status::Ok();
}

void vendor_rule(const Device& d, const std::vector<DeviceEvent>& events, Instant now, std::vector<Finding>& out) {
  std::map<std::string, const DeviceEvent*> latest;
  for (const auto& e : events) latest[e.key] = &e;  // sorted by time
  for (const auto& [key, e] : latest)
    if (vendor_fault(*e))
      out.push_back(finding(d, "vendor-fault", e->t, to_unix(now),
                            fmt::format("{} = {} since {}", key, e->value, when(e->t))));
}

Status clock_rule(Context& c, const Device& d, std::vector<Finding>& out) {
  GHD_ASSIGN(bad, c.store.quarantined_of(d.device_id, c.from, c.now));
  long long future = 0, past = 0;
  std::int64_t ahead = 0, first = 0, last = 0;
  for (const auto& q : bad) {
    if (!q.t || (q.reason != "future" && q.reason != "before-installation")) continue;
    if (first == 0) first = to_unix(q.quarantined_at);
    last = to_unix(q.quarantined_at);
    if (q.reason == "future") ++future, ahead = std::max<std::int64_t>(ahead, to_unix(*q.t) - to_unix(q.quarantined_at));
    else ++past;
  }
  if (future + past == 0) return Status::Ok();
  std::vector<std::string> parts;
  if (future) parts.push_back(fmt::format("{} readings dated up to {} ahead of their arrival", future, span_text(seconds{ahead})));
  if (past) parts.push_back(fmt::format("{} dated before the device was installed", past));
  out.push_back(finding(d, "clock-drift", first, last, join(parts, ", ") + " (quarantined)"));
  return Status::Ok();
}

// Silences within the window (then back) and now (offline).
void silence_rules(Context& c, const DeviceHealth& h, const std::vector<std::int64_t>& frames,
                   std::vector<Finding>& out) {
  const Device& d = h.device;
  if (!h.online && h.last_seen)
    out.push_back(finding(d, "offline", to_unix(*h.last_seen), to_unix(c.now),
                          fmt::format("silent since {} ({}; offline after {})", when(to_unix(*h.last_seen)),
                                      span_text(duration_cast<seconds>(c.now - *h.last_seen)),
                                      span_text(h.offline_after))));
  const std::int64_t limit = h.offline_after.count();
  std::int64_t best_a = 0, best_b = 0;
  for (size_t i = 1; i < frames.size(); ++i)
    if (frames[i] - frames[i - 1] > limit && frames[i] - frames[i - 1] > best_b - best_a)
      best_a = frames[i - 1], best_b = frames[i];
  if (best_b > best_a)
    out.push_back(finding(d, "data-gap", best_a, best_b,
                          fmt::format("silent for {} ({} to {}; usual rhythm {})", span_text(seconds{best_b - best_a}),
                                      when(best_a), when(best_b), span_text(h.rhythm))));
}

// Many devices of one building with the same symptom at once: the building.
void building_rules(const DiagnosticSettings& s, const std::map<std::string, int>& valves_by_building,
                    const std::map<std::string, int>& devices_by_building, std::vector<Finding>& findings) {
  struct Rule {
    const char* symptom;
    const char* building_diagnostic;
    bool valves_only;
    const char* what;
  };
  for (const Rule& rule : {Rule{"valve-stuck-open", "heating-failure", true,
                                "valves open while their rooms stay cold: the building's heating, not the valves"},
                           Rule{"offline", "gateway-offline", false, "devices silent at once: the building's gateway"},
                           Rule{"data-gap", "gateway-outage", false, "devices silent at once: the building's gateway"}}) {
    std::map<std::string, std::vector<const Finding*>> by_building;
    for (const auto& f : findings)
      if (f.diagnostic == rule.symptom) by_building[f.building].push_back(&f);
    std::vector<Finding> added;
    std::set<const Finding*> covered;
    for (const auto& [building, list] : by_building) {
      const auto& population = rule.valves_only ? valves_by_building : devices_by_building;
      const auto pop = population.find(building);
      if (building.empty() || pop == population.end()) continue;
      // The largest set of these findings under way at one instant.
      std::vector<const Finding*> best;
      for (const Finding* probe : list) {
        std::vector<const Finding*> at;
        for (const Finding* f : list)
          if (f->since <= probe->since && probe->since <= f->until) at.push_back(f);
        if (at.size() > best.size()) best = at;
      }
      if (int(best.size()) < s.building_min_devices || double(best.size()) < s.building_share * pop->second) continue;
      Finding b;
      b.diagnostic = rule.building_diagnostic;
      b.building = building;
      b.since = best.front()->since;
      b.until = best.front()->until;
      for (const Finding* f : best) {
        b.since = std::min(b.since, f->since);
        b.until = std::max(b.until, f->until);
        b.devices.push_back(f->device_id);
        covered.insert(f);
      }
      std::sort(b.devices.begin(), b.devices.end());
      b.evidence = fmt::format("{} of {} {} {} from {} ({})", best.size(), pop->second,
                               rule.valves_only ? "valves" : "devices", rule.symptom,
                               when(to_unix(b.since)), rule.what);
      added.push_back(std::move(b));
    }
    if (added.empty()) continue;
    std::vector<Finding> kept;
    for (const auto& f : findings)
      if (!covered.count(&f)) kept.push_back(f);
    for (auto& a : added) kept.push_back(std::move(a));
    findings = std::move(kept);
  }
}

}  // namespace

Result<BatteryTrend> battery_trend(Database& db, const Device& device, Instant now) {
  TelemetryStore store(db);
  GHD_ASSIGN(series, load_series(store, device.id, "battery", now - days{14}, now));
  BatteryTrend trend;
  if (series.empty()) return trend;
  trend.level = series.back().value;
  if (series.size() < 5 || series.back().t - series.front().t < 3 * 86400) return trend;
  // Least squares: points a day.
  double mt = 0, mv = 0;
  for (const auto& s : series) mt += double(s.t - series.front().t) / 86400, mv += s.value;
  mt /= double(series.size());
  mv /= double(series.size());
  double sxy = 0, sxx = 0;
  for (const auto& s : series) {
    const double x = double(s.t - series.front().t) / 86400 - mt;
    sxy += x * (s.value - mv);
    sxx += x * x;
  }
  if (sxx <= 0) return trend;
  trend.per_day = sxy / sxx;
  if (*trend.per_day < -0.01) trend.days_left = *trend.level / -*trend.per_day;
  return trend;
}

Result<Diagnosis> diagnose(Database& db, Instant from, Instant now, const DiagnosticSettings& s,
                           const std::string& building, const std::string& device) {
  TelemetryStore store(db);
  Diagnosis out;
  out.from = from;
  out.to = now;
  GHD_ASSIGN(fleet, fleet_health(db, now, s.health));
  GHD_ASSIGN(devices, store.devices());
  Context c{store, s, from, now, Grid(from, now, kStep), {}};
  for (const auto& d : devices)
    if (d.kind == "weather") {
      GHD_ASSIGN(series, load_series(store, d.id, "temperature", from, now));
      c.outdoor = on_grid(series, c.grid, kHold);
      break;
    }
  if (c.outdoor.empty()) c.outdoor.assign(c.grid.size, std::numeric_limits<double>::quiet_NaN());

  std::map<std::string, int> valves_by_building, devices_by_building;
  for (const DeviceHealth& h : fleet) {
    const Device& d = h.device;
    if (!building.empty() && d.building != building) continue;
    if (!device.empty() && d.device_id != device && d.friendly_name != device) continue;
    const DeviceKind* kind = find_kind(d.kind);
    if (!kind) continue;
    ++out.devices;
    ++devices_by_building[d.building];
    std::vector<std::int64_t> frames;
    std::map<std::string, std::vector<Sample>> series;
    for (auto metric : kind->metrics) {
      // Activity is looked at by the consent-gated checks only.
      if (metric == "motion" || metric == "door") continue;
      GHD_ASSIGN(one, load_series(store, d.id, std::string(metric), from, now));
      for (const auto& x : one) frames.push_back(x.t);
      series[std::string(metric)] = std::move(one);
    }
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    silence_rules(c, h, frames, out.findings);

    if (d.kind == "trv") {
      ++valves_by_building[d.building];
      const auto temp = on_grid(series["temperature"], c.grid, kHold);
      const auto setpoint = on_grid(series["setpoint"], c.grid, kHold);
      const auto valve = on_grid(series["valve"], c.grid, kHold);
      const auto window = on_grid(series["window_open"], c.grid, kHold);
      frozen(c, d, h.offline_after, series["temperature"], valve, setpoint, out.findings);
      valve_rules(c, d, temp, setpoint, valve, window, out.findings);
    } else if (d.kind == "room-sensor") {
      const std::vector<double> none(c.grid.size, std::numeric_limits<double>::quiet_NaN());
      frozen(c, d, h.offline_after, series["temperature"], none, none, out.findings);
    }
    GHD_ASSIGN(events, store.events(d.id, to_unix(now - days{30}), to_unix(now)));
    if (kind->battery) GHD_TRY(battery_rule(c, db, d, events, out.findings));
    vendor_rule(d, events, now, out.findings);
    GHD_TRY(clock_rule(c, d, out.findings));
  }
  building_rules(s, valves_by_building, devices_by_building, out.findings);
  std::sort(out.findings.begin(), out.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.building, a.device_id, a.diagnostic, a.since) <
           std::tie(b.building, b.device_id, b.diagnostic, b.since);
  });
  return out;
}

Result<std::vector<BuildingRequest>> open_building_requests(Database& db, const Diagnosis& diagnosis,
                                                             const std::string& actor, Instant now) {
  std::vector<BuildingRequest> out;
  try {
    WriteTransaction tx(db.sql());
    TelemetryStore store(db);
    RequestStore requests(db);
    for (const auto& f : diagnosis.findings) {
      if (f.diagnostic != "heating-failure") continue;
      GHD_ASSIGN(open, store.open_building_fault(f.building, f.diagnostic));
      if (open) {
        out.push_back({f.building, *open, false});
        continue;
      }
      Request r;
      r.received_at = now;
      r.channel = "telemetry";
      r.category = "technical";
      r.service = "chauffage";
      r.building = f.building;
      r.agency = StockStore(db).agency_of_building(f.building).value_or("");
      r.source = "telemetry";
      r.subject = fmt::format("Panne de chauffage probable, immeuble {}", f.building);
      r.message = fmt::format(
          "Détecté par la télésurveillance des logements connectés : {} robinets thermostatiques ouverts "
          "alors que les pièces restent froides, depuis le {}. ({})",
          f.devices.size(), format_local_minutes(f.since), f.evidence);
      r.tags = {"incident:heating", "telemetry"};
      r.created_at = now;
      r.created_by = actor;
      r.updated_at = now;
      GHD_TRY(validate(r));
      const long long incident = requests.create_incident(f.building, "heating", now, r.subject);
      GHD_ASSIGN(id, requests.insert(r));
      r.id = id;
      r.incident_id = incident;
      requests.save_changes(r);
      store.record_building_fault(f.building, f.diagnostic, now, id, f.evidence);
      out.push_back({f.building, id, true});
    }
    tx.commit();
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
