#include <memory>

#include <fmt/format.h>

#include "cli/triage/commands.h"
#include "core/files.h"
#include "requests/serialize.h"
#include "routing/render.h"
#include "store/stock_store.h"

namespace ghd::cli {

void add_explain_command(Tool& tool) {
  struct Args {
    std::string ref, rules, format;
    bool elderly = false, vulnerable = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "explain", "Show how the rules decide for one request: every rule, every condition, the due time",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(rules, load_rule_set(args->rules, ctx));
        GHD_ASSIGN(router, Router::make(rules, ctx.config));
        Request r;
        TenantFacts tenant{args->elderly, args->vulnerable};
        if (args->ref == "-") {
          GHD_ASSIGN(text, read_file("-"));
          GHD_ASSIGN(parsed, request_from_json_text(text, "<stdin>"));
          r = parsed;
          if (r.received_at == Instant{}) r.received_at = ctx.now();
          if (r.channel.empty()) r.channel = "web";
        } else {
          GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
          RequestStore store(*db);
          GHD_ASSIGN(id, store.resolve(args->ref));
          if (!id) return Status::DataError(fmt::format("{}: no such request", args->ref));
          GHD_ASSIGN(found, store.get(*id));
          r = *found;
          GHD_ASSIGN(tenants, StockStore(*db).tenant_facts());
          if (auto t = tenants.find(r.tenant); t != tenants.end()) tenant = t->second;
        }
        const Decision d = router.route(r, tenant, true);
        if (args->format == "json") return emit(explain_json(r, d, rules).dump(2) + "\n", "");
        return emit(render_explain_text(r, d, rules), "");
      });
  cmd->add_option("REF", args->ref, "A stored request (R000042, AV-2026-004217), or '-' for one given as JSON on stdin")
      ->required();
  cmd->add_option("--rules", args->rules, "Rule file (default: the config's triage.rules)");
  cmd->add_flag("--elderly", args->elderly, "With '-': the tenant is elderly");
  cmd->add_flag("--vulnerable", args->vulnerable, "With '-': the tenant is vulnerable");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
