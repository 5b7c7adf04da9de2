// Where a report goes: stdout, a file written atomically (a reader never sees
// half a report), or mail (HTML with a text alternative and the CSV
// attached), retried; a report whose mail failed is kept on disk and the
// failure returned.
#pragma once

#include <string>
#include <vector>

#include "net/mail.h"
#include "report/document.h"

namespace ghd {

struct RenderedReport {
  std::string name;  // file name stem: morning, morning-chauffage, energy-week...
  Document document;
  std::string json, csv;
};

// text, md, html, csv or json.
Result<std::string> render_as(const RenderedReport& r, const std::string& format);
std::string extension_of(const std::string& format);

struct MailDelivery {
  Mailer* mailer = nullptr;
  Sleeper* sleeper = nullptr;
  std::string from;
  int retries = 3;
  std::chrono::milliseconds retry_delay{2000};
  std::string spool_dir;  // where a report that could not be sent is kept
};

// Mails `r` to `to`. On failure the HTML report is written into the spool
// folder and the status says where.
Status mail_report(const RenderedReport& r, const std::vector<std::string>& to, const MailDelivery& how, Instant now);

}  // namespace ghd
