#include <memory>

#include "calendar/time_spec.h"
#include "cli/telemetry/commands.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_debug_command(Tool& tool) {
  struct Args {
    std::string device, since, format, why;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "debug", "One device on one screen: last frame and change per metric, battery, link, gaps, diagnostics",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(since, resolve_time_spec(args->since.empty() ? "7d" : args->since, Bound::lower, ctx.now(),
                                            ctx.config.business_days()));
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        const AuditEntry reader{ctx.now(), ctx.actor, "", "", "", args->why};
        GHD_ASSIGN(debug, debug_device(*db, args->device, since, ctx.now(), ctx.config.diagnostics, reader));
        return emit(render_debug(debug, args->format), "");
      });
  cmd->add_option("DEVICE", args->device, "Device id or friendly name")->required();
  cmd->add_option("--since", args->since, "Start of the window looked at (default: 7d)");
  cmd->add_option("--why", args->why, "Why the device is looked at (recorded in the audit log for activity sensors)");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
