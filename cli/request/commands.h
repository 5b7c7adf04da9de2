// The subcommands of ghd-request, one file each.
#pragma once

#include "cli/common/tool.h"

namespace ghd::cli {
void add_add_command(Tool& tool);
void add_import_command(Tool& tool);
void add_list_command(Tool& tool);
void add_show_command(Tool& tool);
void add_update_command(Tool& tool);
void add_export_command(Tool& tool);
void add_stock_command(Tool& tool);
void add_db_command(Tool& tool);
void add_purge_command(Tool& tool);
}  // namespace ghd::cli
