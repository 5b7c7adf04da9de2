#include "telemetry/checks.h"

#include <algorithm>
#include <array>
#include <set>
#include <fmt/format.h>

#include "core/text.h"
#include "store/consent_store.h"
#include "store/telemetry_store.h"

namespace ghd {

using namespace std::chrono;

namespace {

constexpr int kPatternDays = 28;

std::int64_t day_of(Instant t) { return floor<days>(paris::to_local(t)).time_since_epoch().count(); }
int hour_of(Instant t) {
  const auto local = paris::to_local(t);
  return int(duration_cast<hours>(local - floor<days>(local)).count());
}

// Samples of a device and metric over the days [from, to], up to `now`.
Result<std::vector<Sample>> samples_between(TelemetryStore& store, long long device, const std::string& metric,
                                            std::int64_t from, std::int64_t to, Instant now) {
  std::vector<Sample> out;
  for (std::int64_t d = from; d <= to; ++d) {
    GHD_ASSIGN(s, store.day_samples(device, metric, d));
    for (const auto& x : s)
      if (x.t <= to_unix(now)) out.push_back(x);
  }
  return out;
}

struct Signal {
  std::string kind, evidence;
};

Result<std::vector<Signal>> activity_signals(TelemetryStore& store, const std::vector<Device>& sensors,
                                             const CheckSettings& cfg, Instant now) {
  std::vector<Signal> out;
  if (sensors.empty()) return out;
  const std::int64_t today = day_of(now);
  std::vector<std::int64_t> events;
  std::optional<std::int64_t> last_frame;
  for (const auto& d : sensors) {
    const DeviceKind* kind = find_kind(d.kind);
    if (!kind) continue;
    for (auto metric : kind->metrics) {
      GHD_ASSIGN(s, samples_between(store, d.id, std::string(metric), today - kPatternDays, today, now));
      for (const auto& x : s) {
        if (!last_frame || x.t > *last_frame) last_frame = x.t;
        if (metric == "motion" || metric == "door") events.push_back(x.t);
      }
    }
  }
  const auto silent_limit = hours{cfg.sensors_silent_hours};
  if (!last_frame || now - from_unix(*last_frame) > silent_limit) {
    out.push_back({"sensors-silent",
                   last_frame ? fmt::format("no frame from the activity sensors since {} ({} h)",
                                            format_local_minutes(from_unix(*last_frame)),
                                            duration_cast<hours>(now - from_unix(*last_frame)).count())
                              : fmt::format("no frame from the activity sensors in {} days", kPatternDays)});
    return out;  // a check that cannot see says nothing else
  }
  if (events.empty()) {
    out.push_back({"inactivity", fmt::format("no motion or door event in {} days", kPatternDays)});
    return out;
  }
  std::sort(events.begin(), events.end());
  // The tenant's pattern: hours of the day with activity on at least half of
  // the previous days.
  std::array<std::set<std::int64_t>, 24> days_active_at;
  for (auto t : events)
    if (day_of(from_unix(t)) < today) days_active_at[size_t(hour_of(from_unix(t)))].insert(day_of(from_unix(t)));
  std::array<bool, 24> usual{};
  std::vector<std::string> usual_hours;
  for (int h = 0; h < 24; ++h) {
    usual[size_t(h)] = days_active_at[size_t(h)].size() * 2 >= size_t(kPatternDays);
    if (usual[size_t(h)]) usual_hours.push_back(fmt::format("{}h", h));
  }
  const Instant last = from_unix(events.back());
  int usual_silent = 0;
  double daytime_silent = 0;
  // Whole local hours after the last event, up to now.
  for (Instant t = last + hours{1} - seconds{to_unix(last) % 3600}; t + hours{1} <= now; t += hours{1}) {
    const int h = hour_of(t);
    usual_silent += usual[size_t(h)];
    if (h >= 7 && h < 22) daytime_silent += 1;
  }
  if (usual_silent >= cfg.inactivity_usual_hours || daytime_silent >= cfg.inactivity_ceiling_hours)
    out.push_back({"inactivity",
                   fmt::format("last motion or door event {}; since then {} daytime hour(s) and {} usually active "
                               "hour(s) without activity (usually active at: {})",
                               format_local_minutes(last), daytime_silent, usual_silent,
                               usual_hours.empty() ? "no regular hour" : join(usual_hours, " "))});
  return out;
}

Result<std::vector<Signal>> temperature_signals(TelemetryStore& store, const std::vector<Device>& sensors,
                                                const CheckSettings& cfg, Instant now) {
  std::vector<Signal> out;
  const std::int64_t to = to_unix(now) - to_unix(now) % 3600;  // hours completed
  const std::int64_t from = to - cfg.temperature_hours * 3600;
  for (const auto& d : sensors) {
    GHD_ASSIGN(hours_held, store.rollups(d.id, "temperature", false, from, to));
    if (int(hours_held.size()) < cfg.temperature_hours) continue;  // not enough to say
    bool cold = true, hot = true;
    std::vector<std::string> means;
    for (const auto& h : hours_held) {
      cold = cold && h.mean < cfg.cold_below;
      hot = hot && h.mean > cfg.hot_above;
      means.push_back(fmt::format("{:.1f}", h.mean));
    }
    const std::string where = fmt::format("{} ({}): hourly means {} °C from {}", d.room, d.device_id, join(means, ", "),
                                          format_local_minutes(from_unix(from)));
    if (cold) out.push_back({"too-cold", fmt::format("under {} °C for {} h in {}", cfg.cold_below, cfg.temperature_hours, where)});
    if (hot) out.push_back({"too-hot", fmt::format("over {} °C for {} h in {}", cfg.hot_above, cfg.temperature_hours, where)});
  }
  return out;
}

}  // namespace

Status run_checks(Database& db, const CheckSettings& cfg, Instant now, CheckReport& report) {
  report = CheckReport{};
  try {
    TelemetryStore store(db);
    GHD_ASSIGN(consents, ConsentStore(db).list(""));
    GHD_ASSIGN(devices, store.devices());
    std::set<std::string> dwellings;
    for (const auto& c : consents)
      if (c.covers("activity", now) || c.covers("temperature", now)) dwellings.insert(c.dwelling);
    WriteTransaction tx(db.sql());
    for (const auto& dwelling : dwellings) {
      ++report.dwellings;
      const ConsentBook book(consents);
      std::vector<Device> activity, temperature;
      for (const auto& d : devices) {
        if (d.dwelling != dwelling) continue;
        if (d.kind == "motion" || d.kind == "door") activity.push_back(d);
        if (d.kind == "room-sensor" || d.kind == "trv") temperature.push_back(d);
      }
      std::vector<Signal> signals;
      if (book.covers(dwelling, "activity", now)) {
        GHD_ASSIGN(s, activity_signals(store, activity, cfg, now));
        signals.insert(signals.end(), s.begin(), s.end());
      }
      if (book.covers(dwelling, "temperature", now)) {
        GHD_ASSIGN(s, temperature_signals(store, temperature, cfg, now));
        signals.insert(signals.end(), s.begin(), s.end());
      }
      std::set<std::string> raised_now;
      for (const auto& s : signals) {
        if (raised_now.count(s.kind)) continue;  // one alert per kind and dwelling
        raised_now.insert(s.kind);
        if (store.alert_open(dwelling, s.kind)) {
          ++report.still_open;
          continue;
        }
        const long long id = store.insert_alert(dwelling, s.kind, now, s.evidence);
        report.raised.push_back({id, dwelling, s.kind, s.evidence, now, std::nullopt, "", ""});
      }
    }
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

Result<std::vector<Alert>> list_alerts(Database& db, bool all) {
  TelemetryStore store(db);
  GHD_ASSIGN(rows, store.alert_rows(all));
  std::vector<Alert> out;
  for (auto& r : rows)
    out.push_back({r.id, r.dwelling, r.kind, r.evidence, r.raised_at, r.acknowledged_at, r.acknowledged_by, r.note});
  return out;
}

Status acknowledge_alert(Database& db, long long id, const std::string& actor, const std::string& note, Instant now) {
  try {
    WriteTransaction tx(db.sql());
    if (TelemetryStore(db).acknowledge_alert(id, actor, note, now) == 0)
      return Status::DataError(fmt::format("alert {}: no such open alert", id));
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
