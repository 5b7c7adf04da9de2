#include "energy/signature.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "core/csv.h"
#include "core/text.h"

namespace ghd {

using std::chrono::sys_days;

namespace {

constexpr double kGridFrom = 10, kGridTo = 22, kGridStep = 0.5;
constexpr int kMinDaysWithDegreeDays = 10;
constexpr double kMinDegreeDays = 20;

struct Usable {
  double w;  // days
  double y;  // consumption per day
  double t;  // mean temperature
};

struct Line {
  double a = 0, b = 0, sse = 0, sst = 0, se_b = 0;
  bool ok = false;
};

// Weighted least squares of y on x.
Line wls(const std::vector<Usable>& pts, const std::vector<double>& x) {
  Line l;
  double sw = 0, mx = 0, my = 0;
  for (size_t i = 0; i < pts.size(); ++i) sw += pts[i].w, mx += pts[i].w * x[i], my += pts[i].w * pts[i].y;
  if (sw <= 0) return l;
  mx /= sw;
  my /= sw;
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < pts.size(); ++i) {
    sxx += pts[i].w * (x[i] - mx) * (x[i] - mx);
    sxy += pts[i].w * (x[i] - mx) * (pts[i].y - my);
    l.sst += pts[i].w * (pts[i].y - my) * (pts[i].y - my);
  }
  l.b = sxx > 0 ? sxy / sxx : 0;
  l.a = my - l.b * mx;
  for (size_t i = 0; i < pts.size(); ++i) {
    const double r = pts[i].y - (l.a + l.b * x[i]);
    l.sse += pts[i].w * r * r;
  }
  const double n = double(pts.size());
  if (n > 2 && sxx > 0) l.se_b = std::sqrt(l.sse / (n - 2) / sxx);
  l.ok = sxx > 0;
  return l;
}

double normal_two_sided_p(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

}  // namespace

double SignatureFit::predict(double temperature) const {
  if (!heating || !balance_point) return intercept;
  return intercept + slope * std::max(0.0, *balance_point - temperature);
}

Result<SignatureFit> fit_signature(const std::vector<SignaturePoint>& input) {
  SignatureFit fit;
  std::vector<Usable> pts;
  if (input.empty()) return Status::DataError("no data to fit");
  auto first = sys_days{input.front().start}, last = first;
  int covered = 0;
  for (const auto& p : input) {
    const auto s = sys_days{p.start};
    first = std::min(first, s);
    last = std::max(last, s + std::chrono::days{p.days});
    if (!p.consumption || !p.temperature || p.days <= 0) continue;
    pts.push_back({double(p.days), *p.consumption / p.days, *p.temperature});
    covered += p.days;
  }
  fit.points = int(pts.size());
  fit.days = covered;
  fit.span_days = int((last - first).count());
  fit.days_missing = fit.span_days - covered;
  if (pts.size() < 3) return Status::DataError(fmt::format("{} usable point(s): too few to fit", pts.size()));
  double sw = 0, my = 0;
  for (const auto& p : pts) sw += p.w, my += p.w * p.y;
  my /= sw;
  const double n = double(pts.size());

  // Intercept only, the fallback.
  double sst = 0;
  for (const auto& p : pts) sst += p.w * (p.y - my) * (p.y - my);
  fit.intercept = my;
  fit.r2 = 0;
  fit.r2_adj = 0;
  fit.cvrmse = my != 0 ? std::sqrt(sst / sw * n / (n - 1)) / my : 0;

  double best = -1e300;
  for (double b = kGridFrom; b <= kGridTo + 1e-9; b += kGridStep) {
    std::vector<double> x;
    int days_with = 0;
    double total = 0;
    for (const auto& p : pts) {
      x.push_back(std::max(0.0, b - p.t));
      if (x.back() > 0) days_with += int(p.w);
      total += x.back() * p.w;
    }
    if (days_with < kMinDaysWithDegreeDays || total < kMinDegreeDays) continue;
    const Line l = wls(pts, x);
    if (!l.ok || l.b <= 0 || l.a < 0) continue;
    const double p_value = l.se_b > 0 ? normal_two_sided_p(l.b / l.se_b) : 0;
    if (p_value > 0.1) continue;
    const double r2 = l.sst > 0 ? 1 - l.sse / l.sst : 0;
    const double r2_adj = 1 - (1 - r2) * (n - 1) / (n - 2);
    if (r2_adj <= best) continue;
    best = r2_adj;
    fit.heating = true;
    fit.balance_point = b;
    fit.intercept = l.a;
    fit.slope = l.b;
    fit.r2 = r2;
    fit.r2_adj = r2_adj;
    fit.slope_p_value = p_value;
    // CalTRACK's CVRMSE: root mean squared error (per day, over n - 2
    // degrees of freedom) over the mean.
    fit.cvrmse = std::sqrt(l.sse / sw * n / (n - 2)) / my;
  }
  if (fit.span_days < 365) fit.insufficiency.push_back(fmt::format("{} days of data, a year needed", fit.span_days));
  if (fit.span_days > 0 && fit.days_missing * 10 > fit.span_days)
    fit.insufficiency.push_back(
        fmt::format("{} of {} days missing (more than 10 %)", fit.days_missing, fit.span_days));
  fit.sufficient = fit.insufficiency.empty();
  return fit;
}

Result<std::vector<SignaturePoint>> parse_signature_csv(const std::string& file, const std::string& text) {
  CsvReader csv(text, ',');
  std::vector<std::string> f;
  std::vector<SignaturePoint> out;
  bool header = true, billing = false;
  auto value = [](const std::string& s) -> std::optional<double> {
    const std::string v(trim(s));
    if (v.empty() || ascii_lower(v) == "nan") return std::nullopt;
    try {
      size_t used = 0;
      const double d = std::stod(v, &used);
      if (used != v.size() || !std::isfinite(d)) return std::nullopt;
      return d;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  while (true) {
    const auto next = csv.next(f);
    if (next == CsvReader::Next::end) break;
    const auto where = fmt::format("{}:{}", file, csv.line());
    if (next == CsvReader::Next::error) return Status::DataError(where + ": malformed CSV line");
    if (f.size() == 1 && trim(f[0]).empty()) continue;
    if (header) {
      header = false;
      std::vector<std::string> names;
      for (auto& x : f) names.push_back(ascii_lower(std::string(trim(x))));
      if (names == std::vector<std::string>{"date", "consumption", "temperature"}) continue;
      if (names == std::vector<std::string>{"start", "end", "consumption", "temperature"}) {
        billing = true;
        continue;
      }
      return Status::DataError(where + ": expected the header date,consumption,temperature or "
                                       "start,end,consumption,temperature");
    }
    if (f.size() != (billing ? 4u : 3u))
      return Status::DataError(fmt::format("{}: {} fields, {} expected", where, f.size(), billing ? 4 : 3));
    SignaturePoint p;
    auto start = parse_date(trim(f[0]));
    if (!start.ok()) return Status::DataError(fmt::format("{}: invalid date '{}'", where, f[0]));
    p.start = *start;
    if (billing) {
      auto end = parse_date(trim(f[1]));
      if (!end.ok()) return Status::DataError(fmt::format("{}: invalid date '{}'", where, f[1]));
      p.days = int((sys_days{*end} - sys_days{*start}).count());
      if (p.days <= 0) return Status::DataError(where + ": a period must end after it starts");
    }
    const size_t c = billing ? 2 : 1;
    p.consumption = value(f[c]);
    p.temperature = value(f[c + 1]);
    if (!p.consumption && !trim(f[c]).empty() && ascii_lower(std::string(trim(f[c]))) != "nan")
      return Status::DataError(fmt::format("{}: invalid consumption '{}'", where, f[c]));
    if (!p.temperature && !trim(f[c + 1]).empty() && ascii_lower(std::string(trim(f[c + 1]))) != "nan")
      return Status::DataError(fmt::format("{}: invalid temperature '{}'", where, f[c + 1]));
    if (p.consumption && *p.consumption < 0)
      return Status::DataError(fmt::format("{}: negative consumption", where));
    out.push_back(p);
  }
  if (header) return Status::DataError(file + ": empty file");
  return out;
}

}  // namespace ghd
