// Routing rules: an ordered list, each with a name, conditions (`when`) and
// actions (`then`). Written in YAML (see ghd-rules(5)); every part keeps the
// line and column it came from, so that check, test and explain can point at
// it.
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "config/config.h"
#include "routing/text_match.h"

namespace ghd {

struct Position {
  int line = 0;
  int column = 0;
};

struct Condition {
  enum class Kind {
    always,       // no condition: every request
    all,          // every child
    any,          // at least one child
    none,         // not: no child
    category, channel, agency, building, dwelling,  // values: one of
    tenant,       // a flag of the tenant: elderly, vulnerable
    received,     // when it arrived: weekend, night, outside-hours, holiday
    text,         // phrases, words or a regular expression in subject/message
    tag,          // a tag set by an earlier rule (with continue)
  };
  Kind kind = Kind::always;
  Position at;
  std::vector<Condition> children;
  std::vector<std::string> values;  // category..dwelling, tenant, received, tag
  enum class Field { any, subject, message } field = Field::any;
  std::vector<Phrase> phrases;      // text: any of them (single words are one-token phrases)
  std::string regex_source;
  std::shared_ptr<const std::regex> regex;

  std::string describe() const;  // "category in [technical]", for explain
};

struct ServiceLevel {
  enum class Unit { hours, days } unit = Unit::days;
  int amount = 5;
  std::string calendar = "business";
  std::string describe() const;  // "5 business days (business)"
};

struct Actions {
  std::optional<std::string> service;
  std::optional<std::string> priority;
  int raise_priority = 0;  // steps towards P1
  std::optional<ServiceLevel> sla;
  std::vector<std::string> tags;
  bool continue_ = false;  // evaluation goes on to the next rules
};

struct Rule {
  std::string name;
  std::string description;
  Position at;
  Condition when;
  Actions then;
};

struct RuleSet {
  std::shared_ptr<Vocabulary> vocabulary = std::make_shared<Vocabulary>();
  std::string file;
  std::string hash;  // of the file's bytes, recorded with each decision
  std::vector<Rule> rules;
  std::string default_priority = "P3";
  std::map<std::string, ServiceLevel> sla_by_priority;  // when no rule sets one
  std::string fallback_service = "accueil";
  std::vector<std::string> fallback_tags = {"unrouted"};
};

struct RuleProblem {
  enum class Severity { error, warning } severity;
  Position at;
  std::string message;
};

// Parses and checks the syntax and vocabulary (unknown services, fields,
// bad regular expressions, unknown calendars): errors are a config Status
// "file:line:column: message".
Result<RuleSet> parse_rules(const std::string& yaml_text, const std::string& file_name, const Config& config);
Result<RuleSet> load_rules(const std::string& path, const Config& config);
// The meaning: rules shadowed by an earlier one (unreachable), categories no
// rule handles, services no rule reaches, closures that end before next year.
std::vector<RuleProblem> check_rules(const RuleSet& rules, const Config& config, Instant now);

// Whether every request matching `a` also matches `b` (conservative: false
// when it cannot tell).
bool implies(const Condition& a, const Condition& b);

}  // namespace ghd
