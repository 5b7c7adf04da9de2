#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/telemetry/commands.h"
#include "telemetry/pull.h"

namespace ghd::cli {

void add_pull_command(Tool& tool) {
  auto format = std::make_shared<std::string>();
  CLI::App* cmd = tool.command(
      "pull", "Fetch new readings from the platform's HTTP API (telemetry.gateway), from where the last pull stopped",
      [format](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db());
        CurlHttpClient http;
        RealSleeper sleeper;
        PullReport report;
        const Status s = pull_readings(*db, http, sleeper, ctx.config.gateway, ctx.now(), report);
        if (*format == "json")
          std::cout << nlohmann::json{{"pages", report.pages},       {"readings", report.readings},
                                      {"new", report.added},         {"duplicates", report.duplicates},
                                      {"quarantined", report.quarantined}, {"not_consented", report.not_consented},
                                      {"retries", report.retries},   {"cursor", report.cursor},
                                      {"complete", s.ok()}}
                           .dump(2)
                    << "\n";
        else
          std::cout << fmt::format("{} page(s), {} reading(s): {} new, {} duplicate(s), {} quarantined; {} retr{}; "
                                   "cursor '{}'\n",
                                   report.pages, report.readings, report.added, report.duplicates, report.quarantined,
                                   report.retries, report.retries == 1 ? "y" : "ies", report.cursor);
        return s;
      });
  add_format(cmd, *format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
