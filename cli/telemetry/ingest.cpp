#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/telemetry/commands.h"
#include "core/files.h"
#include "core/gzip.h"
#include "telemetry/ingest.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_ingest_command(Tool& tool) {
  struct Args {
    std::vector<std::string> files;
    std::string input = "auto", format;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "ingest", "Ingest readings: long CSV or Zigbee2MQTT JSON Lines, gzip-compressed or not; bad readings go to the quarantine",
      [args](Context& ctx) -> Status {
        GHD_ASSIGN(db, ctx.open_db());
        const ReadingFormat format = args->input == "csv"     ? ReadingFormat::csv
                                     : args->input == "jsonl" ? ReadingFormat::jsonl
                                                              : ReadingFormat::automatic;
        std::vector<IngestReport> reports;
        for (const auto& file : args->files) {
          GHD_ASSIGN(contents, map_file(file));
          std::string inflated;
          std::string_view bytes = contents.view();
          if (is_gzip(bytes)) {
            auto out = gunzip(bytes);
            if (!out.ok()) return out.status().with_context(file);
            inflated = std::move(*out);
            bytes = inflated;
          }
          IngestReport report;
          GHD_TRY(ingest_readings(*db, file, bytes, format, ctx.now(), report).with_context(file));
          reports.push_back(std::move(report));
        }
        return emit(render_ingest_reports(reports, args->format), "");
      });
  cmd->add_option("FILE", args->files, "Reading files ('-' for standard input)")->required();
  cmd->add_option("--input", args->input, "Input format: auto (a '{' first means JSON Lines), csv or jsonl")
      ->check(CLI::IsMember({"auto", "csv", "jsonl"}))
      ->capture_default_str();
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
