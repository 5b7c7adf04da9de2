#include "telemetry/render.h"

#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/table.h"
#include "core/text.h"
#include "store/consent_store.h"
#include "store/telemetry_store.h"

namespace ghd {

using nlohmann::json;
using namespace std::chrono;

namespace {

Result<Device> find_device(TelemetryStore& store, const std::string& name) {
  GHD_ASSIGN(devices, store.devices());
  for (const auto& d : devices)
    if (d.device_id == name || d.friendly_name == name) return d;
  return Status::DataError(fmt::format("{}: no such device", name));
}

std::int64_t day_number(Instant t) { return floor<days>(paris::to_local(t)).time_since_epoch().count(); }

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

Result<std::string> render_devices(Database& db, const std::string& building, const std::string& format) {
  TelemetryStore store(db);
  GHD_ASSIGN(devices, store.devices());
  const std::vector<std::string> header = {"device_id", "kind", "model", "dwelling", "room", "building",
                                           "installed_on", "friendly_name"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : devices)
    if (building.empty() || d.building == building)
      rows.push_back({d.device_id, d.kind, d.model, d.dwelling, d.room, d.building, format_date(d.installed_on),
                      d.friendly_name});
  if (format == "json") {
    json arr = json::array();
    for (const auto& r : rows) {
      json o;
      for (size_t i = 0; i < header.size(); ++i) o[header[i]] = r[i];
      arr.push_back(o);
    }
    return arr.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = join(header, ",") + "\n";
    for (const auto& r : rows) {
      std::vector<std::string> cells;
      for (const auto& c : r) cells.push_back(csv_safe_field(c));
      out += join(cells, ",") + "\n";
    }
    return out;
  }
  Table t({"DEVICE", "KIND", "MODEL", "DWELLING", "ROOM", "BUILDING", "INSTALLED"});
  for (const auto& r : rows) t.add({r[0], r[1], r[2], r[3], r[4], r[5], r[6]});
  return t.render();
}

Result<std::string> render_device(Database& db, const std::string& name, const std::string& format) {
  TelemetryStore store(db);
  GHD_ASSIGN(d, find_device(store, name));
  const DeviceKind* kind = find_kind(d.kind);
  json metrics = json::object();
  std::string text = fmt::format("{} ({} {}), {} {} in {}, installed {}\nfriendly name: {}\n", d.device_id, d.kind,
                                 d.model, d.dwelling.empty() ? "building" : d.dwelling, d.room, d.building,
                                 format_date(d.installed_on), d.friendly_name.empty() ? "-" : d.friendly_name);
  Table t({"METRIC", "DAYS", "LAST DAY", "READINGS", "LAST VALUE"});
  for (auto m : kind ? kind->metrics : std::vector<std::string_view>{}) {
    GHD_ASSIGN(days_held, store.rollups(d.id, std::string(m), true, 0, INT64_MAX));
    if (days_held.empty()) {
      t.add({std::string(m), "0", "-", "0", "-"});
      metrics[std::string(m)] = nullptr;
      continue;
    }
    long long count = 0;
    for (const auto& r : days_held) count += r.count;
    const auto& last = days_held.back();
    const Date last_day{sys_days{days{last.start}}};
    t.add({std::string(m), std::to_string(days_held.size()), format_date(last_day), std::to_string(count),
           number(last.last)});
    metrics[std::string(m)] = {{"days", days_held.size()}, {"readings", count}, {"last_day", format_date(last_day)},
                               {"last_value", last.last}};
  }
  if (format == "json")
    return json{{"device_id", d.device_id}, {"kind", d.kind},         {"model", d.model},
                {"dwelling", d.dwelling},   {"room", d.room},         {"building", d.building},
                {"installed_on", format_date(d.installed_on)},         {"friendly_name", d.friendly_name},
                {"metrics", metrics}}
               .dump(2) +
           "\n";
  return text + "\n" + t.render();
}

std::string render_ingest_reports(const std::vector<IngestReport>& reports, const std::string& format) {
  if (format == "json") {
    json arr = json::array();
    for (const auto& r : reports)
      arr.push_back({{"file", r.file}, {"format", format_name(r.format)}, {"lines", r.lines},
                     {"readings", r.readings}, {"new", r.added}, {"duplicates", r.duplicates},
                     {"quarantined", r.quarantined}, {"quarantined_by_reason", r.quarantined_by_reason},
                     {"not_consented", r.not_consented}, {"device_events", r.events},
                     {"ignored_keys", r.ignored_keys}});
    return arr.dump(2) + "\n";
  }
  std::string out;
  for (const auto& r : reports) {
    out += fmt::format("{}: {} reading(s) [{}]: {} new, {} duplicate(s), {} quarantined\n", r.file, r.readings,
                       format_name(r.format), r.added, r.duplicates, r.quarantined);
    for (const auto& [reason, n] : r.quarantined_by_reason) out += fmt::format("  quarantined {}: {}\n", reason, n);
    if (r.events) out += fmt::format("  device states and faults recorded: {}\n", r.events);
    if (r.not_consented)
      out += fmt::format("  activity readings without consent, not stored: {}\n", r.not_consented);
    if (!r.ignored_keys.empty()) {
      std::vector<std::string> keys;
      for (const auto& [k, n] : r.ignored_keys) keys.push_back(fmt::format("{} ({})", k, n));
      out += "  ignored payload keys: " + join(keys, ", ") + "\n";
    }
  }
  return out;
}

Result<std::string> render_quarantine(Database& db, const std::string& reason, long long limit,
                                      const std::string& format) {
  TelemetryStore store(db);
  GHD_ASSIGN(counts, store.quarantine_counts());
  GHD_ASSIGN(rows, store.quarantined(reason, limit));
  if (format == "json") {
    json arr = json::array();
    for (const auto& q : rows)
      arr.push_back({{"file", q.file}, {"line", q.line}, {"reason", q.reason}, {"device_id", q.device_id},
                     {"metric", q.metric}, {"time", q.t ? json(format_iso(*q.t)) : json(nullptr)}, {"value", q.value},
                     {"quarantined_at", format_iso(q.quarantined_at)}});
    json by_reason = json::object();
    for (const auto& [r, n] : counts) by_reason[r] = n;
    return json{{"by_reason", by_reason}, {"readings", arr}}.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = "file,line,reason,device_id,metric,time,value\n";
    for (const auto& q : rows)
      out += fmt::format("{},{},{},{},{},{},{}\n", csv_safe_field(q.file), q.line, q.reason, csv_safe_field(q.device_id),
                         csv_safe_field(q.metric), q.t ? format_iso(*q.t) : "", csv_safe_field(q.value));
    return out;
  }
  std::string out;
  for (const auto& [r, n] : counts) out += fmt::format("{}: {}\n", r, n);
  if (counts.empty()) return std::string("quarantine empty\n");
  Table t({"FILE", "LINE", "REASON", "DEVICE", "METRIC", "TIME", "VALUE"});
  for (const auto& q : rows)
    t.add({q.file, std::to_string(q.line), q.reason, q.device_id, q.metric, q.t ? format_local_minutes(*q.t) : "-",
           q.value});
  return out + "\n" + t.render(40);
}

Result<std::string> render_readings(Database& db, const std::string& name, const std::string& metric, Instant since,
                                    Instant until, const std::string& of, const std::string& format,
                                    const AuditEntry& reader) {
  TelemetryStore store(db);
  GHD_ASSIGN(d, find_device(store, name));
  if (!find_metric(metric)) return Status::Usage(fmt::format("unknown metric '{}'", metric));
  if (is_activity_metric(metric)) {
    // Every look at a dwelling's activity by a person is logged.
    AuditEntry e = reader;
    e.action = "read-activity";
    e.dwelling = d.dwelling;
    e.device = d.device_id;
    try {
      ConsentStore(db).audit(e);
    } catch (const SQLite::Exception& ex) {
      return sqlite_status(ex, db.path());
    }
  }
  json arr = json::array();
  std::string csv;
  if (of == "raw") {
    csv = "time,value\n";
    for (std::int64_t day = day_number(since); day <= day_number(until); ++day) {
      GHD_ASSIGN(samples, store.day_samples(d.id, metric, day));
      for (const auto& s : samples) {
        if (s.t < to_unix(since) || s.t >= to_unix(until)) continue;
        const std::string t = format_iso(from_unix(s.t));
        csv += fmt::format("{},{}\n", t, number(s.value));
        arr.push_back({{"time", t}, {"value", s.value}});
      }
    }
  } else {
    const bool daily = of == "daily";
    const std::int64_t from = daily ? day_number(since) : to_unix(since);
    const std::int64_t to = daily ? day_number(until) + 1 : to_unix(until);
    GHD_ASSIGN(rollups, store.rollups(d.id, metric, daily, from, to));
    csv = fmt::format("{},count,mean,min,max,first,last\n", daily ? "day" : "hour");
    for (const auto& r : rollups) {
      const std::string when = daily ? format_date(Date{sys_days{days{r.start}}}) : format_iso(from_unix(r.start));
      csv += fmt::format("{},{},{},{},{},{},{}\n", when, r.count, number(r.mean), number(r.min), number(r.max),
                         number(r.first), number(r.last));
      arr.push_back({{daily ? "day" : "hour", when}, {"count", r.count}, {"mean", r.mean}, {"min", r.min},
                     {"max", r.max}, {"first", r.first}, {"last", r.last}});
    }
  }
  if (format == "json")
    return json{{"device_id", d.device_id}, {"metric", metric}, {"of", of}, {"readings", arr}}.dump(2) + "\n";
  return csv;
}

std::string render_status(const std::vector<DeviceHealth>& fleet, const std::vector<Finding>& findings,
                          const std::string& building, const std::string& format) {
  struct Counts {
    int devices = 0, online = 0, offline = 0, never = 0, battery = 0, link = 0, faults = 0;
  };
  std::map<std::string, Counts> by_building;
  json faults = json::array();
  Table fault_list({"BUILDING", "DEVICE", "DIAGNOSTIC", "EVIDENCE"});
  for (const auto& f : findings) {
    if ((!building.empty() && f.building != building) || f.diagnostic == "offline") continue;
    ++by_building[f.building].faults;
    faults.push_back({{"building", f.building}, {"device_id", f.device_id}, {"diagnostic", f.diagnostic},
                      {"since", format_iso(f.since)}, {"evidence", f.evidence}});
    fault_list.add({f.building, f.device_id.empty() ? "building" : f.device_id, f.diagnostic, f.evidence});
  }
  json problems = json::array();
  Table list({"BUILDING", "DEVICE", "KIND", "DWELLING", "LAST SEEN", "BATTERY", "LINK", "PROBLEMS"});
  for (const auto& h : fleet) {
    if (!building.empty() && h.device.building != building) continue;
    Counts& c = by_building[h.device.building];
    ++c.devices;
    c.online += h.online;
    for (const auto& p : h.problems) {
      c.offline += p == "offline";
      c.never += p == "never-seen";
      c.battery += p == "battery-low";
      c.link += p == "link-weak";
    }
    if (h.problems.empty()) continue;
    list.add({h.device.building, h.device.device_id, h.device.kind, h.device.dwelling,
              h.last_seen ? format_local_minutes(*h.last_seen) : "never", h.battery ? number(*h.battery) : "-",
              h.linkquality ? number(*h.linkquality) : "-", join(h.problems, " ")});
    problems.push_back({{"device_id", h.device.device_id}, {"kind", h.device.kind}, {"building", h.device.building},
                        {"dwelling", h.device.dwelling},
                        {"last_seen", h.last_seen ? json(format_iso(*h.last_seen)) : json(nullptr)},
                        {"rhythm_seconds", h.rhythm.count()}, {"offline_after_seconds", h.offline_after.count()},
                        {"battery", h.battery ? json(*h.battery) : json(nullptr)},
                        {"linkquality", h.linkquality ? json(*h.linkquality) : json(nullptr)},
                        {"problems", h.problems}});
  }
  if (format == "json") {
    json buildings = json::object();
    for (const auto& [b, c] : by_building)
      buildings[b] = {{"devices", c.devices}, {"online", c.online},       {"offline", c.offline},
                      {"never_seen", c.never}, {"battery_low", c.battery}, {"link_weak", c.link},
                      {"faults", c.faults}};
    return json{{"buildings", buildings}, {"problems", problems}, {"faults", faults}}.dump(2) + "\n";
  }
  Table t({"BUILDING", "DEVICES", "ONLINE", "OFFLINE", "NEVER SEEN", "BATTERY LOW", "WEAK LINK", "FAULTS"});
  for (const auto& [b, c] : by_building)
    t.add({b, std::to_string(c.devices), std::to_string(c.online), std::to_string(c.offline), std::to_string(c.never),
           std::to_string(c.battery), std::to_string(c.link), std::to_string(c.faults)});
  std::string out = t.render();
  if (!list.empty()) out += "\n" + list.render();
  if (!fault_list.empty()) out += "\n" + fault_list.render(100);
  return out;
}

namespace {
json alert_json(const Alert& a) {
  return {{"id", a.id},
          {"dwelling", a.dwelling},
          {"kind", a.kind},
          {"raised_at", format_iso(a.raised_at)},
          {"evidence", a.evidence},
          {"acknowledged_at", a.acknowledged_at ? json(format_iso(*a.acknowledged_at)) : json(nullptr)},
          {"acknowledged_by", a.acknowledged_by.empty() ? json(nullptr) : json(a.acknowledged_by)},
          {"note", a.note}};
}
}  // namespace

std::string render_check_report(const CheckReport& report, const std::string& format) {
  if (format == "json") {
    json raised = json::array();
    for (const auto& a : report.raised) raised.push_back(alert_json(a));
    return json{{"dwellings", report.dwellings}, {"raised", raised}, {"still_open", report.still_open}}.dump(2) + "\n";
  }
  std::string out = fmt::format("{} consenting dwelling(s) checked: {} new alert(s), {} already open\n",
                                report.dwellings, report.raised.size(), report.still_open);
  for (const auto& a : report.raised)
    out += fmt::format("ALERT {} {} {}: {}\n", a.id, a.dwelling, a.kind, a.evidence);
  return out;
}

std::string render_alerts(const std::vector<Alert>& alerts, const std::string& format) {
  if (format == "json") {
    json arr = json::array();
    for (const auto& a : alerts) arr.push_back(alert_json(a));
    return arr.dump(2) + "\n";
  }
  if (alerts.empty()) return "no open alert\n";
  Table t({"ID", "RAISED", "DWELLING", "KIND", "ACK", "EVIDENCE"});
  for (const auto& a : alerts)
    t.add({std::to_string(a.id), format_local_minutes(a.raised_at), a.dwelling, a.kind,
           a.acknowledged_at ? a.acknowledged_by : "-", a.evidence});
  return t.render(100);
}

Result<std::string> render_consents(Database& db, const std::string& dwelling, const std::string& format) {
  GHD_ASSIGN(list, ConsentStore(db).list(dwelling));
  if (format == "json") {
    json arr = json::array();
    for (const auto& c : list)
      arr.push_back({{"dwelling", c.dwelling}, {"scope", c.scope}, {"form", c.form_ref},
                     {"granted_at", format_iso(c.granted_at)}, {"granted_by", c.granted_by},
                     {"revoked_at", c.revoked_at ? json(format_iso(*c.revoked_at)) : json(nullptr)},
                     {"revoked_by", c.revoked_by.empty() ? json(nullptr) : json(c.revoked_by)},
                     {"purged_at", c.purged_at ? json(format_iso(*c.purged_at)) : json(nullptr)}});
    return arr.dump(2) + "\n";
  }
  if (list.empty()) return std::string(dwelling.empty() ? "no consent recorded\n" : dwelling + ": no consent recorded\n");
  Table t({"DWELLING", "SCOPE", "FORM", "GRANTED", "BY", "WITHDRAWN", "BY", "DATA DELETED"});
  for (const auto& c : list)
    t.add({c.dwelling, join(c.scope, ","), c.form_ref, format_local_minutes(c.granted_at), c.granted_by,
           c.revoked_at ? format_local_minutes(*c.revoked_at) : "-", c.revoked_by.empty() ? "-" : c.revoked_by,
           c.purged_at ? format_local_minutes(*c.purged_at) : "-"});
  return t.render();
}

Result<std::string> render_audit(Database& db, const std::string& dwelling, Instant since, const std::string& format) {
  GHD_ASSIGN(log, ConsentStore(db).audit_log(dwelling, since));
  if (format == "json") {
    json arr = json::array();
    for (const auto& e : log)
      arr.push_back({{"at", format_iso(e.at)}, {"actor", e.actor}, {"action", e.action}, {"dwelling", e.dwelling},
                     {"device", e.device}, {"reason", e.reason}});
    return arr.dump(2) + "\n";
  }
  Table t({"AT", "ACTOR", "ACTION", "DWELLING", "DEVICE", "WHY"});
  for (const auto& e : log) t.add({format_local_minutes(e.at), e.actor, e.action, e.dwelling, e.device, e.reason});
  return t.render();
}

}  // namespace ghd
