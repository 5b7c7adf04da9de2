// The subcommands of ghd-report, one file each; delivery flags in common.h.
#pragma once

#include "cli/report/common.h"

namespace ghd::cli {
void add_morning_command(Tool& tool);
void add_energy_command(Tool& tool);
void add_signature_command(Tool& tool);
void add_devices_command(Tool& tool);
}  // namespace ghd::cli
