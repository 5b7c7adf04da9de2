#include "telemetry/health.h"

#include <algorithm>
#include <map>

#include "store/telemetry_store.h"

namespace ghd {

using namespace std::chrono;

Result<std::vector<DeviceHealth>> fleet_health(Database& db, Instant now, const HealthThresholds& th) {
  TelemetryStore store(db);
  GHD_ASSIGN(devices, store.devices());
  const std::int64_t today = floor<days>(paris::to_local(now)).time_since_epoch().count();
  GHD_ASSIGN(latest, store.latest_days(today));
  std::map<long long, DeviceHealth> by_id;
  for (const auto& d : devices) by_id[d.id].device = d;
  std::map<long long, std::int64_t> latest_day;
  // Frames of any metric over a device's last two days with readings.
  std::map<long long, std::vector<std::int64_t>> frames;
  for (const auto& l : latest) {
    auto it = by_id.find(l.device);
    if (it == by_id.end()) continue;
    GHD_ASSIGN(samples, store.day_samples(l.device, l.metric, l.day));
    // Only what was known at `now`.
    samples.erase(std::remove_if(samples.begin(), samples.end(), [&](const Sample& s) { return s.t > to_unix(now); }),
                  samples.end());
    if (samples.empty()) continue;
    DeviceHealth& h = it->second;
    const Instant last = from_unix(samples.back().t);
    if (!h.last_seen || last > *h.last_seen) h.last_seen = last;
    if (l.metric == "battery") h.battery = samples.back().value;
    if (l.metric == "linkquality") h.linkquality = samples.back().value;
    latest_day[l.device] = std::max(latest_day[l.device], l.day);
  }
  for (const auto& [id, day] : latest_day) {
    const DeviceKind* kind = find_kind(by_id[id].device.kind);
    if (!kind) continue;
    for (auto metric : kind->metrics)
      for (std::int64_t d = day - 1; d <= day; ++d) {
        GHD_ASSIGN(samples, store.day_samples(id, std::string(metric), d));
        for (const auto& x : samples)
          if (x.t <= to_unix(now)) frames[id].push_back(x.t);
      }
  }
  // Devices whose raw readings were purged (retention) are known from their
  // roll-ups: seen within their latest hour.
  GHD_ASSIGN(rolled, store.latest_rollup_hours(to_unix(now)));
  for (auto& [id, h] : by_id)
    if (!h.last_seen)
      if (auto r = rolled.find(id); r != rolled.end()) h.last_seen = std::min(now, from_unix(r->second + 3599));
  std::vector<DeviceHealth> out;
  for (auto& [id, h] : by_id) {
    // Its rhythm: how long it usually stays silent between two frames of
    // any metric, at most (the 95th percentile over its last two days): a
    // sensor that reports on change and a heartbeat an hour has an hour.
    auto& f = frames[id];
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    std::vector<std::int64_t> iv;
    for (size_t i = 1; i < f.size(); ++i) iv.push_back(f[i] - f[i - 1]);
    if (!iv.empty()) {
      const size_t k = std::min(iv.size() - 1, iv.size() * 95 / 100);
      std::nth_element(iv.begin(), iv.begin() + long(k), iv.end());
      h.rhythm = seconds{iv[k]};
    }
    auto limit = std::max<seconds>(duration_cast<seconds>(th.offline_min),
                                   seconds{std::int64_t(double(h.rhythm.count()) * th.offline_factor)});
    const DeviceKind* kind = find_kind(h.device.kind);
    if (kind && kind->battery) limit = std::min<seconds>(limit, th.battery_offline_max);
    h.offline_after = limit;
    if (!h.last_seen) {
      h.problems.push_back("never-seen");
    } else {
      h.online = now - *h.last_seen <= limit;
      if (!h.online) h.problems.push_back("offline");
    }
    if (h.battery && *h.battery <= th.battery_low) h.problems.push_back("battery-low");
    if (h.linkquality && *h.linkquality <= th.link_weak) h.problems.push_back("link-weak");
    out.push_back(std::move(h));
  }
  std::sort(out.begin(), out.end(), [](const DeviceHealth& a, const DeviceHealth& b) {
    return std::tie(a.device.building, a.device.device_id) < std::tie(b.device.building, b.device.device_id);
  });
  return out;
}

}  // namespace ghd
