// Heating degree days ("degrés-jours unifiés", DJU), base 18 °C, of a day
// from its minimum and maximum outdoor temperatures.
//   Météo-France: max(0, base - (TN + TX) / 2).
//   COSTIC (heating-operation contracts): when TX <= base, base - (TN + TX) / 2;
//   when TN >= base, 0; otherwise (base - TN) * (0.08 + 0.42 * (base - TN) / (TX - TN)).
#pragma once

#include <optional>
#include <string_view>

namespace ghd {

enum class DegreeDayMethod { meteo_france, costic };

std::optional<DegreeDayMethod> degree_day_method(std::string_view name);  // "meteo-france", "costic"
const char* method_name(DegreeDayMethod m);

double degree_days(double tn, double tx, DegreeDayMethod method, double base = 18);

}  // namespace ghd
