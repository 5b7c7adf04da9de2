#include "telemetry/debug.h"

#include <algorithm>
#include <fmt/format.h>

#include "store/consent_store.h"
#include "telemetry/series.h"

namespace ghd {

using namespace std::chrono;

namespace {

std::int64_t local_day(Instant t) { return floor<days>(paris::to_local(t)).time_since_epoch().count(); }

// When the metric took the value it holds at `now`: back through the day
// blocks until another value shows up.
Result<std::optional<Instant>> last_change(TelemetryStore& store, long long device, const std::string& metric,
                                           Instant now, double value) {
  std::optional<std::int64_t> day = local_day(now);
  std::optional<Instant> since;
  for (int looked = 0; day && looked < 60; ++looked) {
    GHD_ASSIGN(samples, store.day_samples(device, metric, *day));
    for (auto it = samples.rbegin(); it != samples.rend(); ++it) {
      if (it->t > to_unix(now)) continue;
      if (it->value != value) return since;
      since = from_unix(it->t);
    }
    GHD_ASSIGN(before, store.day_before(device, metric, *day));
    day = before;
  }
  return std::optional<Instant>();  // unchanged for as far as we looked
}

Result<std::vector<DailyValue>> daily_means(TelemetryStore& store, long long device, const std::string& metric,
                                            Instant since, Instant now) {
  GHD_ASSIGN(rows, store.rollups(device, metric, true, local_day(since), local_day(now) + 1));
  std::vector<DailyValue> out;
  for (const auto& r : rows)
    out.push_back({Date(sys_days(days(r.start))), r.mean});
  return out;
}

std::optional<double> slope_per_day(const std::vector<DailyValue>& v) {
  if (v.size() < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (const auto& d : v) mx += double(sys_days(d.day).time_since_epoch().count()), my += d.mean;
  mx /= double(v.size());
  my /= double(v.size());
  double sxy = 0, sxx = 0;
  for (const auto& d : v) {
    const double x = double(sys_days(d.day).time_since_epoch().count()) - mx;
    sxy += x * (d.mean - my);
    sxx += x * x;
  }
  return sxx > 0 ? std::optional<double>(sxy / sxx) : std::nullopt;
}

}  // namespace

Result<DeviceDebug> debug_device(Database& db, const std::string& name, Instant since, Instant now,
                                 const DiagnosticSettings& settings, const AuditEntry& reader) {
  TelemetryStore store(db);
  GHD_ASSIGN(fleet, fleet_health(db, now, settings.health));
  auto it = std::find_if(fleet.begin(), fleet.end(), [&](const DeviceHealth& h) {
    return h.device.device_id == name || h.device.friendly_name == name;
  });
  if (it == fleet.end()) return Status::DataError(fmt::format("{}: no such device", name));
  DeviceDebug out;
  out.health = *it;
  out.since = since;
  out.now = now;
  const Device& d = out.health.device;
  const DeviceKind* kind = find_kind(d.kind);
  if (!kind) return Status::DataError(fmt::format("{}: unknown kind '{}'", name, d.kind));

  std::vector<std::int64_t> frames;
  bool activity = false;
  for (auto m : kind->metrics) {
    const std::string metric(m);
    activity = activity || is_activity_metric(metric);
    MetricState st;
    st.metric = metric;
    GHD_ASSIGN(window, load_series(store, d.id, metric, since, now));
    st.readings = static_cast<long long>(window.size());
    for (const auto& s : window) frames.push_back(s.t);
    if (!window.empty()) {
      auto [lo, hi] = std::minmax_element(window.begin(), window.end(),
                                          [](const Sample& a, const Sample& b) { return a.value < b.value; });
      st.min = lo->value;
      st.max = hi->value;
    }
    GHD_ASSIGN(latest, store.latest_day(d.id, metric, local_day(now)));
    if (latest) {
      GHD_ASSIGN(day, store.day_samples(d.id, metric, *latest));
      for (auto s = day.rbegin(); s != day.rend(); ++s)
        if (s->t <= to_unix(now)) {
          st.last_frame = from_unix(s->t);
          st.last_value = s->value;
          break;
        }
      if (st.last_frame) {
        GHD_ASSIGN(change, last_change(store, d.id, metric, now, st.last_value));
        st.last_change = change;
      }
    }
    out.metrics.push_back(std::move(st));
  }
  if (activity) {
    try {
      AuditEntry e = reader;
      e.action = "read-activity";
      e.dwelling = d.dwelling;
      e.device = d.device_id;
      ConsentStore(db).audit(e);
    } catch (const SQLite::Exception& e) {
      return sqlite_status(e, db.path());
    }
  }
  std::sort(frames.begin(), frames.end());
  frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
  const std::int64_t limit = out.health.offline_after.count();
  for (size_t i = 1; i < frames.size(); ++i)
    if (limit > 0 && frames[i] - frames[i - 1] > limit) out.gaps.push_back({from_unix(frames[i - 1]), from_unix(frames[i])});

  if (kind->battery) {
    GHD_ASSIGN(trend, battery_trend(db, d, now));
    out.battery = trend;
    GHD_ASSIGN(b, daily_means(store, d.id, "battery", since, now));
    out.battery_days = std::move(b);
  }
  if (kind_has_metric(*kind, "linkquality")) {
    GHD_ASSIGN(l, daily_means(store, d.id, "linkquality", since, now));
    out.link_days = std::move(l);
    out.link_per_day = slope_per_day(out.link_days);
  }
  GHD_ASSIGN(events, store.events(d.id, to_unix(since), to_unix(now)));
  out.events = std::move(events);
  GHD_ASSIGN(diagnosis, diagnose(db, since, now, settings, "", d.device_id));
  out.findings = std::move(diagnosis.findings);
  return out;
}

}  // namespace ghd
