#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"
#include "core/files.h"
#include "housing/stock.h"
#include "store/stock_store.h"

namespace ghd::cli {

void add_stock_command(Tool& tool) {
  CLI::App* stock = tool.app().add_subcommand("stock", "The housing stock: agencies, buildings, dwellings, tenants");
  stock->require_subcommand(1);

  struct ImportArgs {
    std::vector<std::string> files;
    bool dry_run = false;
  };
  auto imp = std::make_shared<ImportArgs>();
  // Subcommands of `stock` register through the tool so that their actions
  // run like any other.
  CLI::App* import_cmd = stock->add_subcommand("import", "Import stock CSV files (kind told by the header)");
  import_cmd->add_option("FILE", imp->files, "agencies, buildings, dwellings or tenants CSV files, in that order")
      ->required();
  import_cmd->add_flag("-n,--dry-run", imp->dry_run, "Check, write nothing");

  struct ListArgs {
    std::string kind, format;
  };
  auto lst = std::make_shared<ListArgs>();
  CLI::App* list_cmd = stock->add_subcommand("list", "List one kind of the stock");
  list_cmd->add_option("KIND", lst->kind, "agencies, buildings, dwellings or tenants")
      ->required()
      ->check(CLI::IsMember({"agencies", "buildings", "dwellings", "tenants"}));
  add_format(list_cmd, lst->format, {"table", "csv", "json"});

  CLI::App* summary_cmd = stock->add_subcommand("summary", "Count what the stock holds");

  tool.bind(import_cmd, [imp](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db());
    for (const auto& file : imp->files) {
      GHD_ASSIGN(bytes, read_file(file));
      StockImportReport report;
      const Status s = import_stock(*db, file, bytes, imp->dry_run, report);
      for (const auto& e : report.errors) std::cerr << fmt::format("{}: error: {}\n", ctx.tool, e);
      GHD_TRY(s);
      std::cout << fmt::format("{}: {} {} row(s){}\n", file, report.rows, report.kind,
                               imp->dry_run ? " (dry run: nothing written)" : "");
    }
    return Status::Ok();
  });

  tool.bind(list_cmd, [lst](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    StockStore store(*db);
    GHD_ASSIGN(rows, store.rows(lst->kind));
    GHD_ASSIGN(out, render_stock(lst->kind, rows, lst->format));
    return emit(out, "");
  });

  tool.bind(summary_cmd, [](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(c, StockStore(*db).counts());
    std::cout << fmt::format("agencies: {}\nbuildings: {}\ndwellings: {} ({} connected)\ntenants: {}\n", c.agencies,
                             c.buildings, c.dwellings, c.connected_dwellings, c.tenants);
    return Status::Ok();
  });
}

}  // namespace ghd::cli
