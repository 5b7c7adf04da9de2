#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"

namespace ghd::cli {

void add_db_command(Tool& tool) {
  CLI::App* db_cmd = tool.app().add_subcommand("db", "Check or back up the database");
  db_cmd->require_subcommand(1);

  CLI::App* check = db_cmd->add_subcommand("check", "Check integrity and foreign keys; exit 65 when damaged");
  tool.bind(check, [](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(problems, db->check());
    for (const auto& p : problems) std::cout << p << "\n";
    if (!problems.empty())
      return Status::DataError(fmt::format("{}: {} problem(s) found", db->path(), problems.size()));
    std::cout << fmt::format("{}: ok (schema version {})\n", db->path(), db->schema_version());
    return Status::Ok();
  });

  auto dest = std::make_shared<std::string>();
  CLI::App* backup = db_cmd->add_subcommand("backup", "Copy the database consistently, even while others write");
  backup->add_option("DEST", *dest, "Backup file to write")->required();
  tool.bind(backup, [dest](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_TRY(db->backup_to(*dest));
    std::cout << fmt::format("{} -> {}\n", db->path(), *dest);
    return Status::Ok();
  });
}

}  // namespace ghd::cli
