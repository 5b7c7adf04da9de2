#include "routing/urgency.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "store/request_store.h"
#include "store/stock_store.h"

namespace ghd {

using namespace std::chrono;

std::string Urgency::explain() const {
  std::string out;
  for (const auto& t : terms) out += fmt::format("{}{} {:+.1f}", out.empty() ? "" : ", ", t.why, t.value);
  return out;
}

namespace {

// Business days from the day of `from` to the day of `to` (0: the same day).
int business_days_between(const WorkingCalendar& cal, Date from, Date to) {
  int n = 0;
  for (sys_days d = sys_days{from}; d < sys_days{to} && n < 366; d += days{1})
    if (cal.days().is_business_day(Date{d + days{1}})) ++n;
  return n;
}

}  // namespace

Urgency urgency(const Request& r, const TenantFacts& tenant, int incident_size, Instant now,
                const WorkingCalendar& business) {
  Urgency u;
  auto add = [&](const char* name, double value, std::string why) {
    if (value != 0) u.terms.push_back({name, value, std::move(why)});
  };
  const double by_priority = r.priority == "P1" ? 10 : r.priority == "P2" ? 6 : r.priority == "P3" ? 3
                             : r.priority == "P4" ? 1 : 2;
  add("priority", by_priority, "priority " + (r.priority.empty() ? std::string("none") : r.priority));
  if (r.due_at) {
    const Date today = paris::local_date(now), due_day = paris::local_date(*r.due_at);
    if (*r.due_at <= now) {
      const int late = business_days_between(business, due_day, today);
      add("due", 6 + std::min(4, late), late ? fmt::format("overdue by {} business day(s)", late) : "overdue");
    } else if (due_day == today) {
      add("due", 4, "due today");
    } else if (due_day <= business.add_days(today, 1)) {
      add("due", 2, "due next business day");
    }
  }
  if (tenant.elderly || tenant.vulnerable) add("tenant", 2, tenant.elderly ? "elderly tenant" : "vulnerable tenant");
  const double age_days = duration<double>(now - r.received_at).count() / 86400.0;
  if (age_days > 0) add("age", std::round(std::min(2.0, age_days * 0.1) * 10) / 10, fmt::format("{:.0f} day(s) old", age_days));
  if (incident_size > 1)
    add("incident", std::min(3.0, 0.5 * (incident_size - 1)), fmt::format("incident of {} requests", incident_size));
  for (const auto& t : u.terms) u.score += t.value;
  u.score = std::round(u.score * 10) / 10;
  return u;
}

Result<std::vector<QueuedRequest>> urgency_queue(Database& db, const Config& config,
                                                 const std::vector<std::string>& services, Instant now) {
  RequestStore store(db);
  RequestFilter f;
  f.open_only = true;
  f.services = services;
  GHD_ASSIGN(requests, store.list(f));
  GHD_ASSIGN(tenants, StockStore(db).tenant_facts());
  GHD_ASSIGN(business, config.calendar("business"));
  std::map<long long, int> incident_sizes;
  for (const auto& r : requests)
    if (r.incident_id) ++incident_sizes[*r.incident_id];
  std::vector<QueuedRequest> out;
  for (auto& r : requests) {
    const auto t = tenants.find(r.tenant);
    Urgency u = urgency(r, t == tenants.end() ? TenantFacts{} : t->second,
                        r.incident_id ? incident_sizes[*r.incident_id] : 0, now, business);
    out.push_back({std::move(r), std::move(u)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const QueuedRequest& a, const QueuedRequest& b) { return a.urgency.score > b.urgency.score; });
  return out;
}

}  // namespace ghd
