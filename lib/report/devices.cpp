#include "report/devices.h"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/text.h"

namespace ghd {

using nlohmann::json;
using namespace std::chrono;

Result<DevicesReport> devices_report(Database& db, Instant now, const DiagnosticSettings& s, const std::string& building) {
  DevicesReport r;
  r.now = now;
  r.building = building;
  GHD_ASSIGN(fleet, fleet_health(db, now, s.health));
  GHD_ASSIGN(diagnosis, diagnose(db, now - hours{24}, now, s, building));
  std::map<std::string, std::vector<std::string>> by_device;
  for (const auto& f : diagnosis.findings) {
    if (f.device_id.empty()) r.building_findings.push_back(f);
    else by_device[f.device_id].push_back(f.diagnostic);
  }
  for (const auto& h : fleet) {
    if (!building.empty() && h.device.building != building) continue;
    ++r.devices;
    r.online += h.online;
    DeviceLine line{h, {}, by_device[h.device.device_id]};
    if (find_kind(h.device.kind) && find_kind(h.device.kind)->battery) {
      GHD_ASSIGN(trend, battery_trend(db, h.device, now));
      line.battery = trend;
    }
    const bool falling = line.battery.days_left && *line.battery.days_left <= 60;
    if (!h.problems.empty() || !line.findings.empty() || falling) r.lines.push_back(std::move(line));
  }
  return r;
}

Document devices_document(const DevicesReport& r, const Lang& tr) {
  Document d;
  d.lang = tr.code();
  d.title = fmt::format("{} \u2014 {}", tr("État du parc d'appareils", "Device fleet health"), tr.short_time(r.now));
  d.subtitle = fmt::format("{} {} ; {} {}.", r.devices, tr("appareils", "devices"), r.online, tr("en ligne", "online"));
  std::map<std::string, ReportSection> sections;
  for (const auto& f : r.building_findings) {
    auto& s = sections[f.building];
    s.paragraphs.push_back(fmt::format("{} : {}", f.diagnostic, f.evidence));
  }
  for (const auto& l : r.lines) {
    auto& s = sections[l.health.device.building];
    if (s.tables.empty()) {
      ReportTable t;
      t.header = {tr("Appareil", "Device"), tr("Type", "Kind"), tr("Logement", "Dwelling"), tr("Vu le", "Last seen"),
                  tr("Pile", "Battery"), tr("Jours restants", "Days left"), tr("Lien", "Link"),
                  tr("Problèmes", "Problems")};
      t.numeric = {false, false, false, false, true, true, true, false};
      s.tables.push_back(std::move(t));
    }
    std::vector<std::string> problems = l.health.problems;
    problems.insert(problems.end(), l.findings.begin(), l.findings.end());
    s.tables[0].rows.push_back(
        {l.health.device.device_id, l.health.device.kind, l.health.device.dwelling.empty() ? "-" : l.health.device.dwelling,
         l.health.last_seen ? tr.short_time(*l.health.last_seen) : tr("jamais", "never"),
         l.health.battery ? tr.number(*l.health.battery, 0) + " %" : "-",
         l.battery.days_left ? tr.number(*l.battery.days_left, 0) : "-",
         l.health.linkquality ? tr.number(*l.health.linkquality, 0) : "-", join(problems, ", ")});
  }
  for (auto& [b, s] : sections) {
    s.title = b.empty() ? tr("(sans immeuble)", "(no building)") : b;
    d.sections.push_back(std::move(s));
  }
  if (d.sections.empty())
    d.sections.push_back({tr("Parc", "Fleet"), {tr("Rien à signaler.", "Nothing to report.")}, {}, {}});
  return d;
}

std::string devices_json(const DevicesReport& r) {
  json lines = json::array(), buildings = json::array();
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  for (const auto& l : r.lines)
    lines.push_back({{"device", l.health.device.device_id}, {"kind", l.health.device.kind},
                     {"building", l.health.device.building}, {"dwelling", l.health.device.dwelling},
                     {"online", l.health.online},
                     {"last_seen", l.health.last_seen ? json(format_iso(*l.health.last_seen)) : json(nullptr)},
                     {"battery", opt(l.health.battery)}, {"battery_per_day", opt(l.battery.per_day)},
                     {"battery_days_left", opt(l.battery.days_left)}, {"linkquality", opt(l.health.linkquality)},
                     {"problems", l.health.problems}, {"diagnostics", l.findings}});
  for (const auto& f : r.building_findings)
    buildings.push_back({{"building", f.building}, {"diagnostic", f.diagnostic}, {"since", format_iso(f.since)},
                         {"evidence", f.evidence}, {"devices", f.devices}});
  return json{{"report", "devices"}, {"as_of", format_iso(r.now)}, {"devices", r.devices}, {"online", r.online},
              {"lines", lines}, {"building_faults", buildings}}
             .dump(2) +
         "\n";
}

std::string devices_csv(const DevicesReport& r) {
  std::string out = "device,kind,building,dwelling,online,last_seen,battery,battery_days_left,linkquality,problems\n";
  for (const auto& l : r.lines) {
    std::vector<std::string> problems = l.health.problems;
    problems.insert(problems.end(), l.findings.begin(), l.findings.end());
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", l.health.device.device_id, l.health.device.kind,
                       l.health.device.building, l.health.device.dwelling, l.health.online ? 1 : 0,
                       l.health.last_seen ? format_iso(*l.health.last_seen) : "",
                       l.health.battery ? fmt::format("{}", *l.health.battery) : "",
                       l.battery.days_left ? fmt::format("{:.0f}", *l.battery.days_left) : "",
                       l.health.linkquality ? fmt::format("{}", *l.health.linkquality) : "",
                       csv_safe_field(join(problems, " ")));
  }
  return out;
}

}  // namespace ghd
