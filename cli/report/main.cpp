#include "cli/report/commands.h"

int main(int argc, char** argv) {
  ghd::cli::Tool tool("ghd-report", "The morning triage report and the energy reports, in French by default.");
  ghd::cli::add_morning_command(tool);
  ghd::cli::add_energy_command(tool);
  ghd::cli::add_signature_command(tool);
  ghd::cli::add_devices_command(tool);
  return tool.run(argc, argv);
}
