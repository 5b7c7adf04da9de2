// The morning triage: every request still 'new', whenever it arrived (so a
// missed morning leaves nothing behind), is routed by the rules and gets its
// service, priority, due time and tags; its status becomes 'triaged', or
// 'forwarded' for services configured to receive requests directly. Each
// decision is recorded in the history with the rules that fired and the
// hash of the rule set. A second run finds nothing new and changes nothing.
#pragma once

#include <string>
#include <vector>

#include "routing/router.h"
#include "store/request_store.h"

namespace ghd {

// The morning's window: from the cut-off time of the previous business day
// to now. Monday's covers Friday's cut-off to Monday morning; the day after
// a holiday covers both days.
struct TriageWindow {
  Instant from{};
  Instant to{};
};
TriageWindow morning_window(Instant now, const Config& config);

struct TriageItem {
  Request request;  // as it was before
  Decision decision;
  std::string status;  // the new status
  std::optional<long long> duplicate_of;
  std::optional<long long> incident_id;
};

struct IncidentSummary {
  long long id = 0;
  std::string building, kind;
  bool created = false;             // opened by this run
  std::vector<long long> requests;  // linked by this run
};

struct TriageReport {
  TriageWindow window;
  std::string rules_file;
  std::string rules_hash;
  std::vector<TriageItem> items;  // emergencies first, then by service and due time
  std::vector<IncidentSummary> incidents;
  double seconds_matching = 0;    // time spent in the rules
  double seconds_store = 0;       // time spent reading and writing the store
};

Status run_triage(Database& db, const Router& router, const Config& config, const std::string& actor, Instant now,
                  bool dry_run, TriageReport& report);

// The same rules applied to past requests, without writing: what would
// change against what was decided.
struct ReplayItem {
  Request request;
  Decision decision;
  bool service_changes = false, priority_changes = false, due_changes = false;
};
struct ReplayReport {
  std::vector<ReplayItem> items;
  std::map<std::string, long long> fired_per_rule;  // every rule, 0 when it never fired
};
Status replay_rules(Database& db, const Router& router, Instant since, Instant until, ReplayReport& report);

}  // namespace ghd
