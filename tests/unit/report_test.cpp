// The reports' figures on small hand-made data whose right numbers are
// known: degree days, valve-hours on days of 23, 24 and 25 hours, comfort
// hours, PV self-consumption, period comparisons; the morning report's order,
// split by service and consent filter; HTML that holds its SVG.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <regex>
#include <set>
#include <sstream>
#include <stack>

#include "core/text.h"
#include "energy/energy_report.h"
#include "helpers.h"
#include "report/morning.h"
#include "store/request_store.h"
#include "store/telemetry_store.h"
#include "telemetry/consent.h"
#include "telemetry/ingest.h"
#include "telemetry/registry.h"

using namespace ghd;

TEST_CASE("PV self-consumption is computed hour by hour") {
  // 10:00 all production used on site; 11:00 most exported; night: imported.
  const std::map<std::int64_t, double> p = {{10, 2000}, {11, 3000}, {12, 0}};
  const std::map<std::int64_t, double> e = {{10, 0}, {11, 2500}, {12, 0}};
  const std::map<std::int64_t, double> i = {{10, 0}, {11, 0}, {12, 1500}};
  const PvFigures f = self_consumption(p, e, i);
  CHECK(f.production == 5000);
  CHECK(f.self_consumed == 2500);
  CHECK(f.consumption == 4000);
  CHECK(*f.self_consumption_rate == Approx(0.5));
  CHECK(*f.self_sufficiency_rate == Approx(0.625));
  // Daily totals with min(P, C) would say 4000 self-consumed: 80 % and 100 %.
  CHECK(std::min(f.production, f.consumption) != f.self_consumed);
}

namespace {

const char* kRegistry =
    "device_id,kind,model,dwelling,room,installed_at,friendly_name\n"
    "trv-1,trv,Danfoss Ally,FO-B12-0304,salon,2023-09-18,a\n"
    "trv-2,trv,Danfoss Ally,FO-B12-0305,salon,2023-09-18,e\n"
    "wx-1,weather,Davis,,building:FO-B11,2023-09-18,b\n"
    "pv-1,pv-meter,Fronius,,building:FO-B12,2023-09-18,c\n"
    "grid-1,grid-meter,Linky,,building:FO-B12,2023-09-18,d\n";

struct Energy {
  test::TempDir dir;
  std::unique_ptr<Database> db = std::move(*Database::open(dir.file("ghd.db")));
  Energy() {
    RegistryImportReport r;
    REQUIRE(import_registry(*db, "registry.csv", kRegistry, r).ok());
  }
  // Readings given in local time: "2026-11-29T06:00 wx-1 temperature 0".
  void local(const std::vector<std::string>& lines) {
    std::string csv;
    for (const auto& l : lines) {
      std::istringstream ss(l);
      std::string t, dev, metric, value;
      ss >> t >> dev >> metric >> value;
      csv += fmt::format("{},{},{},{}\n", format_iso(*parse_instant(t)), dev, metric, value);
    }
    IngestReport report;
    REQUIRE(ingest_readings(*db, "hand", csv, ReadingFormat::csv, *parse_instant("2027-01-01"), report).ok());
    REQUIRE(report.quarantined == 0);
  }
  // A day: weather TN/TX, valve v %, temperature 16 °C then 20 °C from noon.
  void day(const std::string& date, double tn, double tx, double valve) {
    local({date + "T00:00 wx-1 temperature " + std::to_string(tn + 2), date + "T06:00 wx-1 temperature " + std::to_string(tn),
           date + "T15:00 wx-1 temperature " + std::to_string(tx), date + "T23:00 wx-1 temperature " + std::to_string(tx - 1),
           date + "T23:59:59 trv-1 valve " + std::to_string(valve),
           date + "T23:59:59 trv-1 temperature 20"});
    // A thermometer reports at least every hour: 16 °C until noon, then 20 °C.
    std::vector<std::string> hourly;
    for (int h = 0; h < 24; ++h) {
      hourly.push_back(fmt::format("{}T{:02}:00 trv-1 temperature {}", date, h, h < 12 ? 16 : 20));
      hourly.push_back(fmt::format("{}T{:02}:00 trv-1 valve {}", date, h, valve));
    }
    local(hourly);
  }
  EnergyReport report(EnergyPeriod p, const char* as_of, DegreeDayMethod m = DegreeDayMethod::meteo_france) {
    EnergyQuery q;
    q.period = p;
    q.forecast_temperature = 5;
    EnergySettings s;
    s.method = m;
    auto r = energy_report(*db, q, *parse_instant(as_of), s);
    REQUIRE(r.ok());
    return *r;
  }
};

}  // namespace

TEST_CASE("the energy report of a known day: degree days, valve-hours, comfort hours, PV") {
  Energy e;
  e.day("2026-11-29", 0, 8, 50);
  e.day("2026-11-28", 2, 10, 25);
  e.local({"2026-11-29T10:00 pv-1 energy 0", "2026-11-29T11:00 pv-1 energy 1000", "2026-11-29T12:00 pv-1 energy 3000",
           "2026-11-29T10:00 grid-1 export 0", "2026-11-29T11:00 grid-1 export 0", "2026-11-29T12:00 grid-1 export 1500",
           "2026-11-29T10:00 grid-1 import 0", "2026-11-29T11:00 grid-1 import 200",
           "2026-11-29T12:00 grid-1 import 200"});
  const auto r = e.report(EnergyPeriod::day, "2026-11-30T07:00");
  CHECK(format_date(r.range.first) == "2026-11-29");
  CHECK(*r.degree_days == Approx(14));           // 18 - (0 + 8) / 2
  CHECK(*r.previous_degree_days == Approx(12));  // 18 - (2 + 10) / 2
  REQUIRE(r.dwellings.size() == 1);
  CHECK(r.dwellings[0].demand == Approx(12));  // 50 % over 24 hours
  CHECK(*r.dwellings[0].indoor_mean == Approx(18));
  CHECK(r.dwellings[0].hours_below == 12);
  CHECK(r.dwellings[0].hours_above == 0);
  const auto b = std::find_if(r.buildings.begin(), r.buildings.end(), [](const BuildingFigures& x) { return x.building == "FO-B12"; });
  REQUIRE(b != r.buildings.end());
  CHECK(*b->per_degree_day == Approx(12.0 / 14));
  CHECK(*b->previous_per_degree_day == Approx(6.0 / 12));
  REQUIRE(b->pv.has_value());
  CHECK(b->pv->production == 3000);
  CHECK(b->pv->exported == 1500);
  CHECK(b->pv->self_consumed == 1500);
  CHECK(b->pv->consumption == 1700);
  CHECK(*b->pv->self_consumption_rate == Approx(0.5));
  CHECK(*b->pv->self_sufficiency_rate == Approx(1500.0 / 1700));
  // The COSTIC method gives the same for a day under 18 °C.
  CHECK(*e.report(EnergyPeriod::day, "2026-11-30T07:00", DegreeDayMethod::costic).degree_days == Approx(14));
  const std::string json = energy_json(r);
  CHECK(json.find(R"("self_consumption_rate": 0.5)") != std::string::npos);
  CHECK(energy_csv(r).find("FO-B12-0304,FO-B12,12.00,,18.00,24,12,0,") != std::string::npos);
}

TEST_CASE("dwellings that stand out: cold with little heating, valves fighting an open window") {
  Energy e;
  e.day("2026-11-29", 0, 8, 50);
  std::vector<std::string> lines;
  for (int h = 0; h < 24; ++h) {
    lines.push_back(fmt::format("2026-11-29T{:02}:00 trv-2 temperature 15.5", h));
    lines.push_back(fmt::format("2026-11-29T{:02}:00 trv-2 valve 5", h));
    // trv-1: a window open from 08:00 to 11:00 while the valve stays at 50 %.
    lines.push_back(fmt::format("2026-11-29T{:02}:00 trv-1 window_open {}", h, h >= 8 && h < 11 ? 1 : 0));
  }
  e.local(lines);
  const auto r = e.report(EnergyPeriod::day, "2026-11-30T07:00");
  REQUIRE(r.dwellings.size() == 2);
  CHECK(r.dwellings[0].dwelling == "FO-B12-0304");
  CHECK(r.dwellings[0].window_fight_hours == 3);
  // 12 hours under 17 °C despite heating: cold, and a window fought.
  CHECK(r.dwellings[0].flags == std::vector<std::string>{"cold", "window-fighting"});
  CHECK(r.dwellings[1].demand == Approx(1.2));
  CHECK(r.dwellings[1].flags == std::vector<std::string>{"cold-low-heating"});
  const auto text = render_text(energy_document(r, *Lang::parse("fr")));
  CHECK(text.find("froid et peu chauffé") != std::string::npos);
}

TEST_CASE("valve-hours on days of 23 and 25 hours") {
  Energy e;
  e.day("2026-03-29", 3, 9, 50);
  e.day("2026-10-25", 3, 9, 50);
  CHECK(e.report(EnergyPeriod::day, "2026-03-30T07:00").dwellings[0].demand == Approx(11.5));
  CHECK(e.report(EnergyPeriod::day, "2026-10-26T07:00").dwellings[0].demand == Approx(12.5));
}

TEST_CASE("periods end yesterday; previous and year-before periods") {
  const Date today = *parse_date("2026-11-30");
  auto week = period_range(EnergyPeriod::week, today);
  CHECK(format_date(week.first) == "2026-11-23");
  CHECK(format_date(week.last) == "2026-11-29");
  CHECK(format_date(previous_range(week).first) == "2026-11-16");
  CHECK(format_date(year_before(week).first) == "2025-11-23");
  CHECK(format_date(period_range(EnergyPeriod::month, today).first) == "2026-11-01");
  CHECK(format_date(period_range(EnergyPeriod::season, today).first) == "2026-10-01");
  CHECK(format_date(period_range(EnergyPeriod::season, *parse_date("2027-07-01")).last) == "2027-05-31");
  CHECK(format_date(year_before({*parse_date("2028-02-29"), *parse_date("2028-02-29")}).first) == "2027-02-28");
}

TEST_CASE("a week compared with the previous one and a year before, per degree day") {
  Energy e;
  for (int d = 0; d < 7; ++d) {
    e.day(fmt::format("2026-11-{:02}", 23 + d), 0, 8, 50);      // 14 DD, 12 valve-hours a day
    e.day(fmt::format("2026-11-{:02}", 16 + d), 4, 12, 30);     // 10 DD, 7.2
    e.day(fmt::format("2025-11-{:02}", 23 + d), 2, 10, 40);     // 12 DD, 9.6
  }
  const auto r = e.report(EnergyPeriod::week, "2026-11-30T07:00");
  CHECK(*r.degree_days == Approx(98));
  CHECK(*r.previous_degree_days == Approx(70));
  CHECK(*r.last_year_degree_days == Approx(84));
  const auto& b = *std::find_if(r.buildings.begin(), r.buildings.end(), [](const BuildingFigures& x) { return x.building == "FO-B12"; });
  CHECK(b.demand == Approx(84));
  CHECK(*b.per_degree_day == Approx(12.0 / 14));
  CHECK(*b.previous_per_degree_day == Approx(7.2 / 10));
  CHECK(*b.last_year_per_degree_day == Approx(9.6 / 12));
  REQUIRE(b.signature.has_value());
}

namespace {
// Tags open and close in order, nothing refers outside the file.
void check_html(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  std::stack<std::string> open;
  static const std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>)");
  static const std::set<std::string> empty = {"meta", "br", "img", "link"};
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const std::string name = m[2];
    if (m[3] == "/" || empty.count(name)) continue;
    if (m[1] == "/") {
      REQUIRE_FALSE(open.empty());
      CHECK(open.top() == name);
      open.pop();
    } else {
      open.push(name);
    }
  }
  CHECK(open.empty());
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=") == std::string::npos);
  CHECK(std::regex_search(html, std::regex("https?://(?!www\\.w3\\.org/2000/svg)")) == false);
}
}  // namespace

TEST_CASE("the HTML report is well formed, self-contained, and holds its SVG charts") {
  Energy e;
  e.day("2026-11-29", 0, 8, 50);
  const auto r = e.report(EnergyPeriod::day, "2026-11-30T07:00");
  auto lang = Lang::parse("fr");
  REQUIRE(lang.ok());
  const std::string html = render_html(energy_document(r, *lang));
  check_html(html);
  size_t svgs = 0;
  for (size_t p = html.find("<svg"); p != std::string::npos; p = html.find("<svg", p + 1)) ++svgs;
  CHECK(svgs == 3);
  CHECK(html.find("Rapport énergie") != std::string::npos);
  CHECK(render_html(energy_document(r, *Lang::parse("en"))).find("Energy report") != std::string::npos);
}

namespace {
struct Morning {
  test::TempDir dir;
  std::unique_ptr<Database> db = std::move(*Database::open(dir.file("ghd.db")));
  Config config;
  long long add(const std::string& received, const std::string& service, const std::string& priority,
                const std::string& dwelling, const std::string& subject) {
    Request r;
    r.received_at = *parse_instant(received);
    r.channel = "web";
    r.category = "technical";
    r.subject = subject;
    r.dwelling = dwelling;
    r.building = dwelling.substr(0, 6);
    r.agency = "AG-FO";
    r.status = "triaged";
    r.service = service;
    r.priority = priority;
    r.due_at = r.received_at + std::chrono::hours{48};
    r.created_at = r.received_at;
    r.updated_at = r.received_at;
    auto id = RequestStore(*db).insert(r);
    REQUIRE(id.ok());
    r.id = *id;
    WriteTransaction tx(db->sql());
    RequestStore(*db).save_changes(r);
    tx.commit();
    return *id;
  }
};
}  // namespace

TEST_CASE("the morning report: emergencies first, one report per service, calls under consent only") {
  Morning m;
  // Monday 30 November 2026, 07:00: the window opens Friday 27 at 07:00.
  m.add("2026-11-27T08:00:00+01:00", "plomberie", "P3", "FO-B12-0304", "Evier bouché");
  m.add("2026-11-28T22:00:00+01:00", "astreinte", "P1", "FO-B12-0305", "Odeur de gaz");
  m.add("2026-11-29T10:00:00+01:00", "chauffage", "P2", "FO-B12-0306", "Radiateur froid");
  m.add("2026-11-26T10:00:00+01:00", "chauffage", "P2", "FO-B12-0307", "Avant la fenêtre");
  m.add("2026-11-20T10:00:00+01:00", "chauffage", "P3", "FO-B12-0308", "Trois semaines avant");
  const Instant now = *parse_instant("2026-11-30T07:00:00+01:00");
  {
    TelemetryStore t(*m.db);
    WriteTransaction tx(m.db->sql());
    t.insert_alert("FO-B12-0304", "inactivity", now - std::chrono::hours{2}, "no motion since 16:00");
    t.insert_alert("FO-B12-0309", "too-cold", now - std::chrono::hours{1}, "15 °C");
    tx.commit();
  }
  REQUIRE(grant_consent(*m.db, "FO-B12-0304", {"activity"}, "CONS-1", "t", now - std::chrono::hours{24 * 30}).ok());
  REQUIRE(grant_consent(*m.db, "FO-B12-0309", {"activity"}, "CONS-2", "t", now - std::chrono::hours{24 * 30}).ok());
  auto r = morning_report(*m.db, m.config, now, "tester");
  REQUIRE(r.ok());
  REQUIRE(r->arrived.size() == 3);
  CHECK(r->arrived[0].priority == "P1");
  CHECK(r->arrived[1].service == "chauffage");
  CHECK(r->arrived[2].service == "plomberie");
  // by agency: 3 this morning; usually (4 weeks): the one of 20 November, over 4.
  REQUIRE(r->by_agency.size() == 1);
  CHECK(r->by_agency[0].count == 3);
  CHECK(r->by_agency[0].usual == Approx(0.25));
  // Calls: the alert under a consent that covers it (activity); not the
  // too-cold one, whose dwelling consented to activity only.
  REQUIRE(r->calls.size() == 1);
  CHECK(r->calls[0].dwelling == "FO-B12-0304");

  const auto chauffage = for_service(*r, "chauffage");
  REQUIRE(chauffage.arrived.size() == 1);
  CHECK(chauffage.arrived[0].summary == "Radiateur froid");
  CHECK(chauffage.calls.empty());
  CHECK(morning_csv(chauffage).find("plomberie") == std::string::npos);
  CHECK(services_of(*r) == std::vector<std::string>{"astreinte", "chauffage", "plomberie"});

  REQUIRE(revoke_consent(*m.db, "FO-B12-0304", "t", now - std::chrono::hours{1}).ok());
  auto after = morning_report(*m.db, m.config, now, "tester");
  REQUIRE(after.ok());
  CHECK(after->calls.empty());

  const auto text = render_text(morning_document(*r, *Lang::parse("fr")));
  CHECK(text.find("Urgences") < text.find("chauffage"));
  for (const auto& line : split(text, '\n')) CHECK(display_width(line) <= 100);
  CHECK(morning_json(*r).find(R"("source": "alert")") != std::string::npos);
}
