#include <memory>

#include "cli/triage/commands.h"
#include "routing/render.h"

namespace ghd::cli {

void add_run_command(Tool& tool) {
  struct Args {
    std::string rules, format;
    bool dry_run = false, summary = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "run", "The morning triage: route every new request, record each decision; a second run does nothing",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(rules, load_rule_set(args->rules, ctx));
        GHD_ASSIGN(router, Router::make(rules, ctx.config));
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        TriageReport report;
        GHD_TRY(run_triage(*db, router, ctx.config, ctx.actor, ctx.now(), args->dry_run, report));
        if (args->format == "json") return emit(triage_json(report, args->dry_run, args->summary).dump(2) + "\n", "");
        return emit(render_triage_text(report, args->dry_run, args->summary), "");
      });
  cmd->add_option("--rules", args->rules, "Rule file (default: the config's triage.rules)");
  cmd->add_flag("-n,--dry-run", args->dry_run, "Decide and print, write nothing");
  cmd->add_flag("--summary", args->summary, "Counts, incidents and timings only, not every request");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
