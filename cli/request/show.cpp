#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"
#include "requests/serialize.h"

namespace ghd::cli {

void add_show_command(Tool& tool) {
  struct Args {
    std::string ref;
    std::string format;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command("show", "Show one request with its whole history", [args](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    RequestStore store(*db);
    GHD_ASSIGN(id, store.resolve(args->ref));
    if (!id) return Status::DataError(fmt::format("{}: no such request", args->ref));
    GHD_ASSIGN(request, store.get(*id));
    GHD_ASSIGN(history, store.history(*id));
    if (args->format == "json") {
      auto j = to_json(*request);
      j["history"] = nlohmann::json::array();
      for (const auto& h : history) j["history"].push_back(to_json(h));
      return emit(j.dump(2) + "\n", "");
    }
    return emit(render_request_text(*request, history), "");
  });
  cmd->add_option("REF", args->ref, "Reference (R000042) or external reference (AV-2026-004217)")->required();
  add_format(cmd, args->format, {"text", "json"});
}

}  // namespace ghd::cli
