#include "routing/rule_tests.h"

#include <algorithm>
#include <fmt/format.h>

#include "config/yaml_util.h"
#include "core/files.h"
#include "core/text.h"
#include "requests/serialize.h"

namespace ghd {

Result<std::vector<RuleTestCase>> parse_rule_tests(const std::string& text, const std::string& file) {
  const YamlFile y(file);
  GHD_ASSIGN(root, y.parse(text));
  GHD_TRY(y.expect_keys(root, {"tests"}, ""));
  const YAML::Node tests = root["tests"];
  if (!tests || !tests.IsSequence()) return y.error(root, "'tests' must be a list of test cases");
  std::vector<RuleTestCase> out;
  for (const auto& n : tests) {
    GHD_TRY(y.expect_keys(n, {"name", "request", "tenant", "expect"}, "tests"));
    RuleTestCase t;
    const auto mark = n.Mark();
    t.at = {mark.line + 1, mark.column + 1};
    if (!n["name"] || !n["request"] || !n["expect"]) return y.error(n, "a test needs 'name', 'request' and 'expect'");
    GHD_ASSIGN(name, y.string(n["name"], "name"));
    t.name = name;
    // The request is read like `ghd-request add --json`.
    GHD_TRY(y.expect_map(n["request"], "'request'"));
    nlohmann::json j = nlohmann::json::object();
    for (const auto& kv : n["request"]) {
      GHD_ASSIGN(v, y.string(kv.second, kv.first.Scalar()));
      j[kv.first.Scalar()] = v;
    }
    if (!j.contains("channel")) j["channel"] = "web";
    if (!j.contains("received_at")) j["received_at"] = "2026-11-30T10:00:00+01:00";  // a Monday morning
    auto r = request_from_json(j);
    if (!r.ok()) return y.error(n["request"], r.status().message());
    t.request = *r;
    if (auto tenant = n["tenant"]) {
      GHD_TRY(y.expect_keys(tenant, {"elderly", "vulnerable"}, "tenant"));
      if (auto e = tenant["elderly"]) {
        GHD_ASSIGN(b, y.boolean(e, "elderly"));
        t.tenant.elderly = b;
      }
      if (auto v = tenant["vulnerable"]) {
        GHD_ASSIGN(b, y.boolean(v, "vulnerable"));
        t.tenant.vulnerable = b;
      }
    }
    const YAML::Node e = n["expect"];
    GHD_TRY(y.expect_keys(e, {"service", "priority", "tags", "due"}, "expect"));
    if (auto s = e["service"]) {
      GHD_ASSIGN(v, y.string(s, "service"));
      t.service = v;
    }
    if (auto p = e["priority"]) {
      GHD_ASSIGN(v, y.string(p, "priority"));
      t.priority = v;
    }
    if (auto d = e["due"]) {
      GHD_ASSIGN(v, y.string(d, "due"));
      if (!parse_instant(v).ok()) return y.error(d, parse_instant(v).status().message());
      t.due = v;
    }
    if (auto tags = e["tags"]) {
      if (!tags.IsSequence()) return y.error(tags, "'tags' must be a list");
      for (const auto& tag : tags) {
        GHD_ASSIGN(v, y.string(tag, "tags"));
        t.tags.push_back(v);
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<RuleTestCase>> load_rule_tests(const std::string& path) {
  GHD_ASSIGN(text, read_file(path));
  return parse_rule_tests(text, path);
}

std::vector<RuleTestResult> run_rule_tests(const Router& router, const std::vector<RuleTestCase>& tests) {
  std::vector<RuleTestResult> out;
  for (const auto& t : tests) {
    RuleTestResult r{&t, router.route(t.request, t.tenant, true), {}};
    const Decision& d = r.decision;
    if (!t.service.empty() && d.service != t.service)
      r.failures.push_back(fmt::format("service: expected {}, got {}", t.service, d.service));
    if (!t.priority.empty() && d.priority != t.priority)
      r.failures.push_back(fmt::format("priority: expected {}, got {}", t.priority, d.priority));
    for (const auto& tag : t.tags)
      if (std::find(d.tags.begin(), d.tags.end(), tag) == d.tags.end())
        r.failures.push_back(fmt::format("tags: expected {}, got [{}]", tag, join(d.tags, ", ")));
    if (!t.due.empty() && *parse_instant(t.due) != d.due_at)
      r.failures.push_back(fmt::format("due: expected {}, got {}", format_iso(*parse_instant(t.due)), format_iso(d.due_at)));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ghd
