#include "cli/request/commands.h"

int main(int argc, char** argv) {
  ghd::cli::Tool tool("ghd-request", "Record, import, query, update and export tenant requests.");
  ghd::cli::add_add_command(tool);
  ghd::cli::add_import_command(tool);
  ghd::cli::add_list_command(tool);
  ghd::cli::add_show_command(tool);
  ghd::cli::add_update_command(tool);
  ghd::cli::add_export_command(tool);
  ghd::cli::add_stock_command(tool);
  ghd::cli::add_purge_command(tool);
  ghd::cli::add_db_command(tool);
  return tool.run(argc, argv);
}
