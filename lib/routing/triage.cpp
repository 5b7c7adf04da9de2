#include "routing/triage.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/text.h"
#include "requests/update.h"
#include "store/stock_store.h"

namespace ghd {

using namespace std::chrono;

TriageWindow morning_window(Instant now, const Config& config) {
  const auto days = config.business_days();
  const Date previous = days.previous_business_day(paris::local_date(now));
  const Instant from = paris::to_utc(LocalTime{local_days{previous}.time_since_epoch() + config.triage_cutoff});
  return {from, now};
}

namespace {

int priority_rank(const std::string& p) { return p.size() == 2 ? p[1] - '0' : 9; }

}  // namespace

Status run_triage(Database& db, const Router& router, const Config& config, const std::string& actor, Instant now,
                  bool dry_run, TriageReport& report) {
  report = TriageReport{};
  report.window = morning_window(now, config);
  report.rules_file = router.rules().file;
  report.rules_hash = router.rules().hash;
  try {
    WriteTransaction tx(db.sql());
    RequestStore store(db);
    GHD_ASSIGN(tenants, StockStore(db).tenant_facts());
    RequestFilter fresh;
    fresh.statuses = {"new"};
    fresh.until = now;  // nothing received after the run's time
    GHD_ASSIGN(requests, store.list(fresh));
    for (auto& r : requests) {
      const auto t = tenants.find(r.tenant);
      const TenantFacts facts = t == tenants.end() ? TenantFacts{} : t->second;
      TriageItem item{r, router.route(r, facts), ""};
      const bool automatic = std::find(config.forward_automatically.begin(), config.forward_automatically.end(),
                                       item.decision.service) != config.forward_automatically.end();
      item.status = automatic ? "forwarded" : "triaged";
      if (!dry_run) {
        const std::string note =
            fmt::format("triage: {} (rules {} {})",
                        item.decision.fired.empty() ? "no rule fired" : join(item.decision.fired, ", "),
                        report.rules_hash, report.rules_file);
        auto record = [&](const char* field, const std::string& old_v, const std::string& new_v) {
          if (old_v != new_v) store.add_history({r.id, now, actor, field, old_v, new_v, note});
        };
        Request updated = r;
        updated.status = item.status;
        updated.service = item.decision.service;
        updated.priority = item.decision.priority;
        updated.due_at = item.decision.due_at;
        for (const auto& tag : item.decision.tags)
          if (std::find(updated.tags.begin(), updated.tags.end(), tag) == updated.tags.end()) {
            updated.tags.push_back(tag);
            record("tag", "", tag);
          }
        std::sort(updated.tags.begin(), updated.tags.end());
        record("status", r.status, updated.status);
        record("service", r.service, updated.service);
        record("priority", r.priority, updated.priority);
        record("due_at", r.due_at ? format_iso(*r.due_at) : "", format_iso(*updated.due_at));
        updated.updated_at = now;
        store.save_changes(updated);
      }
      report.items.push_back(std::move(item));
    }
    std::stable_sort(report.items.begin(), report.items.end(), [](const TriageItem& a, const TriageItem& b) {
      const int pa = priority_rank(a.decision.priority), pb = priority_rank(b.decision.priority);
      if ((pa == 1) != (pb == 1)) return pa == 1;
      if (a.decision.service != b.decision.service) return a.decision.service < b.decision.service;
      return a.decision.due_at < b.decision.due_at;
    });
    if (dry_run) tx.rollback();
    else tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

Status replay_rules(Database& db, const Router& router, Instant since, Instant until, ReplayReport& report) {
  report = ReplayReport{};
  for (const auto& rule : router.rules().rules) report.fired_per_rule[rule.name] = 0;
  RequestStore store(db);
  GHD_ASSIGN(tenants, StockStore(db).tenant_facts());
  RequestFilter f;
  f.since = since;
  f.until = until;
  GHD_ASSIGN(requests, store.list(f));
  for (auto& r : requests) {
    const auto t = tenants.find(r.tenant);
    ReplayItem item{r, router.route(r, t == tenants.end() ? TenantFacts{} : t->second)};
    for (const auto& name : item.decision.fired) ++report.fired_per_rule[name];
    // A request never triaged has nothing to compare with.
    const bool decided = !r.service.empty();
    item.service_changes = decided && item.decision.service != r.service;
    item.priority_changes = decided && item.decision.priority != r.priority;
    item.due_changes = decided && (!r.due_at || *r.due_at != item.decision.due_at);
    report.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace ghd
