#include "telemetry/series.h"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace ghd {

using namespace std::chrono;

namespace {
std::int64_t local_day(Instant t) { return floor<days>(paris::to_local(t)).time_since_epoch().count(); }
}  // namespace

Result<std::vector<Sample>> load_series(TelemetryStore& store, long long device, const std::string& metric,
                                        Instant from, Instant to) {
  std::vector<Sample> out;
  const std::int64_t lo = to_unix(from), hi = to_unix(to);
  for (std::int64_t day = local_day(from); day <= local_day(to); ++day) {
    GHD_ASSIGN(samples, store.day_samples(device, metric, day));
    for (const auto& s : samples)
      if (s.t >= lo && s.t <= hi) out.push_back(s);
  }
  return out;
}

Grid::Grid(Instant from, Instant to, seconds step_) : start(to_unix(from)), step(std::max<std::int64_t>(1, step_.count())) {
  const std::int64_t span = to_unix(to) - start;
  size = span < 0 ? 0 : size_t(span / step) + 1;
}

std::vector<double> on_grid(const std::vector<Sample>& series, const Grid& grid, seconds max_age) {
  std::vector<double> out(grid.size, std::numeric_limits<double>::quiet_NaN());
  size_t j = 0;
  for (size_t i = 0; i < grid.size; ++i) {
    const std::int64_t t = grid.at(i);
    while (j < series.size() && series[j].t <= t) ++j;
    if (j > 0 && t - series[j - 1].t <= max_age.count()) out[i] = series[j - 1].value;
  }
  return out;
}

Stretch longest_stretch(const std::vector<bool>& holds) {
  Stretch best, current;
  for (size_t i = 0; i < holds.size(); ++i) {
    if (!holds[i]) continue;
    if (current.length() == 0 || current.end != i) current = {i, i};
    current.end = i + 1;
    if (current.length() > best.length()) best = current;
  }
  return best;
}

std::string span_text(seconds d) {
  const long long m = (d.count() + 30) / 60;
  if (m < 60) return fmt::format("{} min", m);
  if (m < 48 * 60) return m % 60 ? fmt::format("{} h {:02} min", m / 60, m % 60) : fmt::format("{} h", m / 60);
  return fmt::format("{} d {} h", m / 1440, (m % 1440) / 60);
}

}  // namespace ghd
