// Hourly and daily aggregates of one device and metric over one local day,
// so that reports never scan raw readings. The mean is time-weighted: each
// reading holds until the next one or the end of the hour (of the day), and
// time before the first reading of an hour is not counted.
#pragma once

#include <vector>

#include "store/telemetry_store.h"

namespace ghd {

struct DayRollups {
  std::vector<Rollup> hourly;  // one per UTC hour holding readings; 23, 24 or 25 a local day at most
  Rollup daily;
};

// `samples` sorted, all within the local day `day` (days since the epoch).
DayRollups rollup_day(const std::vector<Sample>& samples, std::int64_t day);

}  // namespace ghd
