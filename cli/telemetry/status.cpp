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
      "status", "The fleet at a glance: online, offline, low batteries, weak links, by building",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(fleet, fleet_health(*db, ctx.now(), HealthThresholds{}));
        return emit(render_status(fleet, args->building, args->format), "");
      });
  cmd->add_option("--building", args->building, "Only this building");
  add_format(cmd, args->format, {"table", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
