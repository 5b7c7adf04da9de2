#include <catch2/catch.hpp>

#include "telemetry/chunk.h"

using namespace ghd;

TEST_CASE("a day of readings round-trips through a compact block") {
  const std::int64_t day = 1796000000;
  std::vector<Sample> samples;
  for (int i = 0; i < 288; ++i) samples.push_back({day + i * 300 + (i % 7), 19.5 + (i % 10) * 0.1});
  const std::string blob = encode_chunk(samples, day);
  CHECK(blob.size() < samples.size() * 4);  // a few bytes a reading
  auto back = decode_chunk(blob, day);
  REQUIRE(back.ok());
  REQUIRE(back->size() == samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    CHECK(back->at(i).t == samples[i].t);
    CHECK(back->at(i).value == Approx(samples[i].value).margin(1e-9));
  }
}

TEST_CASE("values no decimal scale holds are kept as doubles") {
  const std::vector<Sample> samples = {{10, 1.0 / 3}, {20, -2.5e-9}, {30, 123456789.125}};
  auto back = decode_chunk(encode_chunk(samples, 0), 0);
  REQUIRE(back.ok());
  CHECK(back->at(0).value == samples[0].value);
  CHECK(back->at(1).value == samples[1].value);
  CHECK(back->at(2).value == samples[2].value);
  CHECK_FALSE(decode_chunk("\x01\x00\x05", 0).ok());  // truncated
  CHECK_FALSE(decode_chunk("garbage", 0).ok());
}

TEST_CASE("merging keeps one reading per instant, the first one held") {
  std::vector<Sample> held = {{100, 1}, {300, 3}};
  const auto r = merge_samples(held, {{200, 2}, {100, 9}, {400, 4}, {200, 7}});
  CHECK(r.added == 2);
  CHECK(r.duplicates == 2);
  REQUIRE(held.size() == 4);
  CHECK(held[0].value == 1);  // the stored value wins
  CHECK(held[1].value == 2);  // the first of two in one batch wins
  CHECK(held[3].t == 400);
}

#include "telemetry/rollup.h"

namespace {
std::int64_t local_day(const char* date) {
  return std::chrono::sys_days{*ghd::parse_date(date)}.time_since_epoch().count();
}
std::int64_t at(const char* iso) { return ghd::to_unix(*ghd::parse_instant(iso)); }
}  // namespace

TEST_CASE("roll-ups are time-weighted, per hour and per local day") {
  const auto day = local_day("2026-11-30");
  // 10 °C for 45 minutes then 20 °C for 15 minutes: the hour's mean is 12.5.
  const std::vector<Sample> s = {{at("2026-11-30T08:00"), 10}, {at("2026-11-30T08:45"), 20}, {at("2026-11-30T09:30"), 18}};
  const auto r = rollup_day(s, day);
  REQUIRE(r.hourly.size() == 2);
  CHECK(r.hourly[0].start == at("2026-11-30T08:00"));
  CHECK(r.hourly[0].mean == Approx(12.5));
  CHECK(r.hourly[0].count == 2);
  CHECK(r.hourly[0].first == 10);
  CHECK(r.hourly[0].last == 20);
  CHECK(r.hourly[1].mean == 18);
  CHECK(r.daily.count == 3);
  CHECK(r.daily.min == 10);
  CHECK(r.daily.max == 20);
}

TEST_CASE("days of 23 and 25 hours") {
  for (const char* date : {"2026-03-29", "2026-10-25"}) {
    const auto day = local_day(date);
    const std::int64_t start = to_unix(paris::start_of_day(*parse_date(date)));
    std::vector<Sample> s;
    for (std::int64_t t = start; to_unix(paris::start_of_day(paris::local_date(from_unix(t)))) == start; t += 3600)
      s.push_back({t, 1});
    const auto r = rollup_day(s, day);
    CHECK(r.hourly.size() == (std::string(date) == "2026-03-29" ? 23u : 25u));
    CHECK(r.daily.count == long(r.hourly.size()));
  }
}

#include "helpers.h"
#include "housing/stock.h"
#include "store/telemetry_store.h"
#include "telemetry/ingest.h"
#include "telemetry/registry.h"
#include "telemetry/consent.h"

namespace {

const char* kRegistry =
    "device_id,kind,model,dwelling,room,installed_at,friendly_name\n"
    "trv-0412,trv,Danfoss Ally 014G2461,FO-B12-0304,salon,2023-09-18,FO-B12-0304/salon-trv\n"
    "trv-0413,trv,Tuya TS0601,FO-B12-0304,chambre,2023-09-18,FO-B12-0304/chambre-trv\n"
    "mot-0001,motion,Aqara RTCGQ11LM,FO-B12-0304,entree,2023-09-18,FO-B12-0304/entree-motion\n"
    "door-0001,door,Aqara MCCGQ11LM,FO-B12-0304,entree,2023-09-18,FO-B12-0304/entree-door\n"
    "pv-0001,pv-meter,Fronius,,building:FO-B12,2024-05-01,FO-B12/pv\n";

struct TelemetryFixture {
  ghd::test::TempDir dir;
  std::unique_ptr<Database> db = std::move(*Database::open(dir.file("ghd.db")));
  TelemetryFixture() {
    RegistryImportReport r;
    REQUIRE(import_registry(*db, "registry.csv", kRegistry, r).ok());
  }
  IngestReport ingest(const std::string& text, ReadingFormat f = ReadingFormat::automatic,
                      const char* now = "2026-11-30T12:00:00Z") {
    IngestReport report;
    const Status s = ingest_readings(*db, "readings", text, f, *parse_instant(now), report);
    if (!s.ok()) FAIL(s.message());
    return report;
  }
  long long device(const char* id) {
    const auto devices = TelemetryStore(*db).devices();
    REQUIRE(devices.ok());
    for (const auto& d : *devices)
      if (d.device_id == id) return d.id;
    FAIL("no device " << id);
    return 0;
  }
  std::vector<Sample> day(const char* id, const char* metric, const char* date) {
    auto samples = TelemetryStore(*db).day_samples(device(id), metric, local_day(date));
    REQUIRE(samples.ok());
    REQUIRE_FALSE(samples->empty());
    return *samples;
  }
};

}  // namespace

TEST_CASE("the device registry") {
  TelemetryFixture f;
  const auto devices = *TelemetryStore(*f.db).devices();
  REQUIRE(devices.size() == 5);
  CHECK(devices[0].device_id == "door-0001");
  const auto pv = std::find_if(devices.begin(), devices.end(), [](const Device& d) { return d.kind == "pv-meter"; });
  CHECK(pv->building == "FO-B12");
  CHECK(std::find_if(devices.begin(), devices.end(), [](const Device& d) { return d.device_id == "trv-0412"; })
            ->building == "FO-B12");
  RegistryImportReport r;
  const Status bad = import_registry(*f.db, "r.csv",
                                     "device_id,kind,model,dwelling,room,installed_at,friendly_name\n"
                                     "x-1,toaster,m,FO-B12-0304,salon,2023-09-18,a\n"
                                     "x-2,trv,m,,salon,2023-09-18,b\n"
                                     "x-3,trv,m,FO-B12-0304,salon,18/09/2023,c\n",
                                     r);
  CHECK(bad.code() == ExitCode::data_error);
  REQUIRE(r.errors.size() == 3);
  CHECK_THAT(r.errors[0], Catch::StartsWith("r.csv:2: unknown kind 'toaster'"));
  CHECK_THAT(r.errors[1], Catch::StartsWith("r.csv:3: a device without a dwelling"));
  CHECK_THAT(r.errors[2], Catch::StartsWith("r.csv:4: installed_at"));
  CHECK(TelemetryStore(*f.db).devices()->size() == 5);
}

TEST_CASE("long CSV: readings stored, duplicates and disorder absorbed, every bad reading quarantined") {
  TelemetryFixture f;
  auto r = f.ingest(
      "timestamp,device_id,metric,value\n"
      "2026-11-30T06:10:00Z,trv-0412,temperature,19.5\n"
      "2026-11-30T06:05:00Z,trv-0412,temperature,19.0\n"   // out of order
      "2026-11-30T06:10:00Z,trv-0412,temperature,19.5\n"   // repeated
      "2026-11-30T06:10:00+01:00,trv-0412,valve,35\n"
      "2026-11-30T06:15:00Z,trv-9999,temperature,19.0\n"   // unknown device
      "2026-11-30T06:15:00Z,trv-0412,colour,3\n"           // unknown metric
      "2026-11-30T06:15:00Z,trv-0412,motion,1\n"           // not a metric of a valve
      "2026-11-30T06:15:00Z,trv-0412,temperature,85\n"     // impossible indoors
      "2026-11-30T06:15:00Z,trv-0412,valve,140\n"          // impossible
      "2026-12-30T06:15:00Z,trv-0412,valve,40\n"           // in the future
      "2023-01-01T06:15:00Z,trv-0412,valve,40\n"           // before installation
      "yesterday,trv-0412,valve,40\n"                      // bad time
      "2026-11-30T06:15:00Z,trv-0412,valve,forty\n"        // bad value
      "2026-11-30T06:15:00Z,trv-0412\n");                  // bad line
  CHECK(r.format == ReadingFormat::csv);
  CHECK(r.added == 3);
  CHECK(r.duplicates == 1);
  CHECK(r.quarantined == 10);
  for (const char* reason : {"unknown-device", "unknown-metric", "metric-not-of-kind", "future",
                             "before-installation", "bad-time", "bad-value", "bad-line"})
    CHECK(r.quarantined_by_reason[reason] == 1);
  CHECK(r.quarantined_by_reason["impossible-value"] == 2);
  const auto temps = f.day("trv-0412", "temperature", "2026-11-30");
  REQUIRE(temps.size() == 2);
  CHECK(temps[0].value == 19.0);
  const auto q = *TelemetryStore(*f.db).quarantined("unknown-device", 0);
  REQUIRE(q.size() == 1);
  CHECK(q[0].line == 6);
  CHECK(q[0].file == "readings");
  // The same file again: nothing new, the duplicates counted.
  auto again = f.ingest("timestamp,device_id,metric,value\n2026-11-30T06:10:00Z,trv-0412,temperature,19.5\n");
  CHECK(again.added == 0);
  CHECK(again.duplicates == 1);
}

TEST_CASE("Zigbee2MQTT JSON Lines, untidy payloads included") {
  TelemetryFixture f;
  REQUIRE(grant_consent(*f.db, "FO-B12-0304", {"activity"}, "CONS-1", "test", *parse_instant("2026-01-01")).ok());
  auto r = f.ingest(
      R"({"time":"2026-11-30T06:05:12Z","topic":"zigbee2mqtt/FO-B12-0304/salon-trv","payload":{"local_temperature":19.5,"occupied_heating_setpoint":20,"pi_heating_demand":35,"battery":87,"linkquality":120,"window_open":false,"system_status_code":"ok"}})"
      "\n"
      R"({"time":"2026-11-30T06:05:12Z","topic":"zigbee2mqtt/FO-B12-0304/chambre-trv","payload":{"local_temperature":"27.0","position":255,"battery_low":false}})"
      "\n"
      R"({"time":"2026-11-30T06:06:00Z","topic":"zigbee2mqtt/FO-B12-0304/entree-motion","payload":{"occupancy":true}})"
      "\n"
      R"({"time":"2026-11-30T06:07:00Z","topic":"zigbee2mqtt/FO-B12-0304/entree-door","payload":{"contact":false}})"
      "\n"
      R"({"time":"2026-11-30T06:07:00Z","topic":"zigbee2mqtt/FO-B12/pv","payload":{"energy":1234.5,"power":800}})"
      "\n"
      "{not json\n");
  CHECK(r.format == ReadingFormat::jsonl);
  CHECK(r.added == 12);
  CHECK(r.quarantined_by_reason["bad-line"] == 1);
  // What the devices say of themselves is kept as events, not ignored.
  CHECK(r.events == 2);
  CHECK(r.ignored_keys.count("system_status_code") == 0);
  CHECK(r.ignored_keys.count("battery_low") == 0);
  CHECK(f.day("trv-0413", "temperature", "2026-11-30")[0].value == 27.0);  // a number sent as a string
  CHECK(f.day("trv-0413", "valve", "2026-11-30")[0].value == Approx(100.0));  // 0-255 model
  CHECK(f.day("door-0001", "door", "2026-11-30")[0].value == 1);            // contact lost: open
  CHECK(f.day("pv-0001", "energy", "2026-11-30")[0].value == 1234500);      // kWh -> Wh
}

TEST_CASE("ingest maintains hourly and daily roll-ups") {
  TelemetryFixture f;
  f.ingest("timestamp,device_id,metric,value\n"
           "2026-11-30T08:00:00+01:00,trv-0412,temperature,10\n"
           "2026-11-30T08:45:00+01:00,trv-0412,temperature,20\n");
  TelemetryStore store(*f.db);
  auto hours = *store.rollups(f.device("trv-0412"), "temperature", false, 0, INT64_MAX);
  REQUIRE(hours.size() == 1);
  CHECK(hours[0].mean == Approx(12.5));
  // A late reading of the same hour updates it.
  f.ingest("timestamp,device_id,metric,value\n2026-11-30T08:30:00+01:00,trv-0412,temperature,30\n");
  hours = *store.rollups(f.device("trv-0412"), "temperature", false, 0, INT64_MAX);
  CHECK(hours[0].count == 3);
  CHECK(hours[0].mean == Approx((10 * 30 + 30 * 15 + 20 * 15) / 60.0));
  const auto days = *store.rollups(f.device("trv-0412"), "temperature", true, 0, INT64_MAX);
  REQUIRE(days.size() == 1);
  CHECK(days[0].max == 30);
}

#include "telemetry/counters.h"
#include <fmt/format.h>
#include "telemetry/consent.h"
#include "store/consent_store.h"

TEST_CASE("activity is processed only under consent; withdrawal stops it at once; purge deletes it") {
  TelemetryFixture f;
  auto motion = [](const char* time) {
    return std::string("timestamp,device_id,metric,value\n") + time + ",mot-0001,motion,1\n" + time +
           ",trv-0412,temperature,20\n";
  };
  auto r = f.ingest(motion("2026-11-01T10:00:00Z"));
  CHECK(r.not_consented == 1);  // no consent: not stored, counted
  CHECK(r.added == 1);          // the temperature of the valve is
  REQUIRE(grant_consent(*f.db, "FO-B12-0304", {"activity", "temperature"}, "CONS-2026-17", "alice",
                        *parse_instant("2026-11-10T09:00:00Z")).ok());
  CHECK(grant_consent(*f.db, "FO-B12-0304", {"gps"}, "X", "alice", *parse_instant("2026-11-10T09:00:00Z")).code() ==
        ExitCode::usage);
  CHECK(grant_consent(*f.db, "FO-B12-0304", {"activity"}, "", "alice", *parse_instant("2026-11-10")).code() ==
        ExitCode::usage);
  r = f.ingest(motion("2026-11-01T11:00:00Z"));  // before the consent
  CHECK(r.not_consented == 1);
  r = f.ingest(motion("2026-11-20T10:00:00Z"));
  CHECK(r.not_consented == 0);
  CHECK(r.added == 2);
  REQUIRE(revoke_consent(*f.db, "FO-B12-0304", "bob", *parse_instant("2026-11-25T08:00:00Z")).ok());
  CHECK(revoke_consent(*f.db, "FO-B12-0304", "bob", *parse_instant("2026-11-25T08:00:00Z")).code() ==
        ExitCode::data_error);
  r = f.ingest(motion("2026-11-25T09:00:00Z"));  // at once
  CHECK(r.not_consented == 1);
  // After the delay the stored activity goes; the temperatures stay.
  ConsentStore consents(*f.db);
  CHECK(consents.purge_revoked_before(*parse_instant("2026-11-20T00:00:00Z"), *parse_instant("2026-11-20")) == 0);
  CHECK(consents.purge_revoked_before(*parse_instant("2026-12-26T00:00:00Z"), *parse_instant("2026-12-26")) == 1);
  CHECK(TelemetryStore(*f.db).day_samples(f.device("mot-0001"), "motion", local_day("2026-11-20"))->empty());
  CHECK_FALSE(TelemetryStore(*f.db).day_samples(f.device("trv-0412"), "temperature", local_day("2026-11-20"))->empty());
  const auto log = *consents.audit_log("FO-B12-0304", *parse_instant("2026-01-01"));
  REQUIRE(log.size() == 2);
  CHECK(log[0].action == "consent-grant");
  CHECK(log[1].actor == "bob");
}

TEST_CASE("consumption from a counter survives resets and replacements") {
  // 1000 -> 1500 (+500), replaced: 20 (+20), -> 120 (+100), read back 119 (0), -> 130 (+11)
  const std::vector<Sample> index = {{1, 1000}, {2, 1500}, {3, 20}, {4, 120}, {5, 119}, {6, 130}};
  const auto steps = counter_steps(index);
  REQUIRE(steps.size() == 5);
  CHECK(steps[1].reset);
  CHECK(steps[1].consumed == 20);
  CHECK_FALSE(steps[3].reset);
  CHECK(steps[3].consumed == 0);
  CHECK(consumption(index) == Approx(631));
  CHECK(consumption({}) == 0);
  CHECK(consumption({{1, 5}}) == 0);
}

#include "telemetry/health.h"

TEST_CASE("fleet health: offline from the device's own rhythm, batteries, links") {
  TelemetryFixture f;
  // trv-0412 reports every 5 minutes until 10:00, with a low battery and a weak link.
  std::string csv = "timestamp,device_id,metric,value\n";
  for (int m = 0; m <= 120; m += 5)
    csv += fmt::format("2026-11-30T{:02}:{:02}:00+01:00,trv-0412,temperature,20\n", 8 + m / 60, m % 60);
  csv += "2026-11-30T10:00:00+01:00,trv-0412,battery,15\n2026-11-30T10:00:00+01:00,trv-0412,linkquality,20\n";
  // The PV meter reports every 15 minutes.
  for (int m = 0; m <= 120; m += 15)
    csv += fmt::format("2026-11-30T{:02}:{:02}:00+01:00,pv-0001,power,{}\n", 8 + m / 60, m % 60, 100 + m);
  f.ingest(csv);
  auto health = [&](const char* when, const char* device) {
    const auto fleet = fleet_health(*f.db, *parse_instant(when), HealthThresholds{});
    REQUIRE(fleet.ok());
    for (const auto& h : *fleet)
      if (h.device.device_id == device) return h;
    FAIL("no device");
    return DeviceHealth{};
  };
  auto trv = health("2026-11-30T10:20:00+01:00", "trv-0412");
  CHECK(trv.online);  // 20 minutes: under 30 minutes
  CHECK(trv.rhythm == std::chrono::minutes{5});
  CHECK(std::find(trv.problems.begin(), trv.problems.end(), "battery-low") != trv.problems.end());
  CHECK(std::find(trv.problems.begin(), trv.problems.end(), "link-weak") != trv.problems.end());
  trv = health("2026-11-30T10:31:00+01:00", "trv-0412");
  CHECK_FALSE(trv.online);
  CHECK(trv.problems.front() == "offline");
  // Seen as it was at 09:00: online, and nothing after 09:00 counts.
  trv = health("2026-11-30T09:00:00+01:00", "trv-0412");
  CHECK(trv.online);
  CHECK(format_iso(*trv.last_seen) == "2026-11-30T09:00:00+01:00");
  auto pv = health("2026-11-30T10:40:00+01:00", "pv-0001");
  CHECK(pv.rhythm == std::chrono::minutes{15});
  CHECK(pv.online);  // 40 minutes of silence: under 3 x 15
  CHECK_FALSE(health("2026-11-30T10:46:00+01:00", "pv-0001").online);
  CHECK(health("2026-11-30T10:00:00+01:00", "trv-0413").problems == std::vector<std::string>{"never-seen"});
}

#include "telemetry/checks.h"

TEST_CASE("levée de doute: inactivity against the tenant's pattern, cold, silent sensors, consent first") {
  TelemetryFixture f;
  RegistryImportReport rr;
  REQUIRE(import_registry(*f.db, "r2.csv",
                          "device_id,kind,model,dwelling,room,installed_at,friendly_name\n"
                          "rs-0001,room-sensor,Aqara,FO-B12-0304,sejour,2023-09-18,\n"
                          "mot-0002,motion,Aqara,FO-B11-0101,entree,2023-09-18,\n",
                          rr).ok());
  // Four weeks of a tenant active at 8, 9, 10, 12, 14, 17 and 19 h.
  std::string csv = "timestamp,device_id,metric,value\n";
  for (int day = 2; day <= 29; ++day)
    for (int h : {8, 9, 10, 12, 14, 17, 19})
      csv += fmt::format("2026-11-{:02}T{:02}:10:00+01:00,mot-0001,motion,1\n", day, h);
  csv += "2026-11-30T08:10:00+01:00,mot-0001,motion,1\n2026-11-30T08:10:00+01:00,mot-0001,battery,90\n";
  for (int h = 10; h <= 12; ++h)
    for (int m = 0; m < 60; m += 15) csv += fmt::format("2026-11-30T{:02}:{:02}:00+01:00,rs-0001,temperature,15\n", h, m);
  csv += "2026-11-28T10:00:00+01:00,mot-0002,motion,1\n";
  REQUIRE(grant_consent(*f.db, "FO-B12-0304", {"activity", "temperature"}, "CONS-1", "alice",
                        *parse_instant("2026-10-01")).ok());
  REQUIRE(grant_consent(*f.db, "FO-B11-0101", {"activity"}, "CONS-2", "alice", *parse_instant("2026-10-01")).ok());
  f.ingest(csv, ReadingFormat::csv, "2026-12-01T00:00:00Z");

  auto check = [&](const char* when) {
    CheckReport r;
    REQUIRE(run_checks(*f.db, CheckSettings{}, *parse_instant(when), r).ok());
    return r;
  };
  auto kinds = [](const CheckReport& r) {
    std::vector<std::string> k;
    for (const auto& a : r.raised) k.push_back(a.dwelling + " " + a.kind);
    std::sort(k.begin(), k.end());
    return k;
  };
  // 09:30: nothing unusual yet; the other dwelling's sensor is silent since Saturday.
  auto r = check("2026-11-30T09:30:00+01:00");
  CHECK(r.dwellings == 2);
  CHECK(kinds(r) == std::vector<std::string>{"FO-B11-0101 sensors-silent"});
  // 13:30: 9, 10 and 12 h passed without activity, and the living room is at 15 °C since 10:00.
  r = check("2026-11-30T13:30:00+01:00");
  CHECK(kinds(r) == std::vector<std::string>{"FO-B12-0304 inactivity", "FO-B12-0304 too-cold"});
  CHECK(r.still_open == 1);  // the silent sensors: already raised
  const auto inactivity = std::find_if(r.raised.begin(), r.raised.end(), [](const Alert& a) { return a.kind == "inactivity"; });
  CHECK_THAT(inactivity->evidence, Catch::Contains("last motion or door event 2026-11-30 08:10"));
  CHECK_THAT(inactivity->evidence, Catch::Contains("usually active at: 8h 9h 10h 12h 14h 17h 19h"));
  // Not raised again while open; raised again once acknowledged.
  CHECK(check("2026-11-30T14:30:00+01:00").raised.empty());
  REQUIRE(acknowledge_alert(*f.db, inactivity->id, "bob", "appel: tout va bien", *parse_instant("2026-11-30T14:40:00+01:00")).ok());
  CHECK(acknowledge_alert(*f.db, inactivity->id, "bob", "", *parse_instant("2026-11-30T14:41:00+01:00")).code() ==
        ExitCode::data_error);
  CHECK(kinds(check("2026-11-30T15:30:00+01:00")) == std::vector<std::string>{"FO-B12-0304 inactivity"});
  // Without consent, nothing is checked.
  REQUIRE(revoke_consent(*f.db, "FO-B12-0304", "bob", *parse_instant("2026-11-30T16:00:00+01:00")).ok());
  const auto open = list_alerts(*f.db, false);
  REQUIRE(open.ok());
  for (const auto& a : *open)
    REQUIRE(acknowledge_alert(*f.db, a.id, "bob", "", *parse_instant("2026-11-30T16:02:00+01:00")).ok());
  r = check("2026-11-30T20:30:00+01:00");
  CHECK(r.dwellings == 1);
  for (const auto& a : r.raised) CHECK(a.dwelling != "FO-B12-0304");
}
