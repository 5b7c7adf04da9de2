#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/telemetry/commands.h"
#include "telemetry/simulate.h"

namespace ghd::cli {

namespace {
// "5m", "30s", "1h".
Result<std::chrono::seconds> parse_step(const std::string& s) {
  if (s.size() >= 2) {
    const char unit = s.back();
    try {
      size_t used = 0;
      const long n = std::stol(s.substr(0, s.size() - 1), &used);
      if (used == s.size() - 1 && n > 0) {
        if (unit == 's') return std::chrono::seconds{n};
        if (unit == 'm') return std::chrono::seconds{n * 60};
        if (unit == 'h') return std::chrono::seconds{n * 3600};
      }
    } catch (const std::exception&) {
    }
  }
  return Status::Usage(fmt::format("invalid step '{}' (expected e.g. 30s, 5m, 1h)", s));
}
}  // namespace

void add_simulate_command(Tool& tool) {
  struct Args {
    int dwellings = 102;
    std::string from, to, step = "5m", output;
    std::uint64_t seed = 20261204;
    bool no_faults = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "simulate",
      "Write a simulated data set (registry, readings, consents, ground truth of injected faults) into a folder",
      [a](Context& ctx) -> Status {
        SimulationSpec spec;
        GHD_ASSIGN(from, parse_instant(a->from));
        GHD_ASSIGN(to, parse_instant(a->to));
        GHD_ASSIGN(step, parse_step(a->step));
        spec.from = from;
        spec.to = to;
        spec.step = step;
        spec.count = a->dwellings;
        spec.seed = a->seed;
        spec.faults = !a->no_faults;
        // The connected dwellings of the stock when the database knows them.
        if (auto db = ctx.open_db(Database::Mode::must_exist); db.ok()) {
          GHD_ASSIGN(known, stock_dwellings(**db));
          spec.dwellings = std::move(known);
        }
        Simulation sim;
        GHD_TRY(write_simulation(spec, a->output, sim));
        std::cout << fmt::format("{}: {} device(s), {} reading(s), {} consenting dwelling(s), {} fault(s) injected\n",
                                 a->output, std::count(sim.registry_csv.begin(), sim.registry_csv.end(), '\n') - 1,
                                 sim.readings, sim.consenting.size(), sim.truth.size());
        return Status::Ok();
      });
  cmd->add_option("--dwellings", a->dwellings, "How many connected dwellings")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--from", a->from, "Start (YYYY-MM-DD or an instant)")->required();
  cmd->add_option("--to", a->to, "End")->required();
  cmd->add_option("--step", a->step, "Interval between readings (30s, 5m, 1h)")->capture_default_str();
  cmd->add_option("--output,-o", a->output, "Folder to write into")->required();
  cmd->add_option("--seed", a->seed, "Random seed (same seed, same data)")->capture_default_str();
  cmd->add_flag("--no-faults", a->no_faults, "Inject no fault");
}

}  // namespace ghd::cli
