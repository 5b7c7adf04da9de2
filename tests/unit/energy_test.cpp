// Degree days, energy signatures and PV self-consumption on data whose right
// figures are known.
#include <catch2/catch.hpp>

#include <cmath>
#include <fmt/format.h>

#include "energy/degree_days.h"
#include "energy/signature.h"
#include "helpers.h"

using namespace ghd;
using std::chrono::sys_days;

TEST_CASE("degree days, both methods, on the domain's examples") {
  CHECK(degree_days(10, 20, DegreeDayMethod::meteo_france) == Approx(3));
  CHECK(degree_days(10, 20, DegreeDayMethod::costic) == Approx(3.328));
  CHECK(degree_days(5, 15, DegreeDayMethod::meteo_france) == Approx(8));
  CHECK(degree_days(5, 15, DegreeDayMethod::costic) == Approx(8));
  CHECK(degree_days(19, 25, DegreeDayMethod::costic) == 0);
  CHECK(degree_days(19, 25, DegreeDayMethod::meteo_france) == 0);
  CHECK(degree_days(-4, 2, DegreeDayMethod::meteo_france) == Approx(19));
  CHECK(degree_day_method("costic") == DegreeDayMethod::costic);
  CHECK_FALSE(degree_day_method("degree").has_value());
}

namespace {
// A year of days on a known line: 2 + 0.5 * max(0, 16 - T), T a seasonal swing.
std::vector<SignaturePoint> known_line_days(int days) {
  std::vector<SignaturePoint> out;
  const auto start = std::chrono::sys_days{*parse_date("2025-07-01")};
  for (int i = 0; i < days; ++i) {
    const double t = 11 - 10 * std::cos(2 * 3.14159265358979 * (i - 20) / 365.0 + 3.14159265358979) +
                     2 * std::sin(i * 1.3);
    out.push_back({Date{start + std::chrono::days{i}}, 1, 2 + 0.5 * std::max(0.0, 16 - t), t});
  }
  return out;
}
}  // namespace

TEST_CASE("a signature fitted on data built from a known line finds the line") {
  auto fit = fit_signature(known_line_days(365));
  REQUIRE(fit.ok());
  CHECK(fit->heating);
  CHECK(*fit->balance_point == Approx(16));
  CHECK(fit->intercept == Approx(2).margin(1e-6));
  CHECK(fit->slope == Approx(0.5).margin(1e-6));
  CHECK(fit->r2 == Approx(1).margin(1e-9));
  CHECK(fit->cvrmse == Approx(0).margin(1e-6));
  CHECK(fit->days == 365);
  CHECK(fit->sufficient);
  CHECK(fit->predict(6) == Approx(7));
  CHECK(fit->predict(20) == Approx(2));
}

TEST_CASE("too little data fits but is not sufficient to publish") {
  auto days = known_line_days(200);
  for (size_t i = 0; i < days.size(); i += 4) days[i].consumption.reset();  // 25 % missing
  auto fit = fit_signature(days);
  REQUIRE(fit.ok());
  CHECK_FALSE(fit->sufficient);
  REQUIRE(fit->insufficiency.size() == 2);
  CHECK(fit->insufficiency[0] == "200 days of data, a year needed");
  CHECK(fit->insufficiency[1] == "50 of 200 days missing (more than 10 %)");
}

TEST_CASE("billing periods are weighted by their days") {
  // Months of the known line, each with its mean temperature: the fit comes
  // back close to the line (a month's mean hides its colder days).
  const auto days = known_line_days(365);
  std::vector<SignaturePoint> bills;
  for (size_t i = 0; i < days.size(); i += 30) {
    const size_t n = std::min<size_t>(30, days.size() - i);
    double c = 0, t = 0;
    for (size_t k = i; k < i + n; ++k) c += *days[k].consumption, t += *days[k].temperature;
    bills.push_back({days[i].start, int(n), c, t / double(n)});
  }
  auto fit = fit_signature(bills);
  REQUIRE(fit.ok());
  CHECK(fit->heating);
  CHECK(*fit->balance_point == Approx(16).margin(1.5));
  CHECK(fit->slope == Approx(0.5).margin(0.1));
  CHECK(fit->r2 > 0.95);
  CHECK(fit->days == 365);
}

TEST_CASE("a building without heating dependence gets the intercept alone") {
  auto days = known_line_days(365);
  for (auto& d : days) d.consumption = 3.0 + 0.1 * std::sin(double(sys_days{d.start}.time_since_epoch().count()));
  auto fit = fit_signature(days);
  REQUIRE(fit.ok());
  CHECK_FALSE(fit->heating);
  CHECK(fit->intercept == Approx(3).margin(0.02));
}

TEST_CASE("a signature on real data: OpenEEmeter's Illinois gas sample") {
  const std::string text = test::slurp(test::data_file("eemeter/il-gas-daily.csv"));
  auto points = parse_signature_csv("il-gas-daily.csv", text);
  REQUIRE(points.ok());
  REQUIRE(points->size() == 810);
  // The baseline year, up to the blackout of 2016-12-26.
  std::vector<SignaturePoint> baseline;
  for (const auto& p : *points)
    if (sys_days{p.start} < sys_days{*parse_date("2016-12-26")}) baseline.push_back(p);
  auto fit = fit_signature(baseline);
  REQUIRE(fit.ok());
  INFO(fmt::format("b={} a={} s={} r2={} cv={}", *fit->balance_point, fit->intercept, fit->slope, fit->r2, fit->cvrmse));
  CHECK(fit->heating);
  // Generated with a balance point of 60 °F (15.6 °C) and 250 therms a year of base load.
  CHECK(*fit->balance_point == Approx(15.6).margin(1.5));
  CHECK(fit->intercept == Approx(250.0 / 365).margin(0.2));
  CHECK(fit->r2 > 0.8);
  CHECK(fit->sufficient);
  // Its heating load: about 750 therms over the year before the blackout.
  double heating = 0;
  for (const auto& p : baseline)
    if (p.temperature && sys_days{p.start} >= sys_days{*parse_date("2015-12-26")})
      heating += fit->predict(*p.temperature) - fit->intercept;
  CHECK(heating == Approx(750).epsilon(0.15));
}

TEST_CASE("signature input: days or billing periods, errors with file and line") {
  auto bills = parse_signature_csv("b.csv", "start,end,consumption,temperature\n2025-01-01,2025-02-01,310,4.5\n");
  REQUIRE(bills.ok());
  CHECK(bills->at(0).days == 31);
  CHECK(parse_signature_csv("x.csv", "when,kwh\n").status().message() ==
        "x.csv:1: expected the header date,consumption,temperature or start,end,consumption,temperature");
  CHECK(parse_signature_csv("x.csv", "date,consumption,temperature\n2025-01-01,abc,3\n").status().message() ==
        "x.csv:2: invalid consumption 'abc'");
  CHECK(parse_signature_csv("x.csv", "date,consumption,temperature\n2025-13-01,1,3\n").status().message() ==
        "x.csv:2: invalid date '2025-13-01'");
  CHECK(parse_signature_csv("x.csv", "start,end,consumption,temperature\n2025-02-01,2025-01-01,1,3\n")
            .status()
            .message() == "x.csv:2: a period must end after it starts");
}
