#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"
#include "requests/retention.h"

namespace ghd::cli {

void add_purge_command(Tool& tool) {
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* cmd = tool.command(
      "purge", "Erase the personal data of requests over for longer than retention.closed_requests_days",
      [dry_run](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db());
        RequestStore store(*db);
        RetentionReport report;
        GHD_TRY(apply_request_retention(store, ctx.config.retention_closed_requests_days, ctx.actor, ctx.now(),
                                        *dry_run, report));
        std::cout << fmt::format("{} request(s) over before {}: personal data {}\n", report.erased.size(),
                                 format_iso(report.cutoff), *dry_run ? "would be erased (dry run)" : "erased");
        return Status::Ok();
      });
  cmd->add_flag("-n,--dry-run", *dry_run, "Count, erase nothing");
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
