#include <memory>

#include "calendar/time_spec.h"
#include "cli/telemetry/commands.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_diagnose_command(Tool& tool) {
  struct Args {
    std::string building, since, format;
    bool dry_run = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "diagnose",
      "Device diagnostics over a window, by building; a building's heating failure opens one request",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(since, resolve_time_spec(args->since.empty() ? "24h" : args->since, Bound::lower, ctx.now(),
                                            ctx.config.business_days()));
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(diagnosis, diagnose(*db, since, ctx.now(), ctx.config.diagnostics, args->building));
        std::vector<BuildingRequest> requests;
        if (!args->dry_run) {
          GHD_ASSIGN(opened, open_building_requests(*db, diagnosis, ctx.actor, ctx.now()));
          requests = std::move(opened);
        }
        return emit(render_diagnosis(diagnosis, requests, args->format), "");
      });
  cmd->add_option("--building", args->building, "Only this building");
  cmd->add_option("--since", args->since, "Start of the window looked at (default: 24h)");
  cmd->add_flag("-n,--dry-run", args->dry_run, "Open no request for a building fault");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
