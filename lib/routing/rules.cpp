#include "routing/rules.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "config/yaml_util.h"
#include "core/files.h"
#include "core/text.h"
#include "requests/request.h"
#include "requests/update.h"

namespace ghd {

namespace {

Position position(const YAML::Node& n) {
  const auto m = n.Mark();
  return m.is_null() ? Position{} : Position{m.line + 1, m.column + 1};
}

const char* kind_name(Condition::Kind k) {
  switch (k) {
    case Condition::Kind::always: return "always";
    case Condition::Kind::all: return "all";
    case Condition::Kind::any: return "any";
    case Condition::Kind::none: return "not";
    case Condition::Kind::category: return "category";
    case Condition::Kind::channel: return "channel";
    case Condition::Kind::agency: return "agency";
    case Condition::Kind::building: return "building";
    case Condition::Kind::dwelling: return "dwelling";
    case Condition::Kind::tenant: return "tenant";
    case Condition::Kind::received: return "received";
    case Condition::Kind::text: return "text";
    case Condition::Kind::tag: return "tag";
  }
  return "?";
}

std::string hash_hex(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

class RulesParser {
 public:
  RulesParser(const YamlFile& y, const Config& config) : y_(y), config_(config) {}

  Result<std::vector<std::string>> string_list(const YAML::Node& n, std::string_view key) {
    std::vector<std::string> out;
    if (n.IsScalar()) {
      out.push_back(n.Scalar());
      return out;
    }
    if (!n.IsSequence() || n.size() == 0) return y_.error(n, fmt::format("'{}' must be a value or a list of values", key));
    for (const auto& item : n) {
      GHD_ASSIGN(s, y_.string(item, key));
      out.push_back(s);
    }
    return out;
  }

  Status check_terms(const YAML::Node& n, const std::vector<std::string>& values, const std::vector<Term>& terms,
                     std::string_view what) {
    for (size_t i = 0; i < values.size(); ++i)
      if (!is_term(terms, values[i])) {
        const YAML::Node at = n.IsSequence() ? n[i] : n;
        return y_.error(at, fmt::format("unknown {} '{}' (expected one of: {})", what, values[i], term_ids(terms)));
      }
    return Status::Ok();
  }

  Status text_condition(const YAML::Node& n, Condition& c) {
    c.kind = Condition::Kind::text;
    if (n.IsScalar() || n.IsSequence()) {
      GHD_ASSIGN(list, string_list(n, "text"));
      for (const auto& p : list) GHD_TRY(add_phrase(n, p, c));
      return Status::Ok();
    }
    GHD_TRY(y_.expect_keys(n, {"phrases", "words", "regex", "in"}, "text"));
    for (const char* key : {"phrases", "words"})
      if (auto v = n[key]) {
        GHD_ASSIGN(list, string_list(v, key));
        for (const auto& p : list) {
          if (std::string(key) == "words" && match_tokens(p).size() != 1)
            return y_.error(v, fmt::format("'{}' is not one word; put it under 'phrases'", p));
          GHD_TRY(add_phrase(v, p, c));
        }
      }
    if (auto v = n["regex"]) {
      GHD_ASSIGN(source, y_.string(v, "regex"));
      try {
        c.regex = std::make_shared<const std::regex>(source, std::regex::ECMAScript | std::regex::icase |
                                                                 std::regex::optimize);
      } catch (const std::regex_error& e) {
        return y_.error(v, fmt::format("bad regular expression '{}': {}", source, e.what()));
      }
      c.regex_source = source;
    }
    if (auto v = n["in"]) {
      GHD_ASSIGN(field, y_.string(v, "in"));
      if (field == "subject") c.field = Condition::Field::subject;
      else if (field == "message") c.field = Condition::Field::message;
      else if (field != "any") return y_.error(v, fmt::format("unknown field '{}' (expected subject, message or any)", field));
    }
    if (c.phrases.empty() && !c.regex) return y_.error(n, "a text condition needs phrases, words or a regex");
    return Status::Ok();
  }

  Status add_phrase(const YAML::Node& at, const std::string& text, Condition& c) {
    Phrase p = make_phrase(text);
    if (p.tokens.empty()) return y_.error(at, fmt::format("phrase '{}' has no words", text));
    c.phrases.push_back(std::move(p));
    return Status::Ok();
  }

  // One key of a condition mapping.
  Status leaf(const std::string& key, const YAML::Node& v, Condition& c) {
    c.at = position(v);
    if (key == "all" || key == "any" || key == "not") {
      c.kind = key == "all" ? Condition::Kind::all : key == "any" ? Condition::Kind::any : Condition::Kind::none;
      if (v.IsMap()) {
        c.children.emplace_back();
        return condition(v, c.children.back());
      }
      if (!v.IsSequence() || v.size() == 0) return y_.error(v, fmt::format("'{}' needs a list of conditions", key));
      for (const auto& item : v) {
        c.children.emplace_back();
        GHD_TRY(condition(item, c.children.back()));
      }
      return Status::Ok();
    }
    if (key == "text" || key == "subject" || key == "message") {
      GHD_TRY(text_condition(v, c));
      if (key == "subject") c.field = Condition::Field::subject;
      if (key == "message") c.field = Condition::Field::message;
      return Status::Ok();
    }
    GHD_ASSIGN(values, string_list(v, key));
    c.values = values;
    if (key == "category") {
      c.kind = Condition::Kind::category;
      return check_terms(v, values, kCategories, "category");
    }
    if (key == "channel") {
      c.kind = Condition::Kind::channel;
      return check_terms(v, values, kChannels, "channel");
    }
    if (key == "agency") c.kind = Condition::Kind::agency;
    else if (key == "building") c.kind = Condition::Kind::building;
    else if (key == "dwelling") c.kind = Condition::Kind::dwelling;
    else if (key == "tag") c.kind = Condition::Kind::tag;
    else if (key == "tenant") {
      c.kind = Condition::Kind::tenant;
      for (const auto& f : values)
        if (f != "elderly" && f != "vulnerable")
          return y_.error(v, fmt::format("unknown tenant attribute '{}' (expected elderly or vulnerable)", f));
    } else if (key == "received") {
      c.kind = Condition::Kind::received;
      for (const auto& f : values)
        if (f != "weekend" && f != "night" && f != "outside-hours" && f != "holiday")
          return y_.error(v, fmt::format("unknown time '{}' (expected weekend, night, outside-hours or holiday)", f));
    }
    return Status::Ok();
  }

  Status condition(const YAML::Node& n, Condition& c) {
    c.at = position(n);
    if (!n.IsMap() || n.size() == 0)
      return y_.error(n, "a condition is a mapping such as {category: technical} or {text: [\"odeur de gaz\"]}");
    static const std::initializer_list<std::string_view> keys = {
        "all", "any", "not", "category", "channel", "agency", "building", "dwelling",
        "tenant", "received", "text", "subject", "message", "tag"};
    GHD_TRY(y_.expect_keys(n, keys, "when"));
    if (n.size() == 1) return leaf(n.begin()->first.Scalar(), n.begin()->second, c);
    // Several keys: all of them.
    c.kind = Condition::Kind::all;
    for (const auto& kv : n) {
      c.children.emplace_back();
      GHD_TRY(leaf(kv.first.Scalar(), kv.second, c.children.back()));
    }
    return Status::Ok();
  }

  Result<ServiceLevel> sla(const YAML::Node& n) {
    GHD_TRY(y_.expect_keys(n, {"hours", "days", "calendar"}, "sla"));
    ServiceLevel s;
    if (n["hours"] && n["days"]) return y_.error(n, "an SLA has 'hours' or 'days', not both");
    if (auto v = n["hours"]) {
      GHD_ASSIGN(h, y_.integer(v, "hours"));
      s.unit = ServiceLevel::Unit::hours;
      s.amount = int(h);
    } else if (auto d = n["days"]) {
      GHD_ASSIGN(days, y_.integer(d, "days"));
      s.amount = int(days);
    } else {
      return y_.error(n, "an SLA needs 'hours' or 'days'");
    }
    if (s.amount < 0 || s.amount > 365) return y_.error(n, "an SLA must be between 0 and 365");
    if (auto v = n["calendar"]) {
      GHD_ASSIGN(name, y_.string(v, "calendar"));
      if (!config_.calendar_round_the_clock.count(name))
        return y_.error(v, fmt::format("unknown calendar '{}' (known: {})", name, join(config_.calendar_names(), ", ")));
      s.calendar = name;
    }
    return s;
  }

  Status actions(const YAML::Node& n, Actions& a) {
    GHD_TRY(y_.expect_keys(n, {"service", "priority", "raise_priority", "sla", "tags", "continue"}, "then"));
    if (auto v = n["service"]) {
      GHD_ASSIGN(s, y_.string(v, "service"));
      if (!is_term(kServices, s))
        return y_.error(v, fmt::format("unknown service '{}' (expected one of: {})", s, term_ids(kServices)));
      a.service = s;
    }
    if (auto v = n["priority"]) {
      GHD_ASSIGN(p, y_.string(v, "priority"));
      if (!is_term(kPriorities, p)) return y_.error(v, fmt::format("unknown priority '{}' (expected P1 to P4)", p));
      a.priority = p;
    }
    if (auto v = n["raise_priority"]) {
      GHD_ASSIGN(steps, y_.integer(v, "raise_priority"));
      if (steps < 1 || steps > 3) return y_.error(v, "'raise_priority' is 1, 2 or 3 steps");
      a.raise_priority = int(steps);
    }
    if (auto v = n["sla"]) {
      GHD_ASSIGN(s, sla(v));
      a.sla = s;
    }
    if (auto v = n["tags"]) {
      GHD_ASSIGN(tags, string_list(v, "tags"));
      for (const auto& t : tags)
        if (!check_tag(t).ok()) return y_.error(v, check_tag(t).message());
      a.tags = tags;
    }
    if (auto v = n["continue"]) {
      GHD_ASSIGN(b, y_.boolean(v, "continue"));
      a.continue_ = b;
    }
    return Status::Ok();
  }

  Status rule(const YAML::Node& n, Rule& r, std::set<std::string>& names) {
    GHD_TRY(y_.expect_keys(n, {"name", "description", "when", "then"}, "rules"));
    r.at = position(n);
    if (!n["name"]) return y_.error(n, "a rule needs a 'name'");
    GHD_ASSIGN(name, y_.string(n["name"], "name"));
    if (name.empty()) return y_.error(n["name"], "a rule needs a 'name'");
    if (!names.insert(name).second) return y_.error(n["name"], fmt::format("a rule named '{}' already exists", name));
    r.name = name;
    if (auto d = n["description"]) {
      GHD_ASSIGN(desc, y_.string(d, "description"));
      r.description = desc;
    }
    if (auto w = n["when"]) GHD_TRY(condition(w, r.when));
    else r.when.at = r.at;
    if (!n["then"]) return y_.error(n, fmt::format("rule '{}' needs 'then'", name));
    GHD_TRY(actions(n["then"], r.then));
    return Status::Ok();
  }

  Status file(const YAML::Node& root, RuleSet& set) {
    GHD_TRY(y_.expect_keys(root, {"defaults", "fallback", "rules"}, ""));
    if (auto d = root["defaults"]) {
      GHD_TRY(y_.expect_keys(d, {"priority", "sla"}, "defaults"));
      if (auto p = d["priority"]) {
        GHD_ASSIGN(prio, y_.string(p, "priority"));
        if (!is_term(kPriorities, prio)) return y_.error(p, fmt::format("unknown priority '{}'", prio));
        set.default_priority = prio;
      }
      if (auto s = d["sla"]) {
        GHD_TRY(y_.expect_keys(s, {"P1", "P2", "P3", "P4"}, "defaults.sla"));
        for (const auto& kv : s) {
          GHD_ASSIGN(level, sla(kv.second));
          set.sla_by_priority[kv.first.Scalar()] = level;
        }
      }
    }
    if (auto f = root["fallback"]) {
      GHD_TRY(y_.expect_keys(f, {"service", "tags"}, "fallback"));
      if (auto s = f["service"]) {
        GHD_ASSIGN(service, y_.string(s, "service"));
        if (!is_term(kServices, service)) return y_.error(s, fmt::format("unknown service '{}'", service));
        set.fallback_service = service;
      }
      if (auto t = f["tags"]) {
        GHD_ASSIGN(tags, string_list(t, "tags"));
        set.fallback_tags = tags;
      }
    }
    const YAML::Node rules = root["rules"];
    if (!rules || !rules.IsSequence()) return y_.error(rules ? rules : root, "'rules' must be a list of rules");
    std::set<std::string> names;
    for (const auto& n : rules) {
      set.rules.emplace_back();
      GHD_TRY(rule(n, set.rules.back(), names));
    }
    return Status::Ok();
  }

 private:
  const YamlFile& y_;
  const Config& config_;
};

std::string quoted_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

bool subset(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) return false;
  return true;
}

// Whether no request of this category can match (conservative: false when
// it cannot tell).
bool excludes_category(const Condition& c, const std::string& category) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::category: return std::find(c.values.begin(), c.values.end(), category) == c.values.end();
    case K::all:
      for (const auto& child : c.children)
        if (excludes_category(child, category)) return true;
      return false;
    case K::any:
      for (const auto& child : c.children)
        if (!excludes_category(child, category)) return false;
      return !c.children.empty();
    default: return false;
  }
}

}  // namespace

std::string Condition::describe() const {
  switch (kind) {
    case Kind::always: return "always";
    case Kind::all: return fmt::format("all of {} conditions", children.size());
    case Kind::any: return fmt::format("any of {} conditions", children.size());
    case Kind::none: return fmt::format("none of {} conditions", children.size());
    case Kind::text: {
      // The first few phrases say what the condition is about.
      constexpr size_t kShown = 4;
      std::vector<std::string> parts;
      for (size_t i = 0; i < phrases.size() && i < kShown; ++i) parts.push_back("\"" + phrases[i].source + "\"");
      if (phrases.size() > kShown) parts.push_back(fmt::format("... {} more", phrases.size() - kShown));
      if (regex) parts.push_back("/" + regex_source + "/");
      const char* where = field == Field::subject ? "subject" : field == Field::message ? "message" : "text";
      return fmt::format("{} has any of {}", where, quoted_list(parts));
    }
    default: return fmt::format("{} in {}", kind_name(kind), quoted_list(values));
  }
}

std::string ServiceLevel::describe() const {
  if (unit == Unit::hours) return fmt::format("{} h ({})", amount, calendar);
  return fmt::format("{} jour(s) ouvré(s) ({})", amount, calendar);
}

Result<RuleSet> parse_rules(const std::string& text, const std::string& file_name, const Config& config) {
  const YamlFile y(file_name);
  GHD_ASSIGN(root, y.parse(text));
  RuleSet set;
  set.file = file_name;
  set.hash = hash_hex(text);
  set.sla_by_priority = {{"P1", {ServiceLevel::Unit::hours, 4, "24x7"}},
                         {"P2", {ServiceLevel::Unit::days, 1, "business"}},
                         {"P3", {ServiceLevel::Unit::days, 5, "business"}},
                         {"P4", {ServiceLevel::Unit::days, 10, "business"}}};
  if (!root.IsMap()) return y.error(root, "a rules file is a mapping with 'rules' (and optionally 'defaults', 'fallback')");
  RulesParser parser(y, config);
  GHD_TRY(parser.file(root, set));
  std::function<void(Condition&)> number = [&](Condition& c) {
    for (auto& p : c.phrases) number_phrase(p, *set.vocabulary);
    for (auto& child : c.children) number(child);
  };
  for (auto& rule : set.rules) number(rule.when);
  return set;
}

Result<RuleSet> load_rules(const std::string& path, const Config& config) {
  if (path.empty()) return Status::Config("no rules: give --rules or set 'triage.rules' in the config");
  GHD_ASSIGN(text, read_file(path));
  return parse_rules(text, path, config);
}

bool implies(const Condition& a, const Condition& b) {
  using K = Condition::Kind;
  if (b.kind == K::always) return true;
  if (b.kind == K::all) {
    for (const auto& c : b.children)
      if (!implies(a, c)) return false;
    return true;
  }
  if (a.kind == K::any) {
    for (const auto& c : a.children)
      if (!implies(c, b)) return false;
    return !a.children.empty();
  }
  if (a.kind == K::all) {
    for (const auto& c : a.children)
      if (implies(c, b)) return true;
    return false;
  }
  if (b.kind == K::any) {
    for (const auto& c : b.children)
      if (implies(a, c)) return true;
    return false;
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case K::category: case K::channel: case K::agency: case K::building: case K::dwelling:
    case K::tenant: case K::received: case K::tag:
      return subset(a.values, b.values);
    case K::text: {
      if (a.regex || b.regex) return false;
      if (b.field != Condition::Field::any && b.field != a.field) return false;
      for (const auto& pa : a.phrases) {
        bool covered = false;
        for (const auto& pb : b.phrases) covered = covered || phrase_implies(pa, pb);
        if (!covered) return false;
      }
      return !a.phrases.empty();
    }
    default:
      return false;
  }
}

std::vector<RuleProblem> check_rules(const RuleSet& set, const Config& config, Instant now) {
  std::vector<RuleProblem> out;
  // Unreachable: an earlier rule that stops matches every request this one does.
  for (size_t i = 0; i < set.rules.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const Rule& earlier = set.rules[j];
      if (earlier.then.continue_) continue;
      if (implies(set.rules[i].when, earlier.when)) {
        out.push_back({RuleProblem::Severity::error, set.rules[i].at,
                       fmt::format("rule '{}' is unreachable: rule '{}' (line {}) matches every request it "
                                   "does and stops", set.rules[i].name, earlier.name, earlier.at.line)});
        break;
      }
    }
  // Categories no routing rule can take, and services no rule reaches.
  std::set<std::string> services;
  for (const auto& r : set.rules)
    if (r.then.service) services.insert(*r.then.service);
  for (const auto& c : kCategories) {
    bool handled = false;
    for (const auto& r : set.rules)
      handled = handled || (r.then.service && !excludes_category(r.when, std::string(c.id)));
    if (!handled)
      out.push_back({RuleProblem::Severity::warning, {},
                     fmt::format("category '{}' ({}) is handled by no rule: its requests all go to '{}'", c.id,
                                 c.label_fr, set.fallback_service)});
  }
  services.insert(set.fallback_service);
  for (const auto& s : kServices)
    if (!services.count(std::string(s.id)))
      out.push_back({RuleProblem::Severity::warning, {}, fmt::format("service '{}' is reached by no rule", s.id)});
  // Closures: without any declared for next year, someone forgot to.
  const int next_year = int(paris::local_date(now).year()) + 1;
  bool next_year_declared = false;
  for (const auto& c : config.closures) next_year_declared = next_year_declared || int(c.to.year()) >= next_year;
  if (!config.closures.empty() && !next_year_declared)
    out.push_back({RuleProblem::Severity::warning, {},
                   fmt::format("{}: the declared closures end before {}; declare next year's", config.file.empty()
                                                                                                     ? "config"
                                                                                                     : config.file,
                               next_year)});
  return out;
}

}  // namespace ghd
