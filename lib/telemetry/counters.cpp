#include "telemetry/counters.h"

namespace ghd {

std::vector<CounterStep> counter_steps(const std::vector<Sample>& index) {
  std::vector<CounterStep> out;
  for (size_t i = 1; i < index.size(); ++i) {
    const double prev = index[i - 1].value, now = index[i].value;
    CounterStep s{index[i].t, 0, false};
    if (now >= prev) s.consumed = now - prev;
    else if (now < 0.9 * prev) {
      s.reset = true;
      s.consumed = now;
    }
    out.push_back(s);
  }
  return out;
}

double consumption(const std::vector<Sample>& index) {
  double total = 0;
  for (const auto& s : counter_steps(index)) total += s.consumed;
  return total;
}

}  // namespace ghd
