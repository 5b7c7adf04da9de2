#include <iostream>
#include <memory>

#include "cli/triage/commands.h"
#include "routing/render.h"
#include "routing/rule_tests.h"

namespace ghd::cli {

void add_test_command(Tool& tool) {
  struct Args {
    std::string rules, cases;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command("test", "Run test cases against a rule set; exit 1 when one fails",
                               [args](Context& ctx) -> Status {
    GHD_ASSIGN(rules, load_rules(args->rules, ctx.config));
    GHD_ASSIGN(router, Router::make(rules, ctx.config));
    GHD_ASSIGN(cases, load_rule_tests(args->cases));
    const auto results = run_rule_tests(router, cases);
    std::cout << render_test_results(results);
    for (const auto& r : results)
      if (!r.failures.empty()) return Status::Reported(ExitCode::no);
    return Status::Ok();
  });
  cmd->add_option("RULES", args->rules, "Rule file")->required();
  cmd->add_option("CASES", args->cases, "Test cases (YAML)")->required();
}

}  // namespace ghd::cli
