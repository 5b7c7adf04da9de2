#include "report/morning.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/csv.h"
#include "core/text.h"
#include "requests/request.h"
#include "store/consent_store.h"
#include "store/request_store.h"
#include "telemetry/checks.h"
#include "telemetry/consent.h"
#include "telemetry/diagnostics.h"

namespace ghd {

using namespace std::chrono;

namespace {

int rank(const std::string& priority) { return priority.size() == 2 ? priority[1] - '0' : 9; }

MorningItem item_of(const Request& r) {
  MorningItem i;
  i.id = r.id;
  i.ref = format_ref(r.id);
  i.dwelling = r.dwelling;
  i.building = r.building;
  i.agency = r.agency;
  i.channel = r.channel;
  i.category = r.category;
  i.service = r.service;
  i.priority = r.priority;
  i.status = r.status;
  const std::string subject(trim(r.subject)), message(trim(r.message));
  i.summary = one_line(subject.empty() ? message : message.empty() ? subject : subject + " : " + message, 90);
  i.received_at = r.received_at;
  i.due_at = r.due_at;
  i.incident_id = r.incident_id;
  return i;
}

// The device faults worth a visit or a call.
bool needs_call(const std::string& diagnostic) {
  static const std::set<std::string> kinds = {"valve-stuck-open", "valve-stuck-closed", "setpoint-never-reached",
                                              "battery-dying",    "vendor-fault",       "frozen-sensor",
                                              "offline",          "heating-failure"};
  return kinds.count(diagnostic) > 0;
}

const char* scope_of_alert(const std::string& kind) {
  return kind == "too-cold" || kind == "too-hot" ? "temperature" : "activity";
}

std::string due_text(const MorningItem& i, const Lang& tr) { return i.due_at ? tr.short_time(*i.due_at) : "-"; }

std::string service_label(const std::string& id, const Lang& tr) {
  if (id.empty()) return tr("(non routée)", "(not routed)");
  for (const auto& t : kServices)
    if (t.id == id) return fmt::format("{} \u2014 {}", id, t.label_fr);
  return id;
}

std::string kind_label(const std::string& kind, const Lang& tr) {
  static const std::map<std::string, std::pair<const char*, const char*>> labels = {
      {"inactivity", {"inactivité inhabituelle", "unusual inactivity"}},
      {"too-cold", {"logement trop froid", "dwelling too cold"}},
      {"too-hot", {"logement trop chaud", "dwelling too hot"}},
      {"sensors-silent", {"capteurs muets", "sensors silent"}},
      {"heating-failure", {"panne de chauffage de l'immeuble", "building heating failure"}},
      {"valve-stuck-open", {"robinet bloqué (ouvert, pièce froide)", "valve stuck (open, room cold)"}},
      {"valve-stuck-closed", {"robinet bloqué fermé", "valve stuck closed"}},
      {"setpoint-never-reached", {"consigne jamais atteinte", "setpoint never reached"}},
      {"battery-dying", {"pile en fin de vie", "battery dying"}},
      {"vendor-fault", {"défaut signalé par l'appareil", "fault reported by the device"}},
      {"frozen-sensor", {"capteur figé", "frozen sensor"}},
      {"offline", {"appareil hors ligne", "device offline"}},
  };
  auto it = labels.find(kind);
  return it == labels.end() ? kind : tr(it->second.first, it->second.second);
}

}  // namespace

Result<MorningReport> morning_report(Database& db, const Config& config, Instant now, const std::string& actor) {
  MorningReport r;
  r.now = now;
  r.window = morning_window(now, config);
  RequestStore store(db);

  RequestFilter arrived;
  arrived.since = r.window.from;
  arrived.until = r.window.to + seconds{1};
  GHD_ASSIGN(requests, store.list(arrived));
  for (const auto& q : requests) r.arrived.push_back(item_of(q));
  std::stable_sort(r.arrived.begin(), r.arrived.end(), [](const MorningItem& a, const MorningItem& b) {
    const bool ea = a.priority == "P1", eb = b.priority == "P1";
    if (ea != eb) return ea;
    if (a.service != b.service) return a.service < b.service;
    if (rank(a.priority) != rank(b.priority)) return rank(a.priority) < rank(b.priority);
    const auto da = a.due_at.value_or(Instant::max()), dbb = b.due_at.value_or(Instant::max());
    return da != dbb ? da < dbb : a.id < b.id;
  });

  // Open requests overdue or due by the end of today.
  RequestFilter due;
  due.open_only = true;
  const Date today = paris::local_date(now);
  due.overdue_at = paris::start_of_day(Date{sys_days{today} + days{1}});
  due.order = RequestFilter::Order::due;
  GHD_ASSIGN(due_requests, store.list(due));
  for (const auto& q : due_requests) r.due.push_back(item_of(q));

  GHD_ASSIGN(incidents, store.open_incidents());
  for (const auto& i : incidents)
    r.incidents.push_back({i.id, i.building, i.kind, i.summary, i.opened_at, i.tenants, i.requests, i.request_ids});

  // Counts against the same window of the previous weeks.
  std::map<std::string, MorningCount> agencies, channels;
  for (const auto& i : r.arrived) {
    ++agencies[i.agency.empty() ? "?" : i.agency].count;
    ++channels[i.channel].count;
  }
  for (int w = 1; w <= r.weeks_compared; ++w) {
    RequestFilter past;
    past.since = r.window.from - days{7 * w};
    past.until = r.window.to - days{7 * w} + seconds{1};
    GHD_ASSIGN(before, store.list(past));
    for (const auto& q : before) {
      agencies[q.agency.empty() ? "?" : q.agency].usual += 1.0 / r.weeks_compared;
      channels[q.channel].usual += 1.0 / r.weeks_compared;
    }
  }
  for (auto& [k, c] : agencies) c.key = k, r.by_agency.push_back(c);
  for (auto& [k, c] : channels) c.key = k, r.by_channel.push_back(c);

  // Dwellings to call: alerts while consent covers them, device faults.
  GHD_ASSIGN(consents, ConsentStore(db).list(""));
  const ConsentBook book(std::move(consents));
  GHD_ASSIGN(alerts, list_alerts(db, false));
  bool read_alerts = false;
  for (const auto& a : alerts) {
    if (!book.covers(a.dwelling, scope_of_alert(a.kind), now)) continue;
    read_alerts = true;
    MorningCall c;
    c.dwelling = a.dwelling;
    c.kind = a.kind;
    c.alert = true;
    c.alert_id = a.id;
    c.since = a.raised_at;
    c.evidence = a.evidence;
    r.calls.push_back(std::move(c));
  }
  GHD_ASSIGN(diagnosis, diagnose(db, now - hours{24}, now, config.diagnostics));
  for (const auto& f : diagnosis.findings) {
    if (!needs_call(f.diagnostic) || (f.dwelling.empty() && f.diagnostic != "heating-failure")) continue;
    MorningCall c;
    c.dwelling = f.dwelling;
    c.building = f.building;
    c.kind = f.diagnostic;
    c.device = f.device_id;
    c.room = f.room;
    c.since = f.since;
    if (f.dwelling.empty()) c.evidence = f.evidence;  // a building: no one's personal data
    r.calls.push_back(std::move(c));
  }
  if (read_alerts) {
    try {
      ConsentStore(db).audit({now, actor, "read-alerts", "", "", "morning report"});
    } catch (const SQLite::Exception& e) {
      return sqlite_status(e, db.path());
    }
  }
  return r;
}

MorningReport for_service(const MorningReport& all, const std::string& service) {
  MorningReport r = all;
  r.service = service;
  r.calls.clear();
  r.calls_included = false;
  auto other = [&](const MorningItem& i) { return i.service != service; };
  r.arrived.erase(std::remove_if(r.arrived.begin(), r.arrived.end(), other), r.arrived.end());
  r.due.erase(std::remove_if(r.due.begin(), r.due.end(), other), r.due.end());
  std::set<long long> mine;
  for (const auto& i : all.arrived)
    if (i.service == service) mine.insert(i.id);
  for (const auto& i : all.due)
    if (i.service == service) mine.insert(i.id);
  r.incidents.erase(std::remove_if(r.incidents.begin(), r.incidents.end(),
                                   [&](const MorningIncident& inc) {
                                     return std::none_of(inc.request_ids.begin(), inc.request_ids.end(),
                                                         [&](long long id) { return mine.count(id) > 0; });
                                   }),
                    r.incidents.end());
  // Counts stay district-wide: they say how the morning compares.
  return r;
}

std::vector<std::string> services_of(const MorningReport& r) {
  std::set<std::string> s;
  for (const auto& i : r.arrived) s.insert(i.service);
  for (const auto& i : r.due) s.insert(i.service);
  return {s.begin(), s.end()};
}

Document morning_document(const MorningReport& r, const Lang& tr) {
  Document d;
  d.lang = tr.code();
  d.title = r.service.empty() ? fmt::format("{} \u2014 {}", tr("Triage du matin", "Morning triage"),
                                            tr.long_date(paris::local_date(r.now)))
                              : fmt::format("{} \u2014 {} \u2014 {}", tr("Triage du matin", "Morning triage"),
                                            service_label(r.service, tr), tr.long_date(paris::local_date(r.now)));
  d.subtitle = fmt::format(fmt::runtime(tr("Demandes arrivées du {} au {} : {}.", "Requests received from {} to {}: {}.")),
                           tr.short_time(r.window.from), tr.short_time(r.window.to), r.arrived.size());
  auto request_table = [&](const std::vector<MorningItem>& items, bool with_service) {
    ReportTable t;
    t.header = {tr("Réf.", "Ref."), tr("Prio.", "Prio."), tr("Échéance", "Due"), tr("Logement", "Dwelling"),
                tr("Immeuble", "Building"), tr("Résumé", "Summary")};
    if (with_service) t.header.insert(t.header.begin() + 1, tr("Service", "Service"));
    for (const auto& i : items) {
      std::vector<std::string> row = {i.ref, i.priority.empty() ? "-" : i.priority, due_text(i, tr),
                                      i.dwelling.empty() ? "-" : i.dwelling, i.building.empty() ? "-" : i.building,
                                      i.summary};
      if (with_service) row.insert(row.begin() + 1, i.service.empty() ? "-" : i.service);
      t.rows.push_back(std::move(row));
    }
    return t;
  };

  std::vector<MorningItem> emergencies, routine;
  for (const auto& i : r.arrived) (i.priority == "P1" ? emergencies : routine).push_back(i);
  ReportSection urgent{tr("Urgences", "Emergencies"), {}, {request_table(emergencies, true)}, {}};
  urgent.tables[0].empty = tr("Aucune urgence.", "No emergency.");
  d.sections.push_back(std::move(urgent));

  std::map<std::string, std::vector<MorningItem>> by_service;
  for (const auto& i : routine) by_service[i.service].push_back(i);
  if (by_service.empty())
    d.sections.push_back({tr("Demandes par service", "Requests by service"),
                          {tr("Aucune autre demande.", "No other request.")}, {}, {}});
  for (const auto& [service, items] : by_service)
    d.sections.push_back({fmt::format("{} ({})", service_label(service, tr), items.size()), {},
                          {request_table(items, false)}, {}});

  ReportSection incidents{tr("Incidents collectifs", "Building incidents"), {}, {}, {}};
  ReportTable it;
  it.header = {tr("Immeuble", "Building"), tr("Nature", "Kind"), tr("Ouvert le", "Opened"),
               tr("Locataires", "Tenants"), tr("Demandes", "Requests")};
  it.numeric = {false, false, false, true, true};
  it.empty = tr("Aucun incident ouvert.", "No open incident.");
  for (const auto& i : r.incidents)
    it.rows.push_back({i.building, i.kind, tr.short_time(i.opened_at), std::to_string(i.tenants),
                       std::to_string(i.requests)});
  incidents.tables.push_back(std::move(it));
  d.sections.push_back(std::move(incidents));

  ReportSection due{tr("En retard ou à traiter aujourd'hui", "Overdue or due today"), {}, {}, {}};
  auto dt = request_table(r.due, true);
  dt.empty = tr("Rien en retard ni attendu aujourd'hui.", "Nothing overdue or due today.");
  due.tables.push_back(std::move(dt));
  d.sections.push_back(std::move(due));

  ReportSection counts{fmt::format(fmt::runtime(tr("Volumes (moyenne des {} semaines précédentes)",
                                      "Volumes (mean of the previous {} weeks)")),
                                   r.weeks_compared),
                       {}, {}, {}};
  for (const auto* list : {&r.by_agency, &r.by_channel}) {
    ReportTable t;
    t.header = {list == &r.by_agency ? tr("Agence", "Agency") : tr("Canal", "Channel"), tr("Ce matin", "This morning"),
                tr("D'habitude", "Usually")};
    t.numeric = {false, true, true};
    for (const auto& c : *list) t.rows.push_back({c.key, std::to_string(c.count), tr.number(c.usual, 1)});
    counts.tables.push_back(std::move(t));
  }
  d.sections.push_back(std::move(counts));

  if (r.calls_included) {
    ReportSection calls{tr("Logements à appeler aujourd'hui", "Dwellings to call today"), {}, {}, {}};
    calls.paragraphs.push_back(tr("Alertes de levée de doute (locataires ayant consenti) et défauts des appareils.",
                                  "Levée de doute alerts (consenting tenants) and device faults."));
    ReportTable t;
    t.header = {tr("Logement", "Dwelling"), tr("Motif", "Reason"), tr("Depuis", "Since"), tr("Détail", "Detail")};
    t.empty = tr("Aucun appel nécessaire.", "No call needed.");
    for (const auto& c : r.calls)
      t.rows.push_back({c.dwelling.empty() ? c.building : c.dwelling, kind_label(c.kind, tr), tr.short_time(c.since),
                        c.alert ? fmt::format("#{} {}", c.alert_id, c.evidence)
                                : (c.device.empty() ? c.evidence : fmt::format("{} ({})", c.device, c.room))});
    calls.tables.push_back(std::move(t));
    d.sections.push_back(std::move(calls));
  }
  return d;
}

namespace {
nlohmann::json item_json(const MorningItem& i) {
  return {{"ref", i.ref},
          {"received_at", format_iso(i.received_at)},
          {"service", i.service},
          {"priority", i.priority},
          {"status", i.status},
          {"due_at", i.due_at ? nlohmann::json(format_iso(*i.due_at)) : nlohmann::json(nullptr)},
          {"category", i.category},
          {"channel", i.channel},
          {"agency", i.agency},
          {"dwelling", i.dwelling},
          {"building", i.building},
          {"summary", i.summary},
          {"incident", i.incident_id ? nlohmann::json(*i.incident_id) : nlohmann::json(nullptr)}};
}
}  // namespace

std::string morning_json(const MorningReport& r) {
  using nlohmann::json;
  json arrived = json::array(), due = json::array(), incidents = json::array(), calls = json::array();
  for (const auto& i : r.arrived) arrived.push_back(item_json(i));
  for (const auto& i : r.due) due.push_back(item_json(i));
  for (const auto& i : r.incidents)
    incidents.push_back({{"id", i.id}, {"building", i.building}, {"kind", i.kind},
                         {"opened_at", format_iso(i.opened_at)}, {"tenants", i.tenants}, {"requests", i.requests}});
  for (const auto& c : r.calls)
    calls.push_back({{"dwelling", c.dwelling}, {"building", c.building}, {"kind", c.kind},
                     {"source", c.alert ? "alert" : "device"}, {"alert_id", c.alert ? json(c.alert_id) : json(nullptr)},
                     {"device", c.device}, {"since", format_iso(c.since)}, {"evidence", c.evidence}});
  auto counts = [](const std::vector<MorningCount>& v) {
    json a = json::array();
    for (const auto& c : v) a.push_back({{"key", c.key}, {"count", c.count}, {"usual", c.usual}});
    return a;
  };
  json out = {{"report", "morning"},
              {"as_of", format_iso(r.now)},
              {"window", {{"from", format_iso(r.window.from)}, {"to", format_iso(r.window.to)}}},
              {"service", r.service.empty() ? json(nullptr) : json(r.service)},
              {"arrived", arrived},
              {"due", due},
              {"incidents", incidents},
              {"by_agency", counts(r.by_agency)},
              {"by_channel", counts(r.by_channel)},
              {"weeks_compared", r.weeks_compared}};
  if (r.calls_included) out["calls"] = calls;
  return out.dump(2) + "\n";
}

std::string morning_csv(const MorningReport& r) {
  std::string out = "ref,received_at,service,priority,due_at,dwelling,building,agency,channel,category,summary\n";
  for (const auto& i : r.arrived) {
    const std::vector<std::string> f = {i.ref,      format_iso(i.received_at), i.service, i.priority,
                                        i.due_at ? format_iso(*i.due_at) : "", i.dwelling, i.building,
                                        i.agency,   i.channel, i.category, i.summary};
    for (size_t k = 0; k < f.size(); ++k) out += (k ? "," : "") + csv_safe_field(f[k], ',');
    out += "\n";
  }
  return out;
}

}  // namespace ghd
