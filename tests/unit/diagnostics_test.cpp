// Each diagnostic on hand-made readings, and the simulator's injected faults
// found, each of them and nothing else.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "helpers.h"
#include "requests/update.h"
#include "store/request_store.h"
#include "telemetry/checks.h"
#include "telemetry/consent.h"
#include "telemetry/debug.h"
#include "telemetry/diagnostics.h"
#include "telemetry/ingest.h"
#include "telemetry/registry.h"
#include "telemetry/simulate.h"

using namespace ghd;

namespace {

const char* kRegistry =
    "device_id,kind,model,dwelling,room,installed_at,friendly_name\n"
    "trv-1,trv,Danfoss Ally 014G2461,FO-B12-0304,salon,2023-09-18,FO-B12-0304/salon-trv\n"
    "trv-2,trv,Bosch BTH-RA,FO-B12-0305,salon,2023-09-18,FO-B12-0305/salon-trv\n"
    "trv-3,trv,Bosch BTH-RA,FO-B12-0306,salon,2023-09-18,FO-B12-0306/salon-trv\n"
    "trv-4,trv,Bosch BTH-RA,FO-B12-0307,salon,2023-09-18,FO-B12-0307/salon-trv\n"
    "rs-1,room-sensor,Aqara,FO-B12-0304,salon,2023-09-18,FO-B12-0304/salon-sensor\n"
    "wx-1,weather,Davis,,building:FO-B11,2023-09-18,FO-B11/weather\n";

constexpr const char* kStart = "2026-11-30T00:00:00Z";

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<Database> db = std::move(*Database::open(dir.file("ghd.db")));
  DiagnosticSettings settings;
  Fixture() {
    RegistryImportReport r;
    REQUIRE(import_registry(*db, "registry.csv", kRegistry, r).ok());
  }
  Instant t(int minutes) const { return *parse_instant(kStart) + std::chrono::minutes{minutes}; }
  // Readings every 5 minutes from kStart for `hours`: value(minute) per metric.
  void series(const std::string& device, const std::string& metric, double hours,
              const std::function<double(int)>& value, int step = 5) {
    std::string csv;
    for (int m = 0; m <= hours * 60; m += step)
      csv += fmt::format("{},{},{},{}\n", format_iso(t(m)), device, metric, value(m));
    ingest(csv, ReadingFormat::csv);
  }
  void ingest(const std::string& text, ReadingFormat format, const char* now = "2026-12-02T00:00:00Z") {
    IngestReport report;
    REQUIRE(ingest_readings(*db, "hand-made", text, format, *parse_instant(now), report).ok());
    REQUIRE(report.quarantined == 0);
  }
  std::vector<Finding> diagnose_at(int minutes, const std::string& device = "") {
    auto d = ghd::diagnose(*db, t(0), t(minutes), settings, "", device);
    REQUIRE(d.ok());
    return d->findings;
  }
  static std::set<std::string> kinds(const std::vector<Finding>& findings, const std::string& device = "") {
    std::set<std::string> out;
    for (const auto& f : findings)
      if (device.empty() || f.device_id == device) out.insert(f.diagnostic);
    return out;
  }
};

}  // namespace

TEST_CASE("frozen sensor: unchanged while the valve moves, not while nothing moves") {
  Fixture f;
  f.series("trv-1", "temperature", 8, [](int) { return 19.5; });
  f.series("trv-1", "setpoint", 8, [](int) { return 20; });
  SECTION("the valve moved") {
    f.series("trv-1", "valve", 8, [](int m) { return m < 240 ? 20 : 90; });
    const auto found = f.diagnose_at(8 * 60, "trv-1");
    REQUIRE(Fixture::kinds(found) == std::set<std::string>{"frozen-sensor"});
    CHECK(found[0].evidence.find("19.5 °C unchanged for 8 h") != std::string::npos);
    CHECK(found[0].evidence.find("valve moved over 70 points") != std::string::npos);
  }
  SECTION("nothing moved: a steady room is not a fault") {
    f.series("trv-1", "valve", 8, [](int) { return 30; });
    CHECK(Fixture::kinds(f.diagnose_at(8 * 60, "trv-1")).empty());
  }
  SECTION("the outdoor temperature moved") {
    f.series("trv-1", "valve", 8, [](int) { return 30; });
    f.series("wx-1", "temperature", 8, [](int m) { return 2 + m / 60.0; });
    CHECK(Fixture::kinds(f.diagnose_at(8 * 60, "trv-1")) == std::set<std::string>{"frozen-sensor"});
  }
  SECTION("under the threshold of hours") {
    f.settings.frozen_hours = 9;
    f.series("trv-1", "valve", 8, [](int m) { return m < 240 ? 20 : 90; });
    CHECK(Fixture::kinds(f.diagnose_at(8 * 60, "trv-1")).empty());
  }
}

TEST_CASE("valve stuck open or closed, setpoint never reached, open window") {
  Fixture f;
  f.series("trv-1", "setpoint", 24, [](int) { return 20; });
  SECTION("open for hours while the room stays cold") {
    f.series("trv-1", "valve", 5, [](int) { return 100; });
    f.series("trv-1", "temperature", 5, [](int m) { return 16.5 - m / 300.0; });
    const auto found = f.diagnose_at(5 * 60, "trv-1");
    REQUIRE(Fixture::kinds(found) == std::set<std::string>{"valve-stuck-open"});
    CHECK(found[0].evidence.find("valve 100 % for 5 h") != std::string::npos);
  }
  SECTION("three hours is not yet stuck") {
    f.series("trv-1", "valve", 3, [](int) { return 100; });
    f.series("trv-1", "temperature", 3, [](int) { return 16; });
    CHECK(Fixture::kinds(f.diagnose_at(3 * 60, "trv-1")).empty());
  }
  SECTION("closed while far below the setpoint") {
    f.series("trv-1", "valve", 5, [](int) { return 0; });
    f.series("trv-1", "temperature", 5, [](int) { return 15.8; });
    CHECK(Fixture::kinds(f.diagnose_at(5 * 60, "trv-1")) == std::set<std::string>{"valve-stuck-closed"});
  }
  SECTION("closed because the valve saw an open window: the window, not the valve") {
    f.series("trv-1", "valve", 5, [](int) { return 0; });
    f.series("trv-1", "temperature", 5, [](int) { return 15.8; });
    f.series("trv-1", "window_open", 5, [](int) { return 1; });
    CHECK(Fixture::kinds(f.diagnose_at(5 * 60, "trv-1")) == std::set<std::string>{"window-open"});
  }
  SECTION("a day without ever reaching the setpoint") {
    f.series("trv-1", "valve", 24, [](int) { return 60; });
    f.series("trv-1", "temperature", 24, [](int m) { return 18.4 + (m % 60) / 200.0; });
    const auto found = f.diagnose_at(24 * 60, "trv-1");
    REQUIRE(Fixture::kinds(found) == std::set<std::string>{"setpoint-never-reached"});
    INFO(found[0].evidence);
    CHECK(found[0].evidence.find("no closer than 1.3 K") != std::string::npos);
  }
  SECTION("a fast drop with the valve open") {
    f.series("trv-1", "valve", 2, [](int) { return 50; });
    f.series("trv-1", "temperature", 2, [](int m) { return m < 60 ? 20.0 : m < 80 ? 20.0 - (m - 60) / 10.0 : 18.0; });
    const auto found = f.diagnose_at(2 * 60, "trv-1");
    REQUIRE(Fixture::kinds(found) == std::set<std::string>{"window-open"});
    CHECK(found[0].evidence.find("fell from 20.0 to 18.5") != std::string::npos);
  }
}

TEST_CASE("battery dying: low level, falling trend, the device's own word") {
  Fixture f;
  SECTION("a level under the threshold") {
    f.series("trv-1", "battery", 1, [](int) { return 8; }, 60);
    CHECK(Fixture::kinds(f.diagnose_at(60, "trv-1")).count("battery-dying"));
  }
  SECTION("a trend: 40 % falling 3 points a day") {
    std::string csv;
    for (int h = 0; h <= 24 * 10; h += 6)
      csv += fmt::format("{},trv-1,battery,{}\n", format_iso(f.t(h * 60) - std::chrono::hours{24 * 10}), 40 - h / 8);
    f.ingest(csv, ReadingFormat::csv);
    const auto devices = TelemetryStore(*f.db).devices();
    REQUIRE(devices.ok());
    const auto trv = std::find_if(devices->begin(), devices->end(), [](const Device& d) { return d.device_id == "trv-1"; });
    auto trend = battery_trend(*f.db, *trv, f.t(0));
    REQUIRE(trend.ok());
    CHECK(*trend->per_day == Approx(-3).margin(0.1));
    CHECK(*trend->days_left == Approx(10.0 / 3).margin(0.3));
    CHECK(Fixture::kinds(f.diagnose_at(60, "trv-1")).count("battery-dying"));
  }
  SECTION("a healthy battery") {
    f.series("trv-1", "battery", 1, [](int) { return 70; }, 60);
    CHECK_FALSE(Fixture::kinds(f.diagnose_at(60, "trv-1")).count("battery-dying"));
  }
}

TEST_CASE("vendor faults are stored as events and diagnosed until cleared") {
  Fixture f;
  auto line = [](const char* time, const char* name, const char* payload) {
    return fmt::format(R"({{"time":"{}","topic":"zigbee2mqtt/{}","payload":{}}})", time, name, payload) + "\n";
  };
  f.ingest(line("2026-11-30T01:00:00Z", "FO-B12-0304/salon-trv",
                R"({"local_temperature":20,"system_status_code":"ok","adaptation_run_status":"none"})") +
               line("2026-11-30T02:00:00Z", "FO-B12-0304/salon-trv",
                    R"({"local_temperature":20,"system_status_code":"encoder_jammed"})") +
               line("2026-11-30T02:05:00Z", "FO-B12-0304/salon-trv",
                    R"({"local_temperature":20,"system_status_code":"encoder_jammed"})") +
               line("2026-11-30T02:00:00Z", "FO-B12-0305/salon-trv", R"({"valve_adapt_status":"error"})") +
               line("2026-11-30T02:00:00Z", "FO-B12-0306/salon-trv", R"({"adaptation_run_status":"lost"})"),
           ReadingFormat::jsonl);
  auto events = TelemetryStore(*f.db).events(1, 0, to_unix(f.t(600)));
  REQUIRE(events.ok());
  CHECK(events->size() == 3);  // ok, none, encoder_jammed: the repeated one is not stored twice
  auto found = f.diagnose_at(180);
  std::map<std::string, std::string> by_device;
  for (const auto& x : found)
    if (x.diagnostic == "vendor-fault") by_device[x.device_id] = x.evidence;
  CHECK(by_device["trv-1"].find("system_status_code = encoder_jammed") != std::string::npos);
  CHECK(by_device["trv-2"].find("valve_adapt_status = error") != std::string::npos);
  CHECK(by_device["trv-3"].find("adaptation_run_status = lost") != std::string::npos);
  // Fixed: the next state says so.
  f.ingest(line("2026-11-30T03:00:00Z", "FO-B12-0304/salon-trv", R"({"system_status_code":"ok"})"),
           ReadingFormat::jsonl);
  found = f.diagnose_at(240, "trv-1");
  CHECK_FALSE(Fixture::kinds(found).count("vendor-fault"));
}

TEST_CASE("clock drift: readings from the future are quarantined and diagnosed") {
  Fixture f;
  IngestReport report;
  const std::string csv = "2026-11-30T05:00:00Z,trv-1,temperature,20\n2026-11-30T09:10:00Z,trv-1,temperature,20\n";
  REQUIRE(ingest_readings(*f.db, "gw.csv", csv, ReadingFormat::csv, f.t(60), report).ok());
  CHECK(report.quarantined_by_reason["future"] == 2);
  const auto found = f.diagnose_at(120, "trv-1");
  REQUIRE(Fixture::kinds(found).count("clock-drift"));
  for (const auto& x : found)
    if (x.diagnostic == "clock-drift") CHECK(x.evidence.find("2 readings dated up to 8 h 10 min ahead") != std::string::npos);
}

TEST_CASE("offline now, or silent for a while then back") {
  Fixture f;
  f.series("trv-1", "temperature", 2, [](int m) { return 20 + (m % 20) / 10.0; });
  CHECK(Fixture::kinds(f.diagnose_at(6 * 60, "trv-1")) == std::set<std::string>{"offline"});
  std::string csv;
  for (int m = 5 * 60; m <= 6 * 60; m += 5) csv += fmt::format("{},trv-1,temperature,{}\n", format_iso(f.t(m)), 20 + (m % 20) / 10.0);
  f.ingest(csv, ReadingFormat::csv);
  const auto found = f.diagnose_at(6 * 60, "trv-1");
  REQUIRE(Fixture::kinds(found) == std::set<std::string>{"data-gap"});
  CHECK(found[0].evidence.find("silent for 3 h") != std::string::npos);
}

TEST_CASE("a building's valves cold and open at once: one heating failure, one request") {
  Fixture f;
  for (const char* trv : {"trv-1", "trv-2", "trv-3", "trv-4"}) {
    f.series(trv, "setpoint", 6, [](int) { return 20; });
    f.series(trv, "valve", 6, [](int) { return 100; });
    f.series(trv, "temperature", 6, [](int m) { return 16.5 - m / 200.0; });
  }
  auto d = diagnose(*f.db, f.t(0), f.t(6 * 60), f.settings);
  REQUIRE(d.ok());
  REQUIRE(Fixture::kinds(d->findings) == std::set<std::string>{"heating-failure"});
  CHECK(d->findings[0].building == "FO-B12");
  CHECK(d->findings[0].devices.size() == 4);

  auto opened = open_building_requests(*f.db, *d, "ghd-daily", f.t(6 * 60));
  REQUIRE(opened.ok());
  REQUIRE(opened->size() == 1);
  CHECK(opened->at(0).opened);
  RequestStore store(*f.db);
  auto r = store.get(opened->at(0).request_id);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->category == "technical");
  CHECK((*r)->service == "chauffage");
  CHECK((*r)->building == "FO-B12");
  CHECK((*r)->incident_id.has_value());

  // The next run finds the same failure: no second request.
  auto again = open_building_requests(*f.db, *d, "ghd-daily", f.t(6 * 60 + 60));
  REQUIRE(again.ok());
  CHECK_FALSE(again->at(0).opened);
  CHECK(again->at(0).request_id == opened->at(0).request_id);
  auto all = store.list(RequestFilter{});
  REQUIRE(all.ok());
  CHECK(all->size() == 1);

  // Once the request is closed, a new failure is a new request.
  {
    WriteTransaction tx(f.db->sql());
    Request closed = **r;
    closed.status = "closed";
    store.save_changes(closed);
    tx.commit();
  }
  auto later = open_building_requests(*f.db, *d, "ghd-daily", f.t(6 * 60 + 120));
  REQUIRE(later.ok());
  CHECK(later->at(0).opened);

}

TEST_CASE("two cold valves of a building are two valves, not the building") {
  Fixture f;
  for (const char* trv : {"trv-1", "trv-2", "trv-3", "trv-4"}) {
    const bool cold = std::string(trv) < "trv-3";
    f.series(trv, "setpoint", 6, [](int) { return 20; });
    f.series(trv, "valve", 6, [cold](int) { return cold ? 100 : 40; });
    f.series(trv, "temperature", 6, [cold](int m) { return cold ? 16.5 - m / 200.0 : 19.6 + (m % 30) / 100.0; });
  }
  auto d = diagnose(*f.db, f.t(0), f.t(6 * 60), f.settings);
  REQUIRE(d.ok());
  CHECK(Fixture::kinds(d->findings) == std::set<std::string>{"valve-stuck-open"});
  CHECK(d->findings.size() == 2);
  auto opened = open_building_requests(*f.db, *d, "ghd-daily", f.t(6 * 60));
  REQUIRE(opened.ok());
  CHECK(opened->empty());
}

TEST_CASE("debug: last frame and last change of each metric, gaps") {
  Fixture f;
  f.series("trv-1", "temperature", 6, [](int m) { return m < 120 ? 19.0 : 20.5; });
  f.series("trv-1", "battery", 6, [](int) { return 80; }, 60);
  const AuditEntry reader{f.t(360), "support", "", "", "", "ticket 42"};
  auto g = debug_device(*f.db, "FO-B12-0304/salon-trv", f.t(0), f.t(360), f.settings, reader);
  REQUIRE(g.ok());
  CHECK(g->health.device.device_id == "trv-1");
  std::map<std::string, MetricState> by_metric;
  for (const auto& m : g->metrics) by_metric[m.metric] = m;
  CHECK(*by_metric["temperature"].last_frame == f.t(360));
  CHECK(by_metric["temperature"].last_value == 20.5);
  CHECK(*by_metric["temperature"].last_change == f.t(120));
  CHECK(by_metric["temperature"].readings == 73);
  CHECK_FALSE(by_metric["valve"].last_frame.has_value());
  CHECK(*g->battery.level == 80);
  CHECK(g->gaps.empty());
  CHECK(debug_device(*f.db, "nope", f.t(0), f.t(360), f.settings, reader).status().code() == ExitCode::data_error);
}

TEST_CASE("the simulator's faults are found, each of them and nothing else") {
  test::TempDir dir;
  SimulationSpec spec;
  spec.from = *parse_instant("2026-11-27T00:00:00+01:00");
  spec.to = *parse_instant("2026-11-30T07:00:00+01:00");
  spec.step = std::chrono::minutes{15};
  const bool faults = GENERATE(true, false);
  spec.faults = faults;
  std::ostringstream readings;
  Simulation sim;
  REQUIRE(simulate(spec, readings, sim).ok());
  auto db = std::move(*Database::open(dir.file("sim.db")));
  RegistryImportReport reg;
  REQUIRE(import_registry(*db, "devices.csv", sim.registry_csv, reg).ok());
  for (const auto& d : sim.consenting)
    REQUIRE(grant_consent(*db, d, {"activity", "temperature"}, "CONS", "test", spec.from - std::chrono::hours{24}).ok());
  IngestReport ingested;
  REQUIRE(ingest_readings(*db, "readings.csv", readings.str(), ReadingFormat::csv, spec.to, ingested).ok());
  CHECK(ingested.added == sim.readings);
  CHECK(ingested.quarantined == 0);

  std::set<std::pair<std::string, std::string>> expected_findings, expected_alerts;
  for (const auto& f : sim.truth) {
    if (f.expected == "inactivity" || f.expected == "too-cold") expected_alerts.insert({f.expected, f.target});
    else expected_findings.insert({f.expected, f.target});
  }
  CHECK(expected_findings.size() == (faults ? 5u : 0u));

  auto d = diagnose(*db, spec.from, spec.to, DiagnosticSettings{});
  REQUIRE(d.ok());
  std::set<std::pair<std::string, std::string>> found;
  for (const auto& f : d->findings) found.insert({f.diagnostic, f.device_id.empty() ? f.building : f.device_id});
  CHECK(found == expected_findings);

  // The hourly checks through the period, from a day in (the tenants'
  // pattern needs some history).
  std::set<std::pair<std::string, std::string>> alerts;
  for (Instant t = spec.from + std::chrono::hours{24}; t <= spec.to; t += std::chrono::hours{1}) {
    CheckReport report;
    REQUIRE(run_checks(*db, CheckSettings{}, t, report).ok());
    for (const auto& a : report.raised) alerts.insert({a.kind, a.dwelling});
  }
  CHECK(alerts == expected_alerts);
  if (faults) CHECK(expected_alerts.size() > 1);
}
