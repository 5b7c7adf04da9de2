#include <memory>

#include "calendar/time_spec.h"
#include "cli/triage/commands.h"
#include "routing/render.h"

namespace ghd::cli {

void add_replay_command(Tool& tool) {
  struct Args {
    std::string rules, since, until, format;
    bool verbose = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "replay", "Run a candidate rule set over past requests without writing: what would change, per rule",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(rules, load_rules(args->rules, ctx.config));
        GHD_ASSIGN(router, Router::make(rules, ctx.config));
        const auto calendar = ctx.config.business_days();
        GHD_ASSIGN(since, resolve_time_spec(args->since, Bound::lower, ctx.now(), calendar));
        Instant until = ctx.now();
        if (!args->until.empty()) {
          GHD_ASSIGN(u, resolve_time_spec(args->until, Bound::upper, ctx.now(), calendar));
          until = u;
        }
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        ReplayReport report;
        GHD_TRY(replay_rules(*db, router, since, until, report));
        if (args->format == "json") return emit(replay_json(report).dump(2) + "\n", "");
        return emit(render_replay_text(report, args->verbose), "");
      });
  cmd->add_option("--rules", args->rules, "The candidate rule file")->required();
  cmd->add_option("--since", args->since, "Requests received from (a date, yesterday, last-business-day...)")->required();
  cmd->add_option("--until", args->until, "Requests received before (default: now)");
  cmd->add_flag("-v,--verbose", args->verbose, "List due time changes too");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
