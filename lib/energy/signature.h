// A building's energy signature, after the CalTRACK daily method: the
// consumption of a day is intercept + slope * HDD(b), where HDD(b) is
// max(0, b - daily mean outdoor temperature) and the balance temperature b
// is searched on a grid (10 to 22 °C by 0.5 °C). Among the fits with a
// positive slope, a non-negative intercept, a slope significant at 10 % and
// enough degree days (10 days with some, 20 in all), the best adjusted R²
// wins; with none, the intercept alone (no heating dependence found).
// Billing periods are points weighted by their days, consumption and degree
// days per day of the period.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar/time.h"
#include "core/status.h"

namespace ghd {

struct SignaturePoint {
  Date start{};
  int days = 1;
  std::optional<double> consumption;  // for the whole period; none: missing
  std::optional<double> temperature;  // mean outdoor °C; none: missing
};

struct SignatureFit {
  bool heating = false;               // false: intercept only
  std::optional<double> balance_point;
  double intercept = 0, slope = 0;    // per day; per degree day
  double r2 = 0, r2_adj = 0, cvrmse = 0;
  double slope_p_value = 1;
  int points = 0;                     // days or periods used
  int days = 0;                       // days they cover
  int days_missing = 0;               // within the span, without a usable value
  int span_days = 0;                  // first to last day
  bool sufficient = false;            // a year at least, at most 10 % missing
  std::vector<std::string> insufficiency;  // why not
  // The daily consumption the fit predicts for a day of that mean temperature.
  double predict(double temperature) const;
};

Result<SignatureFit> fit_signature(const std::vector<SignaturePoint>& points);

// Reads `date,consumption,temperature` (days) or
// `start,end,consumption,temperature` (billing periods, end excluded), with
// a header; empty or "nan" values are missing. Errors name file and line.
Result<std::vector<SignaturePoint>> parse_signature_csv(const std::string& file, const std::string& text);

}  // namespace ghd
