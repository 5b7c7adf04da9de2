#include "cli/report/common.h"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

#include "core/files.h"
#include "core/secret.h"

namespace ghd::cli {

void add_report_options(Tool& tool, CLI::App* cmd, ReportArgs& a) {
  add_format(cmd, a.format, {"text", "md", "html", "csv", "json"});
  cmd->add_option("--lang", a.lang, "fr (default: report.lang) or en")->check(CLI::IsMember({"fr", "en"}));
  cmd->add_option("--output,-o", a.output, "Write to this file (atomically) rather than stdout");
  cmd->add_option("--mail", a.mail, "Mail to these addresses (HTML, text, CSV attached), per report.mail")
      ->expected(1, -1);
  cmd->add_flag("--mail-default", a.mail_default, "Mail to the addresses of report.mail.to");
  tool.add_as_of(cmd);
}

Result<Lang> report_lang(const Context& ctx, const ReportArgs& a) {
  return Lang::parse(a.lang.empty() ? ctx.config.report.lang : a.lang);
}

Result<Mailing> mailing(const Context& ctx) {
  const auto& m = ctx.config.report.mail;
  if (m.url.empty()) return Status::Config("no mail server: set report.mail.url in the configuration");
  SmtpSettings s;
  s.url = m.url;
  s.starttls = m.starttls;
  s.username = m.username;
  s.ca_file = m.ca_file;
  s.timeout = std::chrono::seconds{m.timeout_seconds};
  if (!m.password_file.empty()) {
    GHD_ASSIGN(password, read_secret_file(m.password_file));
    s.password = password;
  }
  Mailing out;
  out.mailer = std::make_unique<CurlSmtpMailer>(s);
  out.sleeper = std::make_unique<RealSleeper>();
  out.how.mailer = out.mailer.get();
  out.how.sleeper = out.sleeper.get();
  out.how.from = m.from;
  out.how.retries = m.retries;
  out.how.retry_delay = std::chrono::milliseconds{m.retry_delay_ms};
  out.how.spool_dir = !ctx.config.report.spool_dir.empty()
                          ? ctx.config.report.spool_dir
                          : (std::filesystem::path(ctx.config.database).parent_path() / "unsent").string();
  return out;
}

Status deliver(const Context& ctx, const ReportArgs& args, const RenderedReport& report) {
  ReportArgs a = args;
  if (a.mail_default) {
    if (ctx.config.report.mail.to.empty()) return Status::Config("--mail-default: report.mail.to lists no address");
    a.mail.insert(a.mail.end(), ctx.config.report.mail.to.begin(), ctx.config.report.mail.to.end());
  }
  GHD_ASSIGN(text, render_as(report, a.format));
  if (!a.output.empty()) GHD_TRY(write_file_atomic(a.output, text));
  if (!a.mail.empty()) {
    GHD_ASSIGN(m, mailing(ctx));
    GHD_TRY(mail_report(report, a.mail, m.how, ctx.now()));
    std::string to;
    for (const auto& x : a.mail) to += (to.empty() ? "" : ", ") + x;
    std::cerr << fmt::format("{}: mailed to {}\n", ctx.tool, to);
  }
  if (a.output.empty() && a.mail.empty()) std::cout << text;
  return Status::Ok();
}

}  // namespace ghd::cli
