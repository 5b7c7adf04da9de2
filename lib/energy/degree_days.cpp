#include "energy/degree_days.h"

#include <algorithm>

namespace ghd {

std::optional<DegreeDayMethod> degree_day_method(std::string_view name) {
  if (name == "meteo-france") return DegreeDayMethod::meteo_france;
  if (name == "costic") return DegreeDayMethod::costic;
  return std::nullopt;
}

const char* method_name(DegreeDayMethod m) { return m == DegreeDayMethod::costic ? "costic" : "meteo-france"; }

double degree_days(double tn, double tx, DegreeDayMethod method, double base) {
  if (tx < tn) std::swap(tn, tx);
  if (method == DegreeDayMethod::meteo_france) return std::max(0.0, base - (tn + tx) / 2);
  if (tx <= base) return base - (tn + tx) / 2;
  if (tn >= base) return 0;
  return (base - tn) * (0.08 + 0.42 * (base - tn) / (tx - tn));
}

}  // namespace ghd
