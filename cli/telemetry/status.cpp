#include <memory>

#include "cli/telemetry/commands.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_status_command(Tool& tool) {
  struct Args {
    std::string building, format;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "status", "The fleet at a glance: online, offline, low batteries, weak links, faults of the last 24 h, by building",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(fleet, fleet_health(*db, ctx.now(), ctx.config.diagnostics.health));
        // Faults of the last 24 hours.
        GHD_ASSIGN(diagnosis, diagnose(*db, ctx.now() - std::chrono::hours{24}, ctx.now(), ctx.config.diagnostics,
                                       args->building));
        return emit(render_status(fleet, diagnosis.findings, args->building, args->format), "");
      });
  cmd->add_option("--building", args->building, "Only this building");
  add_format(cmd, args->format, {"table", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
