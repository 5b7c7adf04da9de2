// The subcommands of ghd-triage, one file each.
#pragma once

#include "cli/common/tool.h"
#include "routing/router.h"

namespace ghd::cli {

void add_calendar_command(Tool& tool);
void add_check_command(Tool& tool);
void add_test_command(Tool& tool);
void add_explain_command(Tool& tool);
void add_run_command(Tool& tool);
void add_replay_command(Tool& tool);
void add_queue_command(Tool& tool);

// The rule set: --rules FILE, else the config's triage.rules.
Result<RuleSet> load_rule_set(const std::string& rules_flag, const Context& ctx);

}  // namespace ghd::cli
