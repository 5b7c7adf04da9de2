// Unit tests for rule sets, written by the people who write the rules (in
// the manner of `promtool test rules`): a YAML file of requests with the
// service, priority and tags expected of them.
//
//   tests:
//     - name: gas filed under pests
//       request: {category: pests, subject: "Fuite de gaz", message: "..."}
//       tenant: {elderly: true}            # optional
//       expect: {service: astreinte, priority: P1, tags: [urgence]}
#pragma once

#include <string>
#include <vector>

#include "routing/router.h"

namespace ghd {

struct RuleTestCase {
  std::string name;
  Position at;
  Request request;
  TenantFacts tenant;
  std::string service, priority;  // empty: not checked
  std::vector<std::string> tags;  // each must be among the decision's tags
  std::string due;                // an instant, checked when given
};

struct RuleTestResult {
  const RuleTestCase* test = nullptr;
  Decision decision;
  std::vector<std::string> failures;  // "service: expected x, got y"
};

Result<std::vector<RuleTestCase>> load_rule_tests(const std::string& path);
Result<std::vector<RuleTestCase>> parse_rule_tests(const std::string& yaml_text, const std::string& file_name);
std::vector<RuleTestResult> run_rule_tests(const Router& router, const std::vector<RuleTestCase>& tests);

}  // namespace ghd
