#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/telemetry/commands.h"
#include "telemetry/retention.h"

namespace ghd::cli {

void add_purge_command(Tool& tool) {
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* cmd = tool.command(
      "purge", "Drop raw readings older than telemetry.retention_days (roll-ups stay) and the activity data of withdrawn consents", [dry_run](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db());
        ReadingRetentionReport report;
        GHD_TRY(purge_raw_readings(*db, ctx.config.telemetry_retention_days, ctx.config.consent_purge_days, ctx.now(),
                                   *dry_run, report));
        std::cout << fmt::format("{} raw reading(s) before {} {}\n", report.readings, format_date(report.oldest_kept),
                                 *dry_run ? "would be dropped (dry run)" : "dropped; roll-ups kept");
        if (!*dry_run)
          std::cout << fmt::format("{} activity reading(s) of withdrawn consents deleted\n", report.withdrawn_activity);
        return Status::Ok();
      });
  cmd->add_flag("-n,--dry-run", *dry_run, "Count, drop nothing");
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
