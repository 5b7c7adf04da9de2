#include "report/deliver.h"

#include <filesystem>
#include <fmt/format.h>

#include "core/files.h"

namespace ghd {

Result<std::string> render_as(const RenderedReport& r, const std::string& format) {
  if (format == "text" || format.empty()) return render_text(r.document);
  if (format == "md") return render_markdown(r.document);
  if (format == "html") return render_html(r.document);
  if (format == "csv") return r.csv;
  if (format == "json") return r.json;
  return Status::Usage(fmt::format("unknown format '{}' (expected text, md, html, csv or json)", format));
}

std::string extension_of(const std::string& format) {
  if (format == "text" || format.empty()) return "txt";
  return format;
}

Status mail_report(const RenderedReport& r, const std::vector<std::string>& to, const MailDelivery& how, Instant now) {
  MailMessage m;
  m.from = how.from;
  m.to = to;
  m.subject = r.document.title;
  m.text = render_text(r.document);
  m.html = render_html(r.document);
  if (!r.csv.empty()) m.attachments.push_back({r.name + ".csv", "text/csv; charset=utf-8", r.csv});
  const std::string mime = build_mime(m, now, fmt::format("{}-{}", r.name, to_unix(now)));
  const Status sent = send_with_retries(*how.mailer, m, mime, how.retries, how.retry_delay, *how.sleeper);
  if (sent.ok()) return sent;
  const std::string kept =
      (std::filesystem::path(how.spool_dir) /
       fmt::format("{}-{}.html", r.name, format_local_minutes(now).substr(0, 10)))
          .string();
  std::error_code ec;
  std::filesystem::create_directories(how.spool_dir, ec);
  const Status saved = write_file_atomic(kept, m.html);
  const std::string where = saved.ok() ? "report kept in " + kept : "and could not be kept: " + saved.message();
  std::string recipients;
  for (const auto& t : to) recipients += (recipients.empty() ? "" : ", ") + t;
  const std::string message =
      fmt::format("mail to {} failed ({}); {}", recipients, sent.message(), where);
  return sent.code() == ExitCode::temp_fail ? Status::TempFail(message) : Status::Unavailable(message);
}

}  // namespace ghd
