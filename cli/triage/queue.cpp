#include <memory>

#include "cli/triage/commands.h"
#include "routing/render.h"

namespace ghd::cli {

void add_queue_command(Tool& tool) {
  struct Args {
    std::vector<std::string> services;
    long long limit = 0;
    std::string format;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "queue", "The open requests, most urgent first, with the terms of each urgency score",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(queue, urgency_queue(*db, ctx.config, args->services, ctx.now()));
        if (args->limit > 0 && queue.size() > size_t(args->limit)) queue.resize(size_t(args->limit));
        if (args->format == "json") return emit(queue_json(queue).dump(2) + "\n", "");
        return emit(render_queue_text(queue), "");
      });
  cmd->add_option("--service", args->services, "Only these services (repeatable)");
  cmd->add_option("--limit", args->limit, "At most N requests")->check(CLI::NonNegativeNumber);
  add_format(cmd, args->format, {"table", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
