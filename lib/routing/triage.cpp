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

// Records what changed between two versions of a request; the note (why)
// goes with the first change of the decision.
void record_changes(RequestStore& store, const Request& before, const Request& after, const std::string& actor,
                    Instant now, const std::string& note) {
  bool noted = false;
  auto record = [&](const char* field, const std::string& old_v, const std::string& new_v) {
    if (old_v == new_v) return;
    store.add_history({before.id, now, actor, field, old_v, new_v, noted ? std::string() : note});
    noted = true;
  };
  record("status", before.status, after.status);
  for (const auto& tag : after.tags)
    if (std::find(before.tags.begin(), before.tags.end(), tag) == before.tags.end()) record("tag", "", tag);
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
    // What duplicates and incidents are looked for in.
    std::optional<RecentRequests> recent;
    {
      Stopwatch sw(report.seconds_store);
      GHD_ASSIGN(facts, StockStore(db).tenant_facts());
      tenants = std::move(facts);
      RequestFilter fresh;
      fresh.statuses = {"new"};
      fresh.until = now + seconds{1};  // nothing received after the run's time
      fresh.limit = 1;
      GHD_ASSIGN(first, store.list(fresh));
      if (!first.empty()) {
        // One read gives both the new requests and what duplicates and
        // incidents are looked for in: everything since the first new
        // request's windows opened.
        const auto window = std::max<seconds>(days{config.duplicate_window_days}, hours{config.incident_window_hours});
        GHD_ASSIGN(loaded, RecentRequests::load(store, first.front().received_at - window, now + seconds{1}));
        recent.emplace(std::move(loaded));
        for (const auto& r : recent->requests())
          if (r.status == "new" && r.received_at <= now) requests.push_back(r);
      }
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
        if (auto original = recent->duplicate_of(r, config)) {
          after.status = "duplicate";
          after.duplicate_of = *original;
          item.duplicate_of = after.duplicate_of;
          why = fmt::format("duplicate of {} (same tenant and category, similar text); {}",
                            format_ref(*after.duplicate_of), why);
        }
      }
      item.status = after.status;
      after.updated_at = now;
      record_changes(store, r, after, actor, now, fmt::format("triage: {} ({})", why, note_rules));
      store.save_changes(after, &r.tags);

      recent->update(after);

      if (auto kind = incident_kind(after.tags); kind && after.status != "duplicate" && !after.building.empty()) {
        auto candidate = recent->incident_candidate(after, *kind, config);
        std::optional<long long> incident = candidate.existing;
        if (!incident) {
          GHD_ASSIGN(open, store.open_incident(after.building, *kind, after.received_at -
                                                                          hours{config.incident_window_hours}));
          incident = open;
        }
        bool created = false;
        if (!incident && int(candidate.tenants) >= config.incident_min_tenants) {
          incident = store.create_incident(after.building, *kind, candidate.first_report,
                                           fmt::format("{} in building {}, reported by {} tenants", *kind,
                                                       after.building, candidate.tenants));
          created = true;
        }
        if (incident) {
          auto [it, inserted] = incident_index.emplace(*incident, report.incidents.size());
          if (inserted) report.incidents.push_back({*incident, after.building, *kind, created, {}});
          IncidentSummary& summary = report.incidents[it->second];
          auto attach = [&](const Request& req) {
            Request linked = req;
            linked.incident_id = incident;
            linked.updated_at = now;
            record_changes(store, req, linked, actor, now,
                           fmt::format("triage: incident {} ({} in {})", *incident, *kind, after.building));
            store.save_changes(linked, &req.tags);
            recent->update(linked);
            summary.requests.push_back(req.id);
          };
          if (created)
            for (long long other : candidate.others) {
              GHD_ASSIGN(found, store.get(other));
              if (found) attach(*found);
            }
          attach(after);
          item.incident_id = incident;
        }
      }
      report.items.push_back(std::move(item));
    }
    // Emergencies first, then by service and due time; the items are
    // large, so their order is worked out on indexes.
    std::vector<size_t> order(report.items.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
      const TriageItem& a = report.items[x];
      const TriageItem& b = report.items[y];
      const int pa = priority_rank(a.decision.priority), pb = priority_rank(b.decision.priority);
      if ((pa == 1) != (pb == 1)) return pa == 1;
      if (a.decision.service != b.decision.service) return a.decision.service < b.decision.service;
      return a.decision.due_at < b.decision.due_at;
    });
    std::vector<TriageItem> sorted;
    sorted.reserve(order.size());
    for (size_t i : order) sorted.push_back(std::move(report.items[i]));
    report.items = std::move(sorted);
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
