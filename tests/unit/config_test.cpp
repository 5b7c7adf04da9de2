#include <catch2/catch.hpp>

#include "config/config.h"
#include "helpers.h"

using namespace ghd;
using ghd::test::TempDir;

TEST_CASE("an empty config is all defaults") {
  auto c = parse_config("", "ghd.yaml");
  REQUIRE(c.ok());
  CHECK(c->mappings.count("virtual-agency") == 1);
  CHECK(c->default_mapping == "virtual-agency");
}

TEST_CASE("unknown keys are errors with file, line and column") {
  auto c = parse_config("database: x.db\ncalendar:\n  alsace_moselle: false\n  closures: []\n  holyday: true\n",
                        "/etc/ghd/ghd.yaml");
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().code() == ExitCode::config);
  CHECK_THAT(c.status().message(), Catch::StartsWith("/etc/ghd/ghd.yaml:5:3: unknown key 'holyday' in 'calendar'"));
  auto top = parse_config("databse: x.db\n", "g.yaml");
  CHECK_THAT(top.status().message(), Catch::StartsWith("g.yaml:1:1: unknown key 'databse'"));
}

TEST_CASE("values are checked where they stand") {
  CHECK_THAT(parse_config("calendar:\n  alsace_moselle: maybe\n", "g.yaml").status().message(),
             Catch::StartsWith("g.yaml:2:19: 'alsace_moselle' must be true or false"));
  CHECK_THAT(parse_config("calendar:\n  closures:\n    - from: 2026-13-01\n", "g.yaml").status().message(),
             Catch::StartsWith("g.yaml:3:13: invalid time"));
  CHECK_THAT(parse_config("import:\n  mappings:\n    x:\n      columns: {received_at: D, message: M, category: C, colour: Z}\n      channel: phone\n",
                          "g.yaml")
                 .status()
                 .message(),
             Catch::Contains("unknown field 'colour'"));
  CHECK_THAT(parse_config("import:\n  default_mapping: nope\n", "g.yaml").status().message(),
             Catch::Contains("unknown mapping 'nope'"));
  CHECK_THAT(parse_config("database: [1\n", "g.yaml").status().message(), Catch::StartsWith("g.yaml:"));
}

TEST_CASE("closures and holiday settings reach the calendar") {
  auto c = parse_config("calendar:\n  alsace_moselle: true\n  closures:\n    - {from: 2026-05-15, reason: Pont}\n", "g");
  REQUIRE(c.ok());
  const auto cal = c->business_days();
  using namespace std::chrono;
  CHECK(*cal.why_closed(2026y / May / 15) == "Pont");
  CHECK(*cal.why_closed(2026y / December / 26) == "samedi");
  CHECK(*cal.why_closed(2026y / April / 3) == "Vendredi saint");
}

TEST_CASE("the config file is found in the documented order; the database path too") {
  TempDir dir;
  const std::string explicit_file = dir.write("explicit.yaml", "database: from-explicit.db\n");
  const std::string env_file = dir.write("env.yaml", "database: /data/from-env.db\n");
  std::filesystem::create_directories(dir.file("cwd"));
  dir.write("cwd/ghd.yaml", "database: from-cwd.db\n");
  Environment env;
  env.cwd = dir.file("cwd");
  env.vars["GHD_CONFIG"] = env_file;
  CHECK(*find_config_file(explicit_file, env) == explicit_file);
  CHECK(*find_config_file("", env) == env_file);
  env.vars.erase("GHD_CONFIG");
  CHECK(*find_config_file("", env) == dir.file("cwd") + "/ghd.yaml");
  env.cwd = dir.file("elsewhere");
  std::filesystem::create_directories(dir.file("xdg/ghd"));
  dir.write("xdg/ghd/ghd.yaml", "");
  env.vars["XDG_CONFIG_HOME"] = dir.file("xdg");
  CHECK(*find_config_file("", env) == dir.file("xdg") + "/ghd/ghd.yaml");
  CHECK(find_config_file(dir.file("missing.yaml"), env).status().code() == ExitCode::no_input);

  // Relative database paths are relative to the config file.
  auto c = load_config(explicit_file, "", env);
  REQUIRE(c.ok());
  CHECK(c->database == dir.file("from-explicit.db"));
  env.vars["GHD_DB"] = "/tmp/env.db";
  CHECK(load_config(explicit_file, "", env)->database == "/tmp/env.db");
  CHECK(load_config(explicit_file, "/tmp/flag.db", env)->database == "/tmp/flag.db");
}

TEST_CASE("the diagnostics' thresholds come from telemetry.diagnostics") {
  auto c = parse_config("telemetry:\n  diagnostics:\n    frozen_hours: 8\n    building_min_devices: 5\n", "g.yaml");
  REQUIRE(c.ok());
  CHECK(c->diagnostics.frozen_hours == 8);
  CHECK(c->diagnostics.building_min_devices == 5);
  CHECK(c->diagnostics.stuck_hours == 4);  // the default stays
  CHECK_THAT(parse_config("telemetry:\n  diagnostics:\n    frozen_hour: 8\n", "g.yaml").status().message(),
             Catch::StartsWith("g.yaml:3:5: unknown key 'frozen_hour' in 'telemetry.diagnostics'"));
  CHECK_THAT(parse_config("telemetry:\n  diagnostics:\n    building_min_devices: 2.5\n", "g.yaml").status().message(),
             Catch::StartsWith("g.yaml:3:27: 'building_min_devices' must be a whole number"));
  CHECK_THAT(parse_config("telemetry:\n  diagnostics:\n    valve_open: 140\n", "g.yaml").status().message(),
             Catch::Contains("'valve_open' must be a number between 1 and 100"));
}
