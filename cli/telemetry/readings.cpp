#include <memory>

#include "calendar/time_spec.h"
#include "cli/telemetry/commands.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_readings_command(Tool& tool) {
  struct Args {
    std::string device, metric, since, until, of = "raw", format, why;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "readings", "Readings of one device and metric: raw, or hourly or daily roll-ups", [args](Context& ctx) -> Status {
        const auto calendar = ctx.config.business_days();
        GHD_ASSIGN(since, resolve_time_spec(args->since.empty() ? "yesterday" : args->since, Bound::lower, ctx.now(),
                                            calendar));
        Instant until = ctx.now();
        if (!args->until.empty()) {
          GHD_ASSIGN(u, resolve_time_spec(args->until, Bound::upper, ctx.now(), calendar));
          until = u;
        }
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        const AuditEntry reader{ctx.now(), ctx.actor, "", "", "", args->why};
        GHD_ASSIGN(text, render_readings(*db, args->device, args->metric, since, until, args->of, args->format, reader));
        return emit(text, "");
      });
  cmd->add_option("DEVICE", args->device, "Device id or friendly name")->required();
  cmd->add_option("--metric", args->metric, "temperature, setpoint, valve, battery, ...")->required();
  cmd->add_option("--since", args->since, "From (default: yesterday)");
  cmd->add_option("--until", args->until, "Before (default: now)");
  cmd->add_option("--of", args->of, "raw readings, or hourly or daily roll-ups")
      ->check(CLI::IsMember({"raw", "hourly", "daily"}))
      ->capture_default_str();
  cmd->add_option("--why", args->why, "Why the data is looked at (recorded in the audit log for activity data)");
  add_format(cmd, args->format, {"csv", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
