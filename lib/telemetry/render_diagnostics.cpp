// ghd-telemetry diagnose and debug, for people and for tools.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/table.h"
#include "core/text.h"
#include "requests/request.h"
#include "telemetry/render.h"
#include "telemetry/series.h"

namespace ghd {

using nlohmann::json;
using namespace std::chrono;

namespace {

json finding_json(const Finding& f) {
  json j = {{"diagnostic", f.diagnostic}, {"device", f.device_id}, {"dwelling", f.dwelling}, {"room", f.room},
            {"building", f.building},     {"since", format_iso(f.since)}, {"until", format_iso(f.until)},
            {"evidence", f.evidence}};
  if (!f.devices.empty()) j["devices"] = f.devices;
  return j;
}

std::string optional_time(const std::optional<Instant>& t) { return t ? format_local_minutes(*t) : "-"; }

}  // namespace

std::string render_diagnosis(const Diagnosis& d, const std::vector<BuildingRequest>& requests,
                             const std::string& format) {
  if (format == "json") {
    json findings = json::array();
    for (const auto& f : d.findings) findings.push_back(finding_json(f));
    json reqs = json::array();
    for (const auto& r : requests)
      reqs.push_back({{"building", r.building}, {"request", format_ref(r.request_id)}, {"opened", r.opened}});
    return json{{"from", format_iso(d.from)}, {"to", format_iso(d.to)}, {"devices", d.devices},
                {"findings", findings}, {"requests", reqs}}
               .dump(2) +
           "\n";
  }
  std::string out = fmt::format("{} device(s) looked at from {} to {}: {} finding(s)\n", d.devices,
                                format_local_minutes(d.from), format_local_minutes(d.to), d.findings.size());
  std::string building = "\x01";
  for (const auto& f : d.findings) {
    if (f.building != building) {
      building = f.building;
      out += fmt::format("\n{}\n", building.empty() ? "(no building)" : building);
    }
    const std::string who = f.device_id.empty() ? "building" : f.device_id;
    out += fmt::format("  {:<20} {:<22} {}\n", f.diagnostic, who, f.evidence);
    if (!f.devices.empty()) out += fmt::format("  {:<20} {:<22} devices: {}\n", "", "", join(f.devices, ", "));
  }
  for (const auto& r : requests)
    out += fmt::format("\n{}: request {} {} (service chauffage)\n", r.building, format_ref(r.request_id),
                       r.opened ? "opened" : "already open");
  return out;
}

std::string render_debug(const DeviceDebug& g, const std::string& format) {
  const Device& d = g.health.device;
  if (format == "json") {
    json metrics = json::array();
    for (const auto& m : g.metrics) {
      json j = {{"metric", m.metric}, {"readings", m.readings}};
      if (m.last_frame) j["last_frame"] = format_iso(*m.last_frame), j["last_value"] = m.last_value;
      j["last_change"] = m.last_change ? json(format_iso(*m.last_change)) : json(nullptr);
      if (m.readings) j["min"] = m.min, j["max"] = m.max;
      metrics.push_back(j);
    }
    auto days_json = [](const std::vector<DailyValue>& v) {
      json a = json::array();
      for (const auto& x : v) a.push_back({{"date", format_date(x.day)}, {"mean", x.mean}});
      return a;
    };
    auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    json gaps = json::array();
    for (const auto& x : g.gaps)
      gaps.push_back({{"from", format_iso(x.from)}, {"to", format_iso(x.to)},
                      {"seconds", duration_cast<seconds>(x.to - x.from).count()}});
    json events = json::array();
    for (const auto& e : g.events) events.push_back({{"time", format_iso(from_unix(e.t))}, {"key", e.key}, {"value", e.value}});
    json findings = json::array();
    for (const auto& f : g.findings) findings.push_back(finding_json(f));
    return json{{"device", d.device_id},
                {"kind", d.kind},
                {"model", d.model},
                {"dwelling", d.dwelling},
                {"room", d.room},
                {"building", d.building},
                {"since", format_iso(g.since)},
                {"as_of", format_iso(g.now)},
                {"online", g.health.online},
                {"last_seen", g.health.last_seen ? json(format_iso(*g.health.last_seen)) : json(nullptr)},
                {"rhythm_seconds", g.health.rhythm.count()},
                {"offline_after_seconds", g.health.offline_after.count()},
                {"metrics", metrics},
                {"battery", {{"level", opt(g.battery.level)}, {"per_day", opt(g.battery.per_day)},
                             {"days_left", opt(g.battery.days_left)}, {"daily", days_json(g.battery_days)}}},
                {"linkquality", {{"per_day", opt(g.link_per_day)}, {"daily", days_json(g.link_days)}}},
                {"gaps", gaps},
                {"events", events},
                {"findings", findings}}
               .dump(2) +
           "\n";
  }
  std::string out = fmt::format("{}  {} {}  {}{}\n", d.device_id, d.kind, d.model,
                                d.dwelling.empty() ? d.building : d.dwelling, d.room.empty() ? "" : " / " + d.room);
  out += fmt::format("as of {}, looking back to {}\n", format_local_minutes(g.now), format_local_minutes(g.since));
  out += fmt::format("state: {}; last frame {}; usual rhythm {}; offline after {}\n\n",
                     g.health.online ? "online" : (g.health.last_seen ? "OFFLINE" : "never seen"),
                     optional_time(g.health.last_seen), span_text(g.health.rhythm), span_text(g.health.offline_after));
  Table t({"metric", "last frame", "value", "last change", "readings", "min", "max"});
  for (const auto& m : g.metrics)
    t.add({m.metric, optional_time(m.last_frame), m.last_frame ? fmt::format("{}", m.last_value) : "-",
           m.last_change ? format_local_minutes(*m.last_change) : (m.last_frame ? "before (60 days)" : "-"),
           std::to_string(m.readings), m.readings ? fmt::format("{}", m.min) : "-",
           m.readings ? fmt::format("{}", m.max) : "-"});
  out += t.render() + "\n";
  if (g.battery.level) {
    out += fmt::format("battery: {:.0f} %", *g.battery.level);
    if (g.battery.per_day) out += fmt::format(", {:+.2f} a day over 14 days", *g.battery.per_day);
    if (g.battery.days_left) out += fmt::format(", about {:.0f} days left", *g.battery.days_left);
    out += "\n";
  }
  if (!g.link_days.empty()) {
    std::vector<std::string> v;
    for (const auto& x : g.link_days) v.push_back(fmt::format("{:.0f}", x.mean));
    out += fmt::format("link quality by day: {}", join(v, " "));
    if (g.link_per_day) out += fmt::format(" ({:+.1f} a day)", *g.link_per_day);
    out += "\n";
  }
  if (g.gaps.empty()) out += "gaps: none\n";
  for (const auto& x : g.gaps)
    out += fmt::format("gap: {} to {} ({})\n", format_local_minutes(x.from), format_local_minutes(x.to),
                       span_text(duration_cast<seconds>(x.to - x.from)));
  for (const auto& e : g.events)
    out += fmt::format("device said: {} = {} at {}\n", e.key, e.value, format_local_minutes(from_unix(e.t)));
  out += g.findings.empty() ? "diagnostics: nothing found\n" : "diagnostics:\n";
  for (const auto& f : g.findings) out += fmt::format("  {:<22} {}\n", f.diagnostic, f.evidence);
  return out;
}

}  // namespace ghd
