// What every ghd-report command shares: the delivery flags (--format,
// --lang, --output, --mail), defined once, and delivery itself.
#pragma once

#include <string>
#include <vector>

#include "cli/common/tool.h"
#include "report/deliver.h"
#include "report/lang.h"

namespace ghd::cli {

struct ReportArgs {
  std::string format, lang, output;
  std::vector<std::string> mail;
  bool mail_default = false;  // to report.mail.to
};

void add_report_options(Tool& tool, CLI::App* cmd, ReportArgs& args);
Result<Lang> report_lang(const Context& ctx, const ReportArgs& args);
// The mail settings of the config, the password read from its file.
struct Mailing {
  std::unique_ptr<Mailer> mailer;
  std::unique_ptr<Sleeper> sleeper;
  MailDelivery how;
};
Result<Mailing> mailing(const Context& ctx);
// To stdout, --output or --mail as asked.
Status deliver(const Context& ctx, const ReportArgs& args, const RenderedReport& report);

}  // namespace ghd::cli
