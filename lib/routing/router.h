// Applying a rule set to one request: which rules fire, in order, what they
// decide, and — for explain — why each rule did or did not match.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "calendar/working_time.h"
#include "requests/request.h"
#include "routing/rules.h"

namespace ghd {

struct ConditionTrace {
  int depth = 0;
  Position at;
  std::string condition;  // as Condition::describe() says it
  std::string saw;        // the value the condition looked at
  bool matched = false;
};

struct RuleTrace {
  std::string rule;
  Position at;
  bool matched = false;
  std::vector<ConditionTrace> conditions;
  std::string first_failure;  // for a miss: the first condition that failed
  std::string decision;       // "stop", "continue", or "-" for a miss
};

struct Decision {
  std::string service;
  std::string priority;
  Instant due_at{};
  std::vector<std::string> tags;
  std::vector<std::string> fired;  // names of the rules that matched, in order
  bool fallback = false;           // no rule chose a service
  ServiceLevel sla;
  std::string sla_from;            // the rule that set the SLA, or "defaults"
  DeadlineTrace deadline;          // how the due time was derived
  std::vector<RuleTrace> trace;    // filled when asked for
};

class Router {
 public:
  // Fails when the rules name a calendar the config does not define.
  static Result<Router> make(const RuleSet& rules, const Config& config);
  Decision route(const Request& r, const TenantFacts& tenant, bool explain = false) const;
  const RuleSet& rules() const { return *rules_; }

 private:
  Router(const RuleSet& rules, std::map<std::string, WorkingCalendar> calendars)
      : rules_(&rules), calendars_(std::move(calendars)) {}
  const RuleSet* rules_;
  std::map<std::string, WorkingCalendar> calendars_;
};

// "P3" raised by one step is "P2"; never past P1.
std::string raise(const std::string& priority, int steps);

}  // namespace ghd
