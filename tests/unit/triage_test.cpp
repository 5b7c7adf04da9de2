#include <catch2/catch.hpp>

#include "helpers.h"
#include "housing/stock.h"
#include "requests/add.h"
#include "routing/grouping.h"
#include "routing/triage.h"
#include "routing/urgency.h"

using namespace ghd;
using ghd::test::TempDir;

namespace {

Instant at(const char* iso) { return *parse_instant(iso); }

struct Fixture {
  TempDir dir;
  std::unique_ptr<Database> db;
  Config config;
  RuleSet rules;

  Fixture() {
    db = std::move(*Database::open(dir.file("ghd.db")));
    auto c = parse_config("triage:\n  forward_automatically: [astreinte]\n", "ghd.yaml");
    REQUIRE(c.ok());
    config = *c;
    auto r = load_rules(std::string(GHD_SOURCE_DIR) + "/samples/rules.yaml", config);
    REQUIRE(r.ok());
    rules = *r;
    StockImportReport report;
    REQUIRE(import_stock(*db, "a", "agency_id,name,address\nAG,Agence,x\n", false, report).ok());
    REQUIRE(import_stock(*db, "b", "building_id,agency_id,address,district\nFO-B01,AG,x,FO\nFO-B02,AG,x,FO\n", false,
                         report).ok());
    REQUIRE(import_stock(*db, "d",
                         "dwelling_id,building_id,floor,number,connected\nFO-B01-0101,FO-B01,1,01,0\n"
                         "FO-B01-0102,FO-B01,1,02,0\nFO-B02-0101,FO-B02,1,01,0\n",
                         false, report).ok());
    REQUIRE(import_stock(*db, "t",
                         "tenant_ref,dwelling_id,elderly,vulnerable\nLA,FO-B01-0101,0,0\nLB,FO-B01-0102,1,0\n"
                         "LC,FO-B02-0101,0,0\n",
                         false, report).ok());
  }

  long long add(const char* tenant, const char* dwelling, const char* category, const char* message, const char* when) {
    RequestStore store(*db);
    Request r;
    r.tenant = tenant;
    r.dwelling = dwelling;
    r.category = category;
    r.channel = "web";
    r.message = message;
    r.received_at = at(when);
    auto id = add_request(store, r, "test", r.received_at);
    REQUIRE(id.ok());
    return *id;
  }

  TriageReport run(const char* when, bool dry_run = false) {
    auto router = Router::make(rules, config);
    REQUIRE(router.ok());
    TriageReport report;
    REQUIRE(run_triage(*db, *router, config, "triage", at(when), dry_run, report).ok());
    return report;
  }

  Request get(long long id) { return RequestStore(*db).get(id)->value(); }
};

}  // namespace

TEST_CASE("the morning window starts at the previous business day's cut-off") {
  const Config c = *parse_config("", "");
  CHECK(format_iso(morning_window(at("2026-11-30T07:05"), c).from) == "2026-11-27T07:00:00+01:00");  // Monday
  CHECK(format_iso(morning_window(at("2026-12-01T07:05"), c).from) == "2026-11-30T07:00:00+01:00");
  CHECK(format_iso(morning_window(at("2026-04-07T07:05"), c).from) == "2026-04-03T07:00:00+02:00");  // Easter
}

TEST_CASE("similar texts") {
  CHECK(text_similarity("radiateur froid", "le radiateur est toujours froid") == Approx(0.5));
  CHECK(text_similarity("radiateur froid", "cafards dans la cuisine") == 0);
}

TEST_CASE("triage routes every new request, records it, and does nothing the second time") {
  Fixture f;
  const auto gas = f.add("LC", "FO-B02-0101", "pests", "Ça sent le gaz dans la cave", "2026-11-28T22:00");
  const auto tap = f.add("LA", "FO-B01-0101", "technical", "le robinet goutte", "2026-11-29T10:00");
  const auto report = f.run("2026-11-30T07:00");
  REQUIRE(report.items.size() == 2);
  CHECK(report.items[0].request.id == gas);  // emergencies first
  CHECK(f.get(gas).status == "forwarded");    // astreinte is forwarded at once
  CHECK(f.get(gas).priority == "P1");
  CHECK(f.get(tap).status == "triaged");
  CHECK(f.get(tap).service == "plomberie");
  CHECK(format_iso(*f.get(tap).due_at) == "2026-12-04T17:00:00+01:00");  // 5 business days after Sunday
  const auto history = *RequestStore(*f.db).history(tap);
  REQUIRE_FALSE(history.empty());
  CHECK_THAT(history[0].note, Catch::Contains("triage: plumbing (rules " + f.rules.hash));
  CHECK(f.run("2026-11-30T07:05").items.empty());
}

TEST_CASE("a dry run decides the same and writes nothing") {
  Fixture f;
  const auto id = f.add("LA", "FO-B01-0101", "technical", "le robinet goutte", "2026-11-29T10:00");
  const auto report = f.run("2026-11-30T07:00", true);
  REQUIRE(report.items.size() == 1);
  CHECK(report.items[0].decision.service == "plomberie");
  CHECK(f.get(id).status == "new");
  CHECK(RequestStore(*f.db).history(id)->empty());
}

TEST_CASE("the same tenant writing again is a duplicate; tenants of a building make an incident") {
  Fixture f;
  const auto first = f.add("LA", "FO-B01-0101", "technical", "radiateur froid", "2026-11-30T08:00");
  const auto again = f.add("LA", "FO-B01-0101", "technical", "le radiateur est toujours froid", "2026-11-30T15:00");
  const auto neighbour = f.add("LB", "FO-B01-0102", "technical", "pas de chauffage depuis ce matin",
                               "2026-11-30T16:00");
  const auto elsewhere = f.add("LC", "FO-B02-0101", "technical", "radiateur froid", "2026-11-30T16:30");
  const auto report = f.run("2026-12-01T07:00");
  CHECK(f.get(again).status == "duplicate");
  CHECK(f.get(again).duplicate_of == first);
  CHECK(f.get(first).status == "triaged");
  REQUIRE(report.incidents.size() == 1);
  CHECK(report.incidents[0].building == "FO-B01");
  CHECK(report.incidents[0].kind == "chauffage");
  CHECK(report.incidents[0].created);
  CHECK(f.get(first).incident_id == report.incidents[0].id);
  CHECK(f.get(neighbour).incident_id == report.incidents[0].id);
  CHECK_FALSE(f.get(again).incident_id);
  CHECK_FALSE(f.get(elsewhere).incident_id);
  CHECK(f.get(neighbour).priority == "P2");  // elderly tenant

  // A third tenant the next day joins the open incident.
  REQUIRE(import_stock(*f.db, "t", "tenant_ref,dwelling_id,elderly,vulnerable\nLD,FO-B01-0101,0,0\n", false,
                       *std::make_unique<StockImportReport>()).ok());
  const auto third = f.add("LD", "FO-B01-0101", "technical", "Chauffage en panne", "2026-12-01T09:00");
  const auto next = f.run("2026-12-02T07:00");
  REQUIRE(next.incidents.size() == 1);
  CHECK_FALSE(next.incidents[0].created);
  CHECK(f.get(third).incident_id == report.incidents[0].id);
}

TEST_CASE("an emergency is never held back as a duplicate") {
  Fixture f;
  f.add("LA", "FO-B01-0101", "technical", "odeur de gaz dans la cuisine", "2026-11-30T08:00");
  const auto again = f.add("LA", "FO-B01-0101", "technical", "odeur de gaz dans la cuisine", "2026-11-30T08:30");
  f.run("2026-11-30T09:00");
  CHECK(f.get(again).status == "forwarded");
  CHECK(f.get(again).priority == "P1");
}

TEST_CASE("urgency adds explainable terms") {
  const WorkingCalendar business("business", BusinessDays(), {{std::chrono::hours{8}, std::chrono::hours{17}}});
  Request r;
  r.priority = "P2";
  r.received_at = at("2026-11-23T10:00");
  r.due_at = at("2026-11-25T17:00");  // Wednesday
  const Instant now = at("2026-11-27T10:00");  // Friday: two business days late
  const auto u = urgency(r, TenantFacts{true, false}, 3, now, business);
  CHECK(u.score == Approx(6 + 8 + 2 + 0.4 + 1));
  CHECK(u.explain() == "priority P2 +6.0, overdue by 2 business day(s) +8.0, elderly tenant +2.0, 4 day(s) old +0.4, "
                       "incident of 3 requests +1.0");
  Request later = r;
  later.priority = "P4";
  later.due_at = at("2026-11-27T17:00");
  CHECK(urgency(later, {}, 0, now, business).score < u.score);
  CHECK(urgency(later, {}, 0, now, business).explain().find("due today +4.0") != std::string::npos);
}
