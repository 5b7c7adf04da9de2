#include "routing/router.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/text.h"

namespace ghd {

using namespace std::chrono;

std::string raise(const std::string& priority, int steps) {
  if (priority.size() != 2 || priority[0] != 'P') return priority;
  const int level = std::max(1, (priority[1] - '0') - steps);
  return fmt::format("P{}", level);
}

namespace {

// What a request looks like to the conditions, computed once.
struct Facts {
  const Request& r;
  const TenantFacts& tenant;
  MatchText subject, message;
  const std::vector<std::string>& tags;
  const WorkingCalendar* business;
};

std::string one_of(const std::string& v) { return v.empty() ? "(none)" : v; }

class Evaluator {
 public:
  Evaluator(const Facts& f, std::vector<ConditionTrace>* trace) : f_(f), trace_(trace) {}

  // Records each condition before its children (pre-order), filled in once
  // it is known.
  bool eval(const Condition& c, int depth) {
    size_t slot = 0;
    if (trace_) {
      slot = trace_->size();
      trace_->push_back({depth, c.at, c.describe(), "", false});
    }
    std::string saw;
    const bool m = test(c, depth, saw);
    if (trace_) {
      (*trace_)[slot].saw = saw;
      (*trace_)[slot].matched = m;
    }
    return m;
  }

 private:
  bool test(const Condition& c, int depth, std::string& saw) {
    using K = Condition::Kind;
    switch (c.kind) {
      case K::always:
        if (trace_) saw = "-";
        return true;
      case K::all:
        for (const auto& child : c.children)
          if (!eval(child, depth + 1)) {
            saw = "a condition failed";
            return false;
          }
        saw = "every condition held";
        return true;
      case K::any:
        for (const auto& child : c.children)
          if (eval(child, depth + 1)) {
            saw = "a condition held";
            return true;
          }
        saw = "no condition held";
        return false;
      case K::none:
        for (const auto& child : c.children)
          if (eval(child, depth + 1)) {
            saw = "a condition held";
            return false;
          }
        saw = "no condition held";
        return true;
      case K::category: return in(c, f_.r.category, saw);
      case K::channel: return in(c, f_.r.channel, saw);
      case K::agency: return in(c, f_.r.agency, saw);
      case K::building: return in(c, f_.r.building, saw);
      case K::dwelling: return in(c, f_.r.dwelling, saw);
      case K::tag: {
        if (trace_) saw = f_.tags.empty() ? "(no tag)" : join(f_.tags, " ");
        for (const auto& v : c.values)
          if (std::find(f_.tags.begin(), f_.tags.end(), v) != f_.tags.end()) return true;
        return false;
      }
      case K::tenant: {
        if (trace_) saw = fmt::format("elderly={} vulnerable={}", f_.tenant.elderly ? "yes" : "no",
                          f_.tenant.vulnerable ? "yes" : "no");
        for (const auto& v : c.values)
          if ((v == "elderly" && f_.tenant.elderly) || (v == "vulnerable" && f_.tenant.vulnerable)) return true;
        return false;
      }
      case K::received: return received(c, saw);
      case K::text: return text(c, saw);
    }
    return false;
  }

  bool in(const Condition& c, const std::string& value, std::string& saw) {
    if (trace_) saw = one_of(value);
    return std::find(c.values.begin(), c.values.end(), value) != c.values.end();
  }

  bool received(const Condition& c, std::string& saw) {
    const Instant t = f_.r.received_at;
    const Date day = paris::local_date(t);
    const weekday wd{sys_days{day}};
    const auto local = paris::to_local(t);
    const auto minute = duration_cast<minutes>(local - floor<days>(local));
    if (trace_) saw = format_local_minutes(t) + " (" + french_date(day).substr(0, french_date(day).find(' ')) + ")";
    for (const auto& v : c.values) {
      if (v == "weekend" && (wd == Saturday || wd == Sunday)) return true;
      // Night: 20:00 to 07:00, when nobody answers at the agencies.
      if (v == "night" && (minute >= hours{20} || minute < hours{7})) return true;
      if (v == "outside-hours" && f_.business && !f_.business->is_working_time(t)) return true;
      if (v == "holiday" && wd != Saturday && wd != Sunday && f_.business &&
          !f_.business->days().is_business_day(day))
        return true;
    }
    return false;
  }

  bool text(const Condition& c, std::string& saw) {
    const bool subject = c.field != Condition::Field::message;
    const bool message = c.field != Condition::Field::subject;
    for (const auto& p : c.phrases) {
      if (subject && find_phrase(p, f_.subject) >= 0) {
        if (trace_) saw = fmt::format("subject has \"{}\"", p.source);
        return true;
      }
      if (message && find_phrase(p, f_.message) >= 0) {
        if (trace_) saw = fmt::format("message has \"{}\"", p.source);
        return true;
      }
    }
    if (c.regex) {
      if ((subject && std::regex_search(f_.subject.joined, *c.regex)) ||
          (message && std::regex_search(f_.message.joined, *c.regex))) {
        if (trace_) saw = fmt::format("matches /{}/", c.regex_source);
        return true;
      }
    }
    if (trace_) saw = fmt::format("not found in \"{}\"", one_line(
        subject && message ? f_.subject.joined + " | " + f_.message.joined
                           : subject ? f_.subject.joined : f_.message.joined, 60));
    return false;
  }

  const Facts& f_;
  std::vector<ConditionTrace>* trace_;
};

}  // namespace

Result<Router> Router::make(const RuleSet& rules, const Config& config) {
  std::map<std::string, WorkingCalendar> calendars;
  for (const auto& name : config.calendar_names()) {
    GHD_ASSIGN(cal, config.calendar(name));
    calendars.emplace(name, std::move(cal));
  }
  for (const auto& [prio, sla] : rules.sla_by_priority)
    if (!calendars.count(sla.calendar)) return Status::Config(fmt::format("unknown calendar '{}'", sla.calendar));
  return Router(rules, std::move(calendars));
}

Decision Router::route(const Request& r, const TenantFacts& tenant, bool explain) const {
  Decision d;
  auto business = calendars_.find("business");
  Facts facts{r, tenant, MatchText(r.subject, *rules_->vocabulary), MatchText(r.message, *rules_->vocabulary), d.tags,
              business == calendars_.end() ? nullptr : &business->second};
  std::optional<ServiceLevel> sla;
  for (const auto& rule : rules_->rules) {
    RuleTrace rt;
    rt.rule = rule.name;
    rt.at = rule.at;
    Evaluator ev(facts, explain ? &rt.conditions : nullptr);
    rt.matched = ev.eval(rule.when, 0);
    if (rt.matched) {
      d.fired.push_back(rule.name);
      const Actions& a = rule.then;
      if (a.service) d.service = *a.service;
      if (a.priority) d.priority = *a.priority;
      if (a.raise_priority) d.priority = raise(d.priority.empty() ? rules_->default_priority : d.priority, a.raise_priority);
      if (a.sla) {
        sla = a.sla;
        d.sla_from = rule.name;
      }
      for (const auto& t : a.tags)
        if (std::find(d.tags.begin(), d.tags.end(), t) == d.tags.end()) d.tags.push_back(t);
      rt.decision = a.continue_ ? "continue" : "stop";
    } else {
      rt.decision = "-";
      for (const auto& c : rt.conditions)
        if (!c.matched && c.condition.rfind("all of", 0) != 0 && c.condition.rfind("any of", 0) != 0) {
          rt.first_failure = c.condition + " (saw " + c.saw + ")";
          break;
        }
    }
    if (explain) d.trace.push_back(std::move(rt));
    if (d.fired.size() && d.fired.back() == rule.name && !rule.then.continue_) break;
  }
  if (d.service.empty()) {
    d.service = rules_->fallback_service;
    d.fallback = true;
    for (const auto& t : rules_->fallback_tags)
      if (std::find(d.tags.begin(), d.tags.end(), t) == d.tags.end()) d.tags.push_back(t);
  }
  if (d.priority.empty()) d.priority = rules_->default_priority;
  if (!sla) {
    auto it = rules_->sla_by_priority.find(d.priority);
    sla = it != rules_->sla_by_priority.end() ? it->second : ServiceLevel{};
    d.sla_from = "defaults";
  }
  d.sla = *sla;
  const WorkingCalendar& cal = calendars_.at(sla->calendar);
  d.due_at = sla->unit == ServiceLevel::Unit::hours
                 ? cal.add_working_time(r.received_at, hours{sla->amount}, &d.deadline)
                 : cal.due_after_days(r.received_at, sla->amount, &d.deadline);
  return d;
}

}  // namespace ghd
