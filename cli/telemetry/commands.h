// The subcommands of ghd-telemetry, one file each.
#pragma once

#include "cli/common/tool.h"

namespace ghd::cli {
void add_devices_command(Tool& tool);
void add_ingest_command(Tool& tool);
void add_quarantine_command(Tool& tool);
void add_readings_command(Tool& tool);
void add_purge_command(Tool& tool);
void add_consent_command(Tool& tool);
void add_audit_command(Tool& tool);
void add_status_command(Tool& tool);
void add_pull_command(Tool& tool);
void add_check_command(Tool& tool);
void add_alerts_command(Tool& tool);
void add_diagnose_command(Tool& tool);
void add_debug_command(Tool& tool);
void add_simulate_command(Tool& tool);
}  // namespace ghd::cli
