// Reports by mail: a MIME message (HTML with a plain-text alternative, files
// attached) sent over SMTP by libcurl, behind a small interface so that tests
// use a real local SMTP server and never the network.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "calendar/time.h"
#include "core/status.h"
#include "net/http.h"

namespace ghd {

struct MailAttachment {
  std::string name, mime_type, content;
};

struct MailMessage {
  std::string from;
  std::vector<std::string> to;
  std::string subject;
  std::string text, html;  // html may be empty
  std::vector<MailAttachment> attachments;
};

// RFC 5322 + MIME: headers (the subject encoded when not ASCII), a
// multipart/mixed of a multipart/alternative (text, then HTML) and the
// attachments in base64. `boundary_seed` makes the boundaries (tests fix it).
std::string build_mime(const MailMessage& m, Instant date, const std::string& boundary_seed);

struct SmtpSettings {
  std::string url;           // smtp://host:port (STARTTLS when required) or smtps://host:port
  bool starttls = true;      // require STARTTLS on smtp://
  std::string username;
  std::string password;      // read from a file (core/secret.h)
  std::string ca_file;       // a private CA; verification is never turned off
  std::chrono::seconds timeout{30};
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Temporary failures (refused, time-out, 4xx) are TempFail; a message the
  // server refuses for good (5xx) is Unavailable.
  virtual Status send(const MailMessage& m, const std::string& mime) = 0;
};

class CurlSmtpMailer final : public Mailer {
 public:
  explicit CurlSmtpMailer(SmtpSettings s) : s_(std::move(s)) {}
  Status send(const MailMessage& m, const std::string& mime) override;

 private:
  SmtpSettings s_;
};

// Sends, retrying temporary failures `retries` times with a doubling delay.
Status send_with_retries(Mailer& mailer, const MailMessage& m, const std::string& mime, int retries,
                         std::chrono::milliseconds delay, Sleeper& sleeper);

}  // namespace ghd
