// HTTP behind a small interface, so that what talks to the platform is
// tested against a real local server and never needs the network to build.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "core/status.h"

namespace ghd {

struct HttpRequest {
  std::string url;
  std::map<std::string, std::string> headers;
  std::chrono::seconds timeout{30};
  std::string ca_file;  // a private CA; verification is never turned off
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names in lower case
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // A transport failure (refused, time-out, TLS) is a TempFail status; any
  // HTTP status, even 500, is a response.
  virtual Result<HttpResponse> get(const HttpRequest& request) = 0;
};

// libcurl.
class CurlHttpClient final : public HttpClient {
 public:
  Result<HttpResponse> get(const HttpRequest& request) override;
};

// Waiting between retries, behind an interface so that tests need not wait.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep(std::chrono::milliseconds d) = 0;
};
class RealSleeper final : public Sleeper {
 public:
  void sleep(std::chrono::milliseconds d) override;
};

}  // namespace ghd
