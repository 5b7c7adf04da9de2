#include "cli/telemetry/commands.h"

int main(int argc, char** argv) {
  ghd::cli::Tool tool("ghd-telemetry", "Connected dwellings: device registry, readings, quarantine.");
  ghd::cli::add_status_command(tool);
  ghd::cli::add_devices_command(tool);
  ghd::cli::add_ingest_command(tool);
  ghd::cli::add_pull_command(tool);
  ghd::cli::add_quarantine_command(tool);
  ghd::cli::add_readings_command(tool);
  ghd::cli::add_purge_command(tool);
  ghd::cli::add_diagnose_command(tool);
  ghd::cli::add_debug_command(tool);
  ghd::cli::add_check_command(tool);
  ghd::cli::add_alerts_command(tool);
  ghd::cli::add_consent_command(tool);
  ghd::cli::add_audit_command(tool);
  ghd::cli::add_simulate_command(tool);
  return tool.run(argc, argv);
}
