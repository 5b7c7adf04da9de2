#include "telemetry/ingest.h"

#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/csv.h"
#include "core/text.h"
#include "store/consent_store.h"
#include "store/telemetry_store.h"
#include "telemetry/consent.h"
#include "telemetry/rollup.h"

namespace ghd {

using namespace std::chrono;

const char* format_name(ReadingFormat f) {
  return f == ReadingFormat::jsonl ? "jsonl" : f == ReadingFormat::csv ? "csv" : "auto";
}

namespace {

// A reading dated further ahead than this is a gateway clock fault.
constexpr auto kFutureTolerance = minutes{5};

struct Key {
  long long device;
  std::string metric;
  std::int64_t day;
  bool operator==(const Key& o) const { return device == o.device && day == o.day && metric == o.metric; }
};
struct KeyHash {
  size_t operator()(const Key& k) const {
    return std::hash<long long>()(k.device * 1000003 + k.day) ^ std::hash<std::string>()(k.metric);
  }
};

// Models that report the valve opening on 0-255 rather than 0-100.
bool valve_on_255(const std::string& model) {
  const std::string m = ascii_lower(model);
  return m.find("ts0601") != std::string::npos || m.find("tuya") != std::string::npos;
}

class Ingester {
 public:
  Ingester(TelemetryStore& store, const std::vector<Device>& devices, ConsentBook consents, const std::string& file,
           Instant now, IngestReport& report)
      : store_(store), consents_(std::move(consents)), file_(file), now_(now), report_(report) {
    for (const auto& d : devices) {
      by_id_[d.device_id] = &d;
      if (!d.friendly_name.empty()) by_name_[d.friendly_name] = &d;
    }
  }

  void quarantine(size_t line, const std::string& reason, const std::string& device, const std::string& metric,
                  std::optional<Instant> t, const std::string& value) {
    ++report_.quarantined;
    ++report_.quarantined_by_reason[reason];
    store_.quarantine({0, file_, static_cast<long long>(line), reason, device, metric, value, t, now_});
  }

  // Checks one reading and keeps it for its day block, or quarantines it.
  void reading(size_t line, const Device* d, const std::string& device_name, const std::string& metric,
               std::optional<Instant> t, std::optional<double> value, const std::string& value_text) {
    ++report_.readings;
    if (!d) return quarantine(line, "unknown-device", device_name, metric, t, value_text);
    const MetricSpec* spec = find_metric(metric);
    if (!spec) return quarantine(line, "unknown-metric", d->device_id, metric, t, value_text);
    const DeviceKind* kind = find_kind(d->kind);
    if (!kind || !kind_has_metric(*kind, metric))
      return quarantine(line, "metric-not-of-kind", d->device_id, metric, t, value_text);
    if (!t) return quarantine(line, "bad-time", d->device_id, metric, t, value_text);
    if (!value || !std::isfinite(*value)) return quarantine(line, "bad-value", d->device_id, metric, t, value_text);
    if (*value < spec->min || *value > spec->max)
      return quarantine(line, "impossible-value", d->device_id, metric, t, value_text);
    if (*t > now_ + kFutureTolerance) return quarantine(line, "future", d->device_id, metric, t, value_text);
    if (paris::local_date(*t) < d->installed_on)
      return quarantine(line, "before-installation", d->device_id, metric, t, value_text);
    // Activity of a dwelling is processed only under its tenant's consent:
    // without one it goes nowhere, counted only.
    if (is_activity_metric(metric) && !consents_.covers(d->dwelling, "activity", *t)) {
      ++report_.not_consented;
      return;
    }
    const std::int64_t day = floor<days>(paris::to_local(*t)).time_since_epoch().count();
    pending_[Key{d->id, metric, day}].push_back({to_unix(*t), *value});
  }

  // A state the device reports itself: kept when it differs from the last
  // one this file gave for the device (a valve repeats "ok" every frame).
  void event(size_t line, const Device* d, const std::string& device_name, const std::string& key,
             std::optional<Instant> t, const std::string& value) {
    if (!d) return quarantine(line, "unknown-device", device_name, key, t, value);
    if (!t) return quarantine(line, "bad-time", d->device_id, key, t, value);
    if (*t > now_ + kFutureTolerance) return quarantine(line, "future", d->device_id, key, t, value);
    std::string& last = last_event_[d->id][key];
    if (last == value) return;
    last = value;
    if (store_.add_event(d->id, {to_unix(*t), key, value})) ++report_.events;
  }

  const Device* device(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
  }
  const Device* named(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }

  Status flush() {
    for (auto& [key, incoming] : pending_) {
      GHD_ASSIGN(held, store_.day_samples(key.device, key.metric, key.day));
      const auto merged = merge_samples(held, std::move(incoming));
      report_.added += merged.added;
      report_.duplicates += merged.duplicates;
      if (merged.added == 0) continue;
      const DayRollups r = rollup_day(held, key.day);
      store_.save_day(key.device, key.metric, key.day, held, r.hourly, r.daily);
    }
    return Status::Ok();
  }

 private:
  TelemetryStore& store_;
  ConsentBook consents_;
  const std::string& file_;
  Instant now_;
  IngestReport& report_;
  std::unordered_map<std::string, const Device*> by_id_, by_name_;
  std::unordered_map<Key, std::vector<Sample>, KeyHash> pending_;
  std::unordered_map<long long, std::map<std::string, std::string>> last_event_;
};

std::optional<double> number(std::string_view s) {
  s = trim(s);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

void ingest_csv(Ingester& in, std::string_view bytes, IngestReport& report) {
  CsvReader csv(bytes, ',');
  std::vector<std::string> f;
  bool first = true;
  while (true) {
    const auto next = csv.next(f);
    if (next == CsvReader::Next::end) break;
    ++report.lines;
    if (next == CsvReader::Next::error) {
      in.quarantine(csv.line(), "bad-line", "", "", std::nullopt, std::string(trim(csv.raw())));
      continue;
    }
    if (f.size() == 1 && trim(f[0]).empty()) continue;
    if (first) {
      first = false;
      if (trim(f[0]) == "timestamp") continue;  // the header
    }
    if (f.size() != 4) {
      in.quarantine(csv.line(), "bad-line", "", "", std::nullopt, std::string(trim(csv.raw())));
      continue;
    }
    auto t = parse_instant(trim(f[0]));
    const std::string id(trim(f[1])), metric(trim(f[2]));
    in.reading(csv.line(), in.device(id), id, metric, t.ok() ? std::optional<Instant>(*t) : std::nullopt,
               number(f[3]), std::string(trim(f[3])));
  }
}

// Zigbee2MQTT state messages: {"time":..., "topic":"zigbee2mqtt/NAME", "payload":{...}}.
void ingest_jsonl(Ingester& in, std::string_view bytes, IngestReport& report) {
  size_t pos = 0, line = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view text = trim(bytes.substr(pos, end - pos));
    pos = end + 1;
    ++line;
    if (text.empty()) continue;
    ++report.lines;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
      in.quarantine(line, "bad-line", "", "", std::nullopt, std::string(text.substr(0, 200)));
      continue;
    }
    if (!j.is_object() || !j.contains("topic") || !j["topic"].is_string() || !j.contains("payload") ||
        !j["payload"].is_object()) {
      in.quarantine(line, "bad-line", "", "", std::nullopt, std::string(text.substr(0, 200)));
      continue;
    }
    std::string name = j["topic"].get<std::string>();
    if (name.rfind("zigbee2mqtt/", 0) == 0) name = name.substr(12);
    std::optional<Instant> t;
    if (j.contains("time") && j["time"].is_string())
      if (auto parsed = parse_instant(j["time"].get<std::string>()); parsed.ok()) t = *parsed;
    const Device* d = in.named(name);
    for (auto it = j["payload"].begin(); it != j["payload"].end(); ++it) {
      const std::string& key = it.key();
      const auto& v = it.value();
      auto as_number = [&]() -> std::optional<double> {
        if (v.is_number()) return v.get<double>();
        if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
        if (v.is_string()) return number(v.get<std::string>());  // Tuya valves send numbers as strings
        return std::nullopt;
      };
      const std::string shown = v.is_string() ? v.get<std::string>() : v.dump();
      std::string metric;
      std::optional<double> value = as_number();
      if (key == "local_temperature" || key == "temperature") metric = "temperature";
      else if (key == "occupied_heating_setpoint" || key == "current_heating_setpoint") metric = "setpoint";
      else if (key == "pi_heating_demand" || key == "position") {
        metric = "valve";
        if (value && d && valve_on_255(d->model)) value = *value * 100.0 / 255.0;
      } else if (key == "battery" || key == "linkquality" || key == "humidity" || key == "power") metric = key;
      else if (key == "window_open" || key == "window_detection") metric = "window_open";
      else if (key == "occupancy") {
        if (!v.is_boolean() || !v.get<bool>()) continue;  // only detections are events
        metric = "motion";
        value = 1;
      } else if (key == "contact") {
        if (!v.is_boolean()) continue;
        metric = "door";
        value = v.get<bool>() ? 0 : 1;  // contact lost: the door is open
      } else if (key == "energy") {
        metric = "energy";
        if (value) *value *= 1000;  // kWh -> Wh
      } else if (key == "system_status_code" || key == "adaptation_run_status" || key == "valve_adapt_status" ||
                 key == "battery_low") {
        in.event(line, d, name, key, t, v.is_string() ? v.get<std::string>() : v.dump());
        continue;
      } else {
        ++report.ignored_keys[key];
        continue;
      }
      in.reading(line, d, name, metric, t, value, shown);
    }
  }
}

}  // namespace

Status ingest_readings(Database& db, const std::string& file, std::string_view bytes, ReadingFormat format,
                       Instant now, IngestReport& report) {
  report = IngestReport{};
  report.file = file;
  if (format == ReadingFormat::automatic) {
    const auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    format = first != std::string_view::npos && bytes[first] == '{' ? ReadingFormat::jsonl : ReadingFormat::csv;
  }
  report.format = format;
  try {
    WriteTransaction tx(db.sql());
    TelemetryStore store(db);
    GHD_ASSIGN(devices, store.devices());
    GHD_ASSIGN(consents, ConsentStore(db).list(""));
    Ingester in(store, devices, ConsentBook(std::move(consents)), file, now, report);
    if (format == ReadingFormat::jsonl) ingest_jsonl(in, bytes, report);
    else ingest_csv(in, bytes, report);
    GHD_TRY(in.flush());
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
