// Consumption from cumulative indexes (energy meters): the growth of the
// index, where a drop is a meter reset or replacement, never a negative
// consumption. As Home Assistant does, a value under 90 % of the previous one
// is a reset: the new meter counts from zero, so its value is consumption.
// A smaller drop (a meter read back a little) counts as nothing.
#pragma once

#include <vector>

#include "telemetry/chunk.h"

namespace ghd {

struct CounterStep {
  std::int64_t t = 0;  // the end of the step
  double consumed = 0;
  bool reset = false;
};

// One step per reading after the first, in time order.
std::vector<CounterStep> counter_steps(const std::vector<Sample>& index);
double consumption(const std::vector<Sample>& index);

}  // namespace ghd
