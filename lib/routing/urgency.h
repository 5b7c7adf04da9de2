// Which open request to handle first: an urgency score that adds up simple,
// explainable terms (in the spirit of Taskwarrior's urgency), each shown
// with its reason.
//
//   priority      P1 +10, P2 +6, P3 +3, P4 +1 (none: +2)
//   due           overdue: +6, and +1 per business day overdue (at most +4);
//                 due by the end of today: +4; by the end of the next business day: +2
//   tenant        elderly or vulnerable: +2
//   age           +0.1 per day since received (at most +2)
//   incident      +0.5 per other request of the same incident (at most +3)
#pragma once

#include <string>
#include <vector>

#include "calendar/working_time.h"
#include "config/config.h"
#include "requests/request.h"
#include "store/database.h"

namespace ghd {

struct UrgencyTerm {
  std::string name;  // priority, due, tenant, age, incident
  double value = 0;
  std::string why;
};

struct Urgency {
  double score = 0;
  std::vector<UrgencyTerm> terms;  // the non-zero ones
  std::string explain() const;     // "priority P2 +6, overdue by 2 business days +8"
};

Urgency urgency(const Request& r, const TenantFacts& tenant, int incident_size, Instant now,
                const WorkingCalendar& business);

struct QueuedRequest {
  Request request;
  Urgency urgency;
};
// The open requests (of these services, or all), most urgent first.
Result<std::vector<QueuedRequest>> urgency_queue(Database& db, const Config& config,
                                                 const std::vector<std::string>& services, Instant now);

}  // namespace ghd
