#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/triage/commands.h"

namespace ghd::cli {

void add_check_command(Tool& tool) {
  struct Args {
    std::string rules;
    bool strict = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "check", "Check a rule set: syntax, vocabulary, unreachable rules, what no rule covers",
      [args](Context& ctx) -> Status {
        auto rules = load_rules(args->rules, ctx.config);
        if (!rules.ok()) {
          std::cout << rules.status().message() << "\n";
          return Status::Reported(ExitCode::no);
        }
        int errors = 0, warnings = 0;
        for (const auto& p : check_rules(*rules, ctx.config, ctx.now())) {
          const bool error = p.severity == RuleProblem::Severity::error;
          (error ? errors : warnings)++;
          const std::string where = p.at.line ? fmt::format("{}:{}:{}: ", rules->file, p.at.line, p.at.column)
                                              : fmt::format("{}: ", rules->file);
          std::cout << fmt::format("{}{}: {}\n", where, error ? "error" : "warning", p.message);
        }
        std::cout << fmt::format("{}: {} rule(s), {} error(s), {} warning(s)\n", rules->file, rules->rules.size(),
                                 errors, warnings);
        if (errors || (args->strict && warnings)) return Status::Reported(ExitCode::no);
        return Status::Ok();
      });
  cmd->add_option("RULES", args->rules, "Rule file")->required();
  cmd->add_flag("--strict", args->strict, "Warnings fail the check too");
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
