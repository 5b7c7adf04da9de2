// Energy signatures for people (text) and tools (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "energy/signature.h"
#include "report/lang.h"

namespace ghd {

// Keys: heating, balance_point, intercept, slope, r2, r2_adj, cvrmse,
// slope_p_value, points, days, days_missing, span_days, sufficient, insufficiency.
nlohmann::json signature_json_value(const SignatureFit& f);
std::string signature_text(const SignatureFit& f, const Lang& lang);

}  // namespace ghd
