#include <memory>

#include "cli/telemetry/commands.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_quarantine_command(Tool& tool) {
  struct Args {
    std::string reason, format;
    long long limit = 100;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command("quarantine", "Readings set aside: counts per reason, then the readings",
                               [args](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_quarantine(*db, args->reason, args->limit, args->format));
    return emit(text, "");
  });
  cmd->add_option("--reason", args->reason, "Only this reason (unknown-device, impossible-value, future, ...)");
  cmd->add_option("--limit", args->limit, "At most N readings (0: all)")->capture_default_str();
  add_format(cmd, args->format, {"table", "csv", "json"});
}

}  // namespace ghd::cli
