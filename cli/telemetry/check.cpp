#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/telemetry/commands.h"
#include "store/consent_store.h"
#include "telemetry/checks.h"
#include "telemetry/render.h"

namespace ghd::cli {

namespace {
CheckSettings settings_of(const Config& c) {
  const auto& k = c.checks;
  return {k.inactivity_ceiling_hours, k.inactivity_usual_hours, k.cold_below, k.hot_above, k.temperature_hours,
          k.sensors_silent_hours};
}
}  // namespace

void add_check_command(Tool& tool) {
  auto format = std::make_shared<std::string>();
  CLI::App* cmd = tool.command(
      "check", "The levée de doute checks of consenting dwellings; new alerts are stored and printed",
      [format](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db());
        CheckReport report;
        GHD_TRY(run_checks(*db, settings_of(ctx.config), ctx.now(), report));
        return emit(render_check_report(report, *format), "");
      });
  add_format(cmd, *format, {"text", "json"});
  tool.add_as_of(cmd);
}

void add_alerts_command(Tool& tool) {
  struct Args {
    bool all = false;
    std::string format, why;
  };
  auto a = std::make_shared<Args>();
  CLI::App* alerts = tool.command("alerts", "The open alerts of the checks (every look is logged)",
                                  [a](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(list, list_alerts(*db, a->all));
    try {
      ConsentStore(*db).audit({ctx.now(), ctx.actor, "read-alerts", "", "", a->why});
    } catch (const SQLite::Exception& e) {
      return sqlite_status(e, db->path());
    }
    return emit(render_alerts(list, a->format), "");
  });
  alerts->add_flag("--all", a->all, "Acknowledged alerts too");
  alerts->add_option("--why", a->why, "Why they are looked at (recorded in the audit log)");
  add_format(alerts, a->format, {"table", "json"});

  struct AckArgs {
    long long id = 0;
    std::string note;
  };
  auto k = std::make_shared<AckArgs>();
  CLI::App* ack = alerts->add_subcommand("ack", "Acknowledge an alert once handled (it may then be raised again)");
  ack->add_option("ID", k->id, "Alert number")->required();
  ack->add_option("--note", k->note, "What was done (called the tenant, visit, ...)");
  tool.add_as_of(ack);
  tool.bind(ack, [k](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_TRY(acknowledge_alert(*db, k->id, ctx.actor, k->note, ctx.now()));
    std::cout << fmt::format("alert {} acknowledged\n", k->id);
    return Status::Ok();
  });
}

}  // namespace ghd::cli
