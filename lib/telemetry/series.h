// A device's readings over a time range, read from its day blocks, and the
// same readings laid on a regular grid so that several metrics (valve,
// temperature, setpoint) can be compared instant by instant.
#pragma once

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include "store/telemetry_store.h"

namespace ghd {

// Readings of one device and metric with from <= t <= to, sorted.
Result<std::vector<Sample>> load_series(TelemetryStore& store, long long device, const std::string& metric,
                                        Instant from, Instant to);

// Instants from, from + step, ... up to `to`.
struct Grid {
  std::int64_t start = 0;  // Unix seconds
  std::int64_t step = 300;
  size_t size = 0;
  Grid(Instant from, Instant to, std::chrono::seconds step);
  std::int64_t at(size_t i) const { return start + std::int64_t(i) * step; }
};

// The value each grid instant holds: the last reading at or before it, if
// not older than `max_age`; NaN otherwise (unknown).
std::vector<double> on_grid(const std::vector<Sample>& series, const Grid& grid, std::chrono::seconds max_age);

inline bool known(double v) { return !std::isnan(v); }

// The longest stretch of consecutive grid instants where `holds` is true:
// [begin, end) indexes, empty when it never holds.
struct Stretch {
  size_t begin = 0, end = 0;
  size_t length() const { return end - begin; }
};
Stretch longest_stretch(const std::vector<bool>& holds);

// "5 h 20 min", "40 min", "3 d 4 h".
std::string span_text(std::chrono::seconds d);

}  // namespace ghd
