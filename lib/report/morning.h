// The morning triage report: what arrived since the previous business day's
// cut-off and how it was routed, per service (emergencies first), the
// building incidents with their number of reporting tenants, requests overdue
// or due today, counts per agency and per channel against the previous four
// weeks, and the dwellings whose "levée de doute" alerts or device faults need
// a call today, consent permitting.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "report/document.h"
#include "report/lang.h"
#include "routing/triage.h"
#include "store/database.h"

namespace ghd {

struct MorningItem {
  long long id = 0;
  std::string ref, dwelling, building, agency, channel, category, service, priority, status, summary;
  Instant received_at{};
  std::optional<Instant> due_at;
  std::optional<long long> incident_id;
};

struct MorningIncident {
  long long id = 0;
  std::string building, kind, summary;
  Instant opened_at{};
  int tenants = 0, requests = 0;
  std::vector<long long> request_ids;
};

struct MorningCount {
  std::string key;
  long long count = 0;
  double usual = 0;  // mean over the same window of the previous weeks
};

// A dwelling to call: an open alert of the checks (only while the tenant's
// consent covers it), or a device fault (no readings shown: least data).
struct MorningCall {
  std::string dwelling, building, kind, device, room;
  bool alert = false;
  long long alert_id = 0;
  Instant since{};
  std::string evidence;  // alerts only
};

struct MorningReport {
  TriageWindow window;
  Instant now{};
  std::string service;  // empty: every service
  std::vector<MorningItem> arrived;  // emergencies first, then by service, priority, due
  std::vector<MorningItem> due;      // open, overdue or due today
  std::vector<MorningIncident> incidents;
  std::vector<MorningCount> by_agency, by_channel;
  int weeks_compared = 4;
  bool calls_included = true;
  std::vector<MorningCall> calls;
};

// Reading the alerts is logged in the audit log under `actor`.
Result<MorningReport> morning_report(Database& db, const Config& config, Instant now, const std::string& actor);

// The report of one service: its requests and incidents only, no calls.
MorningReport for_service(const MorningReport& all, const std::string& service);
// The services present (arrived or due), in order.
std::vector<std::string> services_of(const MorningReport& r);

Document morning_document(const MorningReport& r, const Lang& lang);
std::string morning_json(const MorningReport& r);
std::string morning_csv(const MorningReport& r);  // the requests that arrived

}  // namespace ghd
