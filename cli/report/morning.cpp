#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <memory>

#include "cli/report/commands.h"
#include "core/files.h"
#include "report/morning.h"

namespace ghd::cli {

void add_morning_command(Tool& tool) {
  struct Args {
    ReportArgs report;
    std::string service, split_by;
    bool mail_services = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "morning", "The morning triage report: arrivals by service, emergencies, incidents, due, calls to make",
      [a](Context& ctx) -> Status {
        GHD_ASSIGN(lang, report_lang(ctx, a->report));
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(all, morning_report(*db, ctx.config, ctx.now(), ctx.actor));
        auto rendered = [&](const MorningReport& r, const std::string& name) {
          return RenderedReport{name, morning_document(r, lang), morning_json(r), morning_csv(r)};
        };
        if (a->split_by.empty()) {
          const MorningReport r = a->service.empty() ? all : for_service(all, a->service);
          return deliver(ctx, a->report, rendered(r, a->service.empty() ? "morning" : "morning-" + a->service));
        }
        // One report per service, each with its own requests only.
        if (a->report.output.empty())
          return Status::Usage("--split-by service needs --output DIR (one file per service)");
        std::error_code ec;
        std::filesystem::create_directories(a->report.output, ec);
        if (ec) return Status::IoError(fmt::format("{}: {}", a->report.output, ec.message()));
        std::unique_ptr<Mailing> mail;
        if (a->mail_services) {
          GHD_ASSIGN(m, mailing(ctx));
          mail = std::make_unique<Mailing>(std::move(m));
        }
        Status failed = Status::Ok();
        for (const auto& service : services_of(all)) {
          const std::string name = "morning-" + (service.empty() ? std::string("unrouted") : service);
          const RenderedReport r = rendered(for_service(all, service), name);
          GHD_ASSIGN(text, render_as(r, a->report.format));
          const std::string path =
              (std::filesystem::path(a->report.output) / (name + "." + extension_of(a->report.format))).string();
          GHD_TRY(write_file_atomic(path, text));
          std::cout << path << "\n";
          if (!mail) continue;
          const auto to = ctx.config.report.mail.services.find(service);
          if (to == ctx.config.report.mail.services.end() || to->second.empty()) continue;
          if (Status s = mail_report(r, to->second, mail->how, ctx.now()); !s.ok()) {
            std::cerr << fmt::format("{}: error: {}\n", ctx.tool, s.message());
            failed = Status::Reported(s.code());
          }
        }
        return failed;
      });
  add_report_options(tool, cmd, a->report);
  auto* service = cmd->add_option("--service", a->service, "Only this service's requests");
  cmd->add_option("--split-by", a->split_by, "One report per service, written into --output DIR")
      ->check(CLI::IsMember({"service"}))
      ->excludes(service);
  cmd->add_flag("--mail-services", a->mail_services,
                "With --split-by: mail each service its report (addresses in report.mail.services)");
}

}  // namespace ghd::cli
