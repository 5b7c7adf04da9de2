#include "cli/triage/commands.h"

#include "routing/rules.h"

namespace ghd::cli {

Result<RuleSet> load_rule_set(const std::string& rules_flag, const Context& ctx) {
  return load_rules(rules_flag.empty() ? ctx.config.triage_rules : rules_flag, ctx.config);
}

}  // namespace ghd::cli

int main(int argc, char** argv) {
  ghd::cli::Tool tool("ghd-triage", "The morning triage: routing rules, business calendar, decisions.");
  ghd::cli::add_run_command(tool);
  ghd::cli::add_explain_command(tool);
  ghd::cli::add_check_command(tool);
  ghd::cli::add_test_command(tool);
  ghd::cli::add_replay_command(tool);
  ghd::cli::add_queue_command(tool);
  ghd::cli::add_calendar_command(tool);
  return tool.run(argc, argv);
}
