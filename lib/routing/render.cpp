#include "routing/render.h"

#include <fmt/format.h>

#include "core/table.h"
#include "core/text.h"
#include "requests/serialize.h"

namespace ghd {

using nlohmann::json;

namespace {

std::string summary_of(const Request& r) { return one_line(r.subject.empty() ? r.message : r.subject + " - " + r.message, 50); }

std::string deadline_text(const Decision& d) {
  std::string out = fmt::format("{} from {} -> {}", d.sla.describe(), d.sla_from, format_local_minutes(d.due_at));
  if (!d.deadline.steps.empty()) out += ": " + join(d.deadline.steps, "; ");
  return out;
}

}  // namespace

json decision_json(const Decision& d) {
  return json{{"service", d.service},
              {"priority", d.priority},
              {"due_at", format_iso(d.due_at)},
              {"tags", d.tags},
              {"rules", d.fired},
              {"fallback", d.fallback},
              {"sla", d.sla.describe()},
              {"sla_from", d.sla_from},
              {"deadline_steps", d.deadline.steps}};
}

std::string render_explain_text(const Request& r, const Decision& d, const RuleSet& rules) {
  std::string out = fmt::format("{} {} [{}] {}\n", r.id ? format_ref(r.id) : std::string("(request)"),
                                format_local_minutes(r.received_at), r.category, summary_of(r));
  out += fmt::format("rules: {} ({} rules, hash {})\n\n", rules.file, rules.rules.size(), rules.hash);
  for (const auto& t : d.trace) {
    out += fmt::format("{} {}:{} {}{}\n", t.matched ? "MATCH" : "miss ", rules.file, t.at.line, t.rule,
                       t.matched ? " -> " + t.decision : "");
    for (const auto& c : t.conditions)
      out += fmt::format("    {}{} {}: saw {}\n", std::string(size_t(c.depth) * 2, ' '), c.matched ? "yes" : "no ",
                         c.condition, c.saw);
    if (!t.matched && !t.first_failure.empty()) out += fmt::format("    first failure: {}\n", t.first_failure);
  }
  if (d.trace.size() < rules.rules.size())
    out += fmt::format("(the {} later rule(s) were not tried: evaluation stopped)\n", rules.rules.size() - d.trace.size());
  out += fmt::format("\nservice:  {}{}\n", d.service, d.fallback ? " (no rule chose one: fallback)" : "");
  out += fmt::format("priority: {}\n", d.priority);
  out += fmt::format("tags:     {}\n", d.tags.empty() ? "-" : join(d.tags, " "));
  out += fmt::format("due:      {}\n", deadline_text(d));
  return out;
}

json explain_json(const Request& r, const Decision& d, const RuleSet& rules) {
  json trace = json::array();
  for (const auto& t : d.trace) {
    json conditions = json::array();
    for (const auto& c : t.conditions)
      conditions.push_back({{"depth", c.depth}, {"line", c.at.line}, {"column", c.at.column},
                            {"condition", c.condition}, {"saw", c.saw}, {"matched", c.matched}});
    trace.push_back({{"rule", t.rule}, {"line", t.at.line}, {"matched", t.matched}, {"decision", t.decision},
                     {"first_failure", t.first_failure.empty() ? json(nullptr) : json(t.first_failure)},
                     {"conditions", conditions}});
  }
  return json{{"request", to_json(r)}, {"rules_file", rules.file}, {"rules_hash", rules.hash},
              {"decision", decision_json(d)}, {"trace", trace}};
}

std::string render_triage_text(const TriageReport& report, bool dry_run, bool summary) {
  std::string out = fmt::format("Tri du matin{}: {} demande(s) ; fenêtre du {} au {}\n", dry_run ? " (essai à blanc)" : "",
                                report.items.size(), format_local_minutes(report.window.from),
                                format_local_minutes(report.window.to));
  long long in_window = 0;
  for (const auto& i : report.items) in_window += i.request.received_at >= report.window.from;
  if (long long backlog = (long long)report.items.size() - in_window; backlog > 0)
    out += fmt::format("dont {} reçue(s) avant la fenêtre (reste d'un matin manqué)\n", backlog);
  if (report.items.empty()) return out + "Rien de nouveau.\n";
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& i : report.items) ++counts[i.decision.service][i.decision.priority];
  out += "\nPar service:\n";
  Table t({"SERVICE", "P1", "P2", "P3", "P4", "TOTAL"});
  for (const auto& [service, by] : counts) {
    int total = 0;
    std::vector<std::string> row{service};
    for (const char* p : {"P1", "P2", "P3", "P4"}) {
      const int n = by.count(p) ? by.at(p) : 0;
      total += n;
      row.push_back(n ? std::to_string(n) : "-");
    }
    row.push_back(std::to_string(total));
    t.add(row);
  }
  out += t.render();
  if (!report.incidents.empty()) {
    out += "\nIncidents collectifs:\n";
    Table inc({"INCIDENT", "BÂTIMENT", "NATURE", "DEMANDES", ""});
    for (const auto& i : report.incidents) {
      std::vector<std::string> refs;
      for (auto id : i.requests) refs.push_back(format_ref(id));
      inc.add({std::to_string(i.id), i.building, i.kind, join(refs, " "), i.created ? "ouvert ce matin" : "déjà ouvert"});
    }
    out += inc.render();
  }
  long long duplicates = 0;
  for (const auto& i : report.items) duplicates += i.duplicate_of.has_value();
  if (duplicates) out += fmt::format("\nDoublons: {} demande(s) rattachée(s) à une demande antérieure.\n", duplicates);
  if (summary) return out;
  out += "\nDemandes (urgences d'abord):\n";
  Table list({"REF", "REÇUE", "PRIO", "SERVICE", "ÉCHÉANCE", "LOGEMENT", "RÉSUMÉ"});
  for (const auto& i : report.items)
    list.add({format_ref(i.request.id), format_local_minutes(i.request.received_at), i.decision.priority,
              i.decision.service, format_local_minutes(i.decision.due_at), i.request.dwelling,
              (i.duplicate_of ? "[doublon de " + format_ref(*i.duplicate_of) + "] " : std::string()) +
                  (i.incident_id ? "[incident " + std::to_string(*i.incident_id) + "] " : std::string()) +
                  summary_of(i.request)});
  out += list.render(50);
  return out;
}

json triage_json(const TriageReport& report, bool dry_run, bool summary) {
  json items = json::array();
  for (const auto& i : report.items) {
    if (summary) break;
    json d = decision_json(i.decision);
    d["ref"] = format_ref(i.request.id);
    d["external_ref"] = i.request.external_ref.empty() ? json(nullptr) : json(i.request.external_ref);
    d["received_at"] = format_iso(i.request.received_at);
    d["status"] = i.status;
    d["dwelling"] = i.request.dwelling;
    d["duplicate_of"] = i.duplicate_of ? json(format_ref(*i.duplicate_of)) : json(nullptr);
    d["incident"] = i.incident_id ? json(*i.incident_id) : json(nullptr);
    items.push_back(d);
  }
  std::map<std::string, std::map<std::string, int>> counts;
  for (const auto& i : report.items) ++counts[i.decision.service][i.decision.priority];
  const json by_service = counts;
  json incidents = json::array();
  for (const auto& i : report.incidents) {
    json refs = json::array();
    for (auto id : i.requests) refs.push_back(format_ref(id));
    incidents.push_back({{"id", i.id}, {"building", i.building}, {"kind", i.kind}, {"created", i.created},
                         {"requests", refs}});
  }
  return json{{"window", {{"from", format_iso(report.window.from)}, {"to", format_iso(report.window.to)}}},
              {"incidents", incidents},
              {"seconds_matching", report.seconds_matching},
              {"seconds_store", report.seconds_store},
              {"dry_run", dry_run},
              {"rules_file", report.rules_file},
              {"rules_hash", report.rules_hash},
              {"count", report.items.size()},
              {"by_service", by_service},
              {"requests", items}};
}

std::string render_replay_text(const ReplayReport& report, bool verbose) {
  long long service = 0, priority = 0, due = 0, never_triaged = 0;
  for (const auto& i : report.items) {
    service += i.service_changes;
    priority += i.priority_changes;
    due += i.due_changes;
    never_triaged += i.request.service.empty();
  }
  std::string out = fmt::format("{} request(s) replayed ({} never triaged); with these rules: {} would change "
                                "service, {} priority, {} due time\n",
                                report.items.size(), never_triaged, service, priority, due);
  Table changes({"REF", "SERVICE", "PRIORITY", "DUE", "RULES"});
  for (const auto& i : report.items) {
    if (!i.service_changes && !i.priority_changes && !(verbose && i.due_changes)) continue;
    auto change = [](bool changed, const std::string& was, const std::string& now) {
      return changed ? was + " -> " + now : now;
    };
    changes.add({format_ref(i.request.id), change(i.service_changes, i.request.service, i.decision.service),
                 change(i.priority_changes, i.request.priority, i.decision.priority),
                 i.due_changes ? (i.request.due_at ? format_local_minutes(*i.request.due_at) : "-") + " -> " +
                                     format_local_minutes(i.decision.due_at)
                               : "",
                 join(i.decision.fired, ",")});
  }
  if (!changes.empty()) out += "\n" + changes.render();
  out += "\nFired per rule:\n";
  Table fired({"RULE", "FIRED"});
  std::vector<std::string> never;
  for (const auto& [rule, n] : report.fired_per_rule) {
    fired.add({rule, std::to_string(n)});
    if (n == 0) never.push_back(rule);
  }
  out += fired.render();
  if (!never.empty()) out += fmt::format("\nNever fired: {}\n", join(never, ", "));
  return out;
}

json replay_json(const ReplayReport& report) {
  json items = json::array();
  for (const auto& i : report.items) {
    if (!i.service_changes && !i.priority_changes && !i.due_changes) continue;
    items.push_back({{"ref", format_ref(i.request.id)},
                     {"was", {{"service", i.request.service}, {"priority", i.request.priority},
                              {"due_at", i.request.due_at ? json(format_iso(*i.request.due_at)) : json(nullptr)}}},
                     {"would_be", decision_json(i.decision)}});
  }
  json never = json::array();
  for (const auto& [rule, n] : report.fired_per_rule)
    if (n == 0) never.push_back(rule);
  return json{{"replayed", report.items.size()}, {"changes", items}, {"fired_per_rule", report.fired_per_rule},
              {"never_fired", never}};
}

std::string render_queue_text(const std::vector<QueuedRequest>& queue) {
  Table t({"SCORE", "REF", "PRIO", "SERVICE", "DUE", "WHY"});
  for (const auto& q : queue)
    t.add({fmt::format("{:.1f}", q.urgency.score), format_ref(q.request.id), q.request.priority, q.request.service,
           q.request.due_at ? format_local_minutes(*q.request.due_at) : "-", q.urgency.explain()});
  return t.render(90);
}

json queue_json(const std::vector<QueuedRequest>& queue) {
  json arr = json::array();
  for (const auto& q : queue) {
    json terms = json::array();
    for (const auto& t : q.urgency.terms) terms.push_back({{"term", t.name}, {"value", t.value}, {"why", t.why}});
    arr.push_back({{"ref", format_ref(q.request.id)}, {"score", q.urgency.score}, {"priority", q.request.priority},
                   {"service", q.request.service}, {"status", q.request.status},
                   {"due_at", q.request.due_at ? json(format_iso(*q.request.due_at)) : json(nullptr)},
                   {"terms", terms}});
  }
  return arr;
}

std::string render_test_results(const std::vector<RuleTestResult>& results) {
  std::string out;
  int failed = 0;
  for (const auto& r : results) {
    if (r.failures.empty()) continue;
    ++failed;
    out += fmt::format("FAIL {} (line {})\n", r.test->name, r.test->at.line);
    for (const auto& f : r.failures) out += "  " + f + "\n";
    out += fmt::format("  rules fired: {}\n", r.decision.fired.empty() ? "none" : join(r.decision.fired, ", "));
  }
  out += fmt::format("{} passed, {} failed\n", results.size() - size_t(failed), failed);
  return out;
}

}  // namespace ghd
