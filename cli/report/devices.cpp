#include <memory>

#include "cli/report/commands.h"
#include "report/devices.h"

namespace ghd::cli {

void add_devices_command(Tool& tool) {
  struct Args {
    ReportArgs report;
    std::string building;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "devices", "Fleet health for support: offline, batteries and days left, weak links, faults, by building",
      [a](Context& ctx) -> Status {
        GHD_ASSIGN(lang, report_lang(ctx, a->report));
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(r, devices_report(*db, ctx.now(), ctx.config.diagnostics, a->building));
        return deliver(ctx, a->report, {"devices", devices_document(r, lang), devices_json(r), devices_csv(r)});
      });
  cmd->add_option("--building", a->building, "Only this building");
  add_report_options(tool, cmd, a->report);
}

}  // namespace ghd::cli
