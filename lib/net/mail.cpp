#include "net/mail.h"

#include <algorithm>
#include <curl/curl.h>
#include <fmt/format.h>

namespace ghd {

namespace {

std::string base64(const std::string& in, bool wrap) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t col = 0;
  for (size_t i = 0; i < in.size(); i += 3) {
    const unsigned b0 = static_cast<unsigned char>(in[i]);
    const unsigned b1 = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const unsigned b2 = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    out += t[b0 >> 2];
    out += t[((b0 & 3) << 4) | (b1 >> 4)];
    out += i + 1 < in.size() ? t[((b1 & 15) << 2) | (b2 >> 6)] : '=';
    out += i + 2 < in.size() ? t[b2 & 63] : '=';
    if (wrap && (col += 4) >= 76) out += "\r\n", col = 0;
  }
  if (wrap && col) out += "\r\n";
  return out;
}

bool ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 128; });
}

// RFC 2047 for a header holding accented French.
std::string header_text(const std::string& s) { return ascii(s) ? s : "=?UTF-8?B?" + base64(s, false) + "?="; }

std::string rfc5322_date(Instant t) {
  static const char* wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const auto s = (t - day).count();
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", wd[std::chrono::weekday{day}.c_encoding()],
                     unsigned(ymd.day()), mo[unsigned(ymd.month()) - 1], int(ymd.year()), s / 3600, s / 60 % 60,
                     s % 60);
}

struct Upload {
  const std::string* data;
  size_t pos = 0;
};

size_t read_upload(char* buffer, size_t size, size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const size_t len = std::min(size * n, u->data->size() - u->pos);
  std::copy_n(u->data->data() + u->pos, len, buffer);
  u->pos += len;
  return len;
}

}  // namespace

std::string build_mime(const MailMessage& m, Instant date, const std::string& seed) {
  const std::string mixed = "ghd-mixed-" + seed, alt = "ghd-alt-" + seed;
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ", ") + r;
  std::string out = fmt::format(
      "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}@ghd>\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"{}\"\r\n\r\n",
      m.from, to, header_text(m.subject), rfc5322_date(date), seed, mixed);
  out += fmt::format("--{}\r\nContent-Type: multipart/alternative; boundary=\"{}\"\r\n\r\n", mixed, alt);
  out += fmt::format("--{}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
                     alt, base64(m.text, true));
  if (!m.html.empty())
    out += fmt::format("--{}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
                       alt, base64(m.html, true));
  out += fmt::format("--{}--\r\n", alt);
  for (const auto& a : m.attachments)
    out += fmt::format(
        "--{}\r\nContent-Type: {}; name=\"{}\"\r\nContent-Disposition: attachment; filename=\"{}\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n{}",
        mixed, a.mime_type, a.name, a.name, base64(a.content, true));
  out += fmt::format("--{}--\r\n", mixed);
  return out;
}

Status CurlSmtpMailer::send(const MailMessage& m, const std::string& mime) {
  CURL* curl = curl_easy_init();
  if (!curl) return Status::Internal("cannot start libcurl");
  Upload upload{&mime};
  curl_slist* rcpt = nullptr;
  for (const auto& r : m.to) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, s_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + m.from + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(s_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(std::min<long long>(s_.timeout.count(), 15)));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (s_.url.rfind("smtp://", 0) == 0 && s_.starttls) curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
  if (!s_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s_.ca_file.c_str());
  if (!s_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_slist_free_all(rcpt);
  curl_easy_cleanup(curl);
  if (rc == CURLE_OK) return Status::Ok();
  const std::string what = fmt::format("{}: {}", s_.url, error[0] ? error : curl_easy_strerror(rc));
  // 5xx: refused for good (a bad address, authentication, a policy).
  if (code >= 500 || rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED) return Status::Unavailable(what);
  return Status::TempFail(what);
}

Status send_with_retries(Mailer& mailer, const MailMessage& m, const std::string& mime, int retries,
                         std::chrono::milliseconds delay, Sleeper& sleeper) {
  Status last = Status::Ok();
  for (int attempt = 0; attempt <= retries; ++attempt) {
    if (attempt) {
      sleeper.sleep(delay);
      delay = std::min(delay * 2, std::chrono::milliseconds{60000});
    }
    last = mailer.send(m, mime);
    if (last.ok() || last.code() != ExitCode::temp_fail) return last;
  }
  return last;
}

}  // namespace ghd
