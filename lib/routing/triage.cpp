#include "routing/triage.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <fmt/format.h>

#include "core/text.h"
#include "routing/grouping.h"
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

namespace {

class Stopwatch {
 public:
  explicit Stopwatch(double& total) : total_(total), start_(steady_clock::now()) {}
  ~Stopwatch() { total_ += duration<double>(steady_clock::now() - start_).count(); }

 private:
  double& total_;
  steady_clock::time_point start_;
};

// Records what changed between two versions of a request.
void record_changes(RequestStore& store, const Request& before, const Request& after, const std::string& actor,
                    Instant now, const std::string& note) {
  auto record = [&](const char* field, const std::string& old_v, const std::string& new_v) {
    if (old_v != new_v) store.add_history({before.id, now, actor, field, old_v, new_v, note});
  };
  for (const auto& tag : after.tags)
    if (std::find(before.tags.begin(), before.tags.end(), tag) == before.tags.end()) record("tag", "", tag);
  record("status", before.status, after.status);
  record("service", before.service, after.service);
  record("priority", before.priority, after.priority);
  record("due_at", before.due_at ? format_iso(*before.due_at) : "", after.due_at ? format_iso(*after.due_at) : "");
  record("duplicate_of", before.duplicate_of ? format_ref(*before.duplicate_of) : "",
         after.duplicate_of ? format_ref(*after.duplicate_of) : "");
  record("incident", before.incident_id ? std::to_string(*before.incident_id) : "",
         after.incident_id ? std::to_string(*after.incident_id) : "");
}

}  // namespace

Status run_triage(Database& db, const Router& router, const Config& config, const std::string& actor, Instant now,
                  bool dry_run, TriageReport& report) {
  report = TriageReport{};
  report.window = morning_window(now, config);
  report.rules_file = router.rules().file;
  report.rules_hash = router.rules().hash;
  try {
    // A dry run does everything, then rolls back: what it prints is exactly
    // what a run would do.
    WriteTransaction tx(db.sql());
    RequestStore store(db);
    std::unordered_map<std::string, TenantFacts> tenants;
    std::vector<Request> requests;
    {
      Stopwatch sw(report.seconds_store);
      GHD_ASSIGN(facts, StockStore(db).tenant_facts());
      tenants = std::move(facts);
      RequestFilter fresh;
      fresh.statuses = {"new"};
      fresh.until = now;  // nothing received after the run's time
      GHD_ASSIGN(list, store.list(fresh));
      requests = std::move(list);
    }
    const std::string note_rules = fmt::format("rules {} {}", report.rules_hash, report.rules_file);
    std::map<long long, size_t> incident_index;
    for (auto& r : requests) {
      const auto t = tenants.find(r.tenant);
      TriageItem item{r, {}, "", std::nullopt, std::nullopt};
      {
        Stopwatch sw(report.seconds_matching);
        item.decision = router.route(r, t == tenants.end() ? TenantFacts{} : t->second);
      }
      Stopwatch sw(report.seconds_store);
      const bool automatic = std::find(config.forward_automatically.begin(), config.forward_automatically.end(),
                                       item.decision.service) != config.forward_automatically.end();
      Request after = r;
      after.service = item.decision.service;
      after.priority = item.decision.priority;
      after.due_at = item.decision.due_at;
      for (const auto& tag : item.decision.tags)
        if (std::find(after.tags.begin(), after.tags.end(), tag) == after.tags.end()) after.tags.push_back(tag);
      std::sort(after.tags.begin(), after.tags.end());
      after.status = automatic ? "forwarded" : "triaged";
      std::string why = item.decision.fired.empty() ? "no rule fired" : join(item.decision.fired, ", ");
      // An emergency is never held back as a duplicate.
      if (item.decision.priority != "P1") {
        GHD_ASSIGN(original, find_duplicate_of(store, r, config));
        if (original) {
          after.status = "duplicate";
          after.duplicate_of = original->duplicate_of ? *original->duplicate_of : original->id;
          item.duplicate_of = after.duplicate_of;
          why = fmt::format("duplicate of {} (same tenant and category, similar text); {}",
                            format_ref(*after.duplicate_of), why);
        }
      }
      item.status = after.status;
      after.updated_at = now;
      record_changes(store, r, after, actor, now, fmt::format("triage: {} ({})", why, note_rules));
      store.save_changes(after);

      if (auto kind = incident_kind(after.tags); kind && after.status != "duplicate") {
        GHD_ASSIGN(link, link_incident(store, after, *kind, config));
        if (link) {
          auto [it, inserted] = incident_index.emplace(link->incident_id, report.incidents.size());
          if (inserted) report.incidents.push_back({link->incident_id, after.building, *kind, link->created, {}});
          IncidentSummary& summary = report.incidents[it->second];
          auto attach = [&](const Request& req) {
            Request linked = req;
            linked.incident_id = link->incident_id;
            linked.updated_at = now;
            record_changes(store, req, linked, actor, now,
                           fmt::format("triage: incident {} ({} in {})", link->incident_id, *kind, after.building));
            store.save_changes(linked);
            summary.requests.push_back(req.id);
          };
          for (const auto& other : link->others) attach(other);
          attach(after);
          item.incident_id = link->incident_id;
        }
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
