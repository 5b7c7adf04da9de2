// What ghd-triage prints: explanations, run summaries, replays and test
// results, as text for people and JSON for scripts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "routing/rule_tests.h"
#include "routing/triage.h"
#include "routing/urgency.h"

namespace ghd {

std::string render_explain_text(const Request& r, const Decision& d, const RuleSet& rules);
nlohmann::json explain_json(const Request& r, const Decision& d, const RuleSet& rules);

// With `summary`, the counts and incidents only, not every request.
std::string render_triage_text(const TriageReport& report, bool dry_run, bool summary = false);
nlohmann::json triage_json(const TriageReport& report, bool dry_run, bool summary = false);

std::string render_replay_text(const ReplayReport& report, bool verbose);
nlohmann::json replay_json(const ReplayReport& report);

std::string render_queue_text(const std::vector<QueuedRequest>& queue);
nlohmann::json queue_json(const std::vector<QueuedRequest>& queue);

std::string render_test_results(const std::vector<RuleTestResult>& results);

nlohmann::json decision_json(const Decision& d);

}  // namespace ghd
