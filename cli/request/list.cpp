#include <memory>

#include "cli/request/commands.h"
#include "cli/request/filter_options.h"
#include "requests/serialize.h"

namespace ghd::cli {

void add_list_command(Tool& tool) {
  struct Args {
    FilterArgs filter;
    std::string format;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command("list", "List requests, oldest first", [args](Context& ctx) -> Status {
    GHD_ASSIGN(filter, make_filter(args->filter, ctx));
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    RequestStore store(*db);
    GHD_ASSIGN(requests, store.list(filter));
    GHD_ASSIGN(text, render_requests(requests, args->format));
    return emit(text, "");
  });
  add_filter_options(cmd, args->filter);
  add_format(cmd, args->format, {"table", "csv", "json", "ndjson", "ids"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
