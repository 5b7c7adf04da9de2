#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/request/commands.h"
#include "core/files.h"
#include "requests/import.h"

namespace ghd::cli {

namespace {

nlohmann::json report_json(const ImportReport& r, bool dry_run) {
  auto problems = [](const std::vector<ImportProblem>& list) {
    auto arr = nlohmann::json::array();
    for (const auto& p : list) arr.push_back({{"line", p.line}, {"message", p.message}});
    return arr;
  };
  return {{"file", r.file},
          {"encoding", encoding_name(r.encoding)},
          {"rows", r.rows},
          {"new", r.inserted},
          {"known", r.known},
          {"changed_upstream", r.changed_upstream},
          {"rejected", r.rejected},
          {"committed", r.committed},
          {"dry_run", dry_run},
          {"reject_file", r.reject_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.reject_file)},
          {"errors", problems(r.errors)},
          {"warnings", problems(r.warnings)}};
}

}  // namespace

void add_import_command(Tool& tool) {
  struct Args {
    std::vector<std::string> files;
    std::string mapping, encoding = "auto", reject_file, format;
    bool dry_run = false, skip_invalid = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "import", "Import export files of requests (each file whole, or not at all)", [args](Context& ctx) -> Status {
        const std::string mapping_name = args->mapping.empty() ? ctx.config.default_mapping : args->mapping;
        GHD_ASSIGN(mapping, ctx.config.mapping(mapping_name));
        GHD_ASSIGN(encoding, parse_encoding(args->encoding));
        if (!args->reject_file.empty() && args->files.size() > 1)
          return Status::Usage("--reject-file takes one input file");
        GHD_ASSIGN(db, ctx.open_db());
        ImportOptions opt;
        opt.encoding = encoding;
        opt.dry_run = args->dry_run;
        opt.skip_invalid = args->skip_invalid;
        opt.reject_file = args->reject_file;
        opt.actor = ctx.actor;
        opt.now = ctx.now();
        Status worst;
        auto all = nlohmann::json::array();
        for (const auto& file : args->files) {
          ImportReport report;
          Status s;
          auto contents = map_file(file);
          if (!contents.ok()) s = contents.status();
          else s = import_requests(*db, file, contents->view(), mapping, opt, report);
          const bool refused = !s.ok();
          for (const auto& e : report.errors)
            std::cerr << fmt::format("{}: {}: {}:{}: {}\n", ctx.tool, refused ? "error" : "rejected", file, e.line,
                                     e.message);
          for (const auto& w : report.warnings) ctx.warn(fmt::format("{}:{}: {}", file, w.line, w.message));
          if (args->format == "json") {
            auto j = report_json(report, args->dry_run);
            if (refused) j["error"] = s.message();
            all.push_back(j);
          } else if (!refused) {
            std::string line = fmt::format("{}: {} row(s): {} new, {} already stored", file, report.rows,
                                           report.inserted, report.known);
            if (report.changed_upstream) line += fmt::format(" ({} changed upstream, kept as stored)", report.changed_upstream);
            if (report.rejected) line += fmt::format(", {} rejected to {}", report.rejected, report.reject_file);
            line += fmt::format(" [{}]", encoding_name(report.encoding));
            if (args->dry_run) line += " (dry run: nothing written)";
            else if (report.inserted == 0) line += " (nothing changed)";
            std::cout << line << "\n";
          }
          if (refused) {
            std::cerr << fmt::format("{}: error: {}\n", ctx.tool, s.message());
            if (worst.ok()) worst = s;
          }
        }
        if (args->format == "json") std::cout << all.dump(2) << "\n";
        // Messages are printed above; keep the exit code only.
        if (!worst.ok()) return Status::Reported(worst.code());
        return Status::Ok();
      });
  cmd->add_option("FILE", args->files, "Export files ('-' for standard input)")->required();
  cmd->add_option("--mapping", args->mapping, "Column mapping from the config (default: import.default_mapping)");
  cmd->add_option("--encoding", args->encoding, "Encoding of the files (auto: a BOM or valid UTF-8, else Windows-1252)")
      ->check(CLI::IsMember({"auto", "utf-8", "windows-1252"}))
      ->type_name("ENCODING")
      ->capture_default_str();
  cmd->add_flag("-n,--dry-run", args->dry_run, "Check and count, write nothing");
  cmd->add_flag("--skip-invalid", args->skip_invalid,
                "Import the good rows, write the bad ones unchanged to a reject file");
  cmd->add_option("--reject-file", args->reject_file, "Where --skip-invalid writes rejected rows (default FILE.rejected.csv)")
      ->type_name("FILE");
  add_format(cmd, args->format, {"text", "json"});
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
