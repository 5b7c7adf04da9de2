#include "telemetry/rollup.h"

#include <algorithm>

namespace ghd {

namespace {

Rollup aggregate(const std::vector<Sample>& s, size_t begin, size_t end, std::int64_t period_end, std::int64_t start) {
  Rollup r;
  r.start = start;
  r.count = static_cast<long long>(end - begin);
  r.first = s[begin].value;
  r.last = s[end - 1].value;
  r.min = r.max = s[begin].value;
  double weighted = 0, held = 0, plain = 0;
  for (size_t i = begin; i < end; ++i) {
    r.min = std::min(r.min, s[i].value);
    r.max = std::max(r.max, s[i].value);
    plain += s[i].value;
    const std::int64_t until = i + 1 < end ? s[i + 1].t : period_end;
    const double span = double(std::max<std::int64_t>(0, until - s[i].t));
    weighted += s[i].value * span;
    held += span;
  }
  r.mean = held > 0 ? weighted / held : plain / double(r.count);
  return r;
}

}  // namespace

DayRollups rollup_day(const std::vector<Sample>& samples, std::int64_t day) {
  DayRollups out;
  const std::int64_t start = to_unix(paris::start_of_day(Date{std::chrono::sys_days{std::chrono::days{day}}}));
  const std::int64_t end = to_unix(paris::start_of_day(Date{std::chrono::sys_days{std::chrono::days{day + 1}}}));
  out.daily.start = day;
  if (samples.empty()) return out;
  out.daily = aggregate(samples, 0, samples.size(), end, day);
  size_t i = 0;
  while (i < samples.size()) {
    const std::int64_t hour = start + (samples[i].t - start) / 3600 * 3600;
    size_t j = i;
    while (j < samples.size() && samples[j].t < hour + 3600) ++j;
    out.hourly.push_back(aggregate(samples, i, j, std::min(hour + 3600, end), hour));
    i = j;
  }
  return out;
}

}  // namespace ghd
