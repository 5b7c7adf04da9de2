#include "telemetry/pull.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/secret.h"
#include "store/telemetry_store.h"
#include "telemetry/ingest.h"

namespace ghd {

using namespace std::chrono;

namespace {

constexpr int kMaxPages = 1000000;
constexpr seconds kMaxWait{300};

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += char(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The page's readings as long CSV, for the one ingest path.
Result<std::pair<std::string, std::string>> page_to_csv(const std::string& body) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return Status::DataError(fmt::format("invalid or truncated JSON from the platform: {}", e.what()));
  }
  if (!j.is_object() || !j.contains("readings") || !j["readings"].is_array())
    return Status::DataError("the platform's answer has no 'readings' list");
  std::string csv = "timestamp,device_id,metric,value\n";
  for (const auto& r : j["readings"]) {
    auto text = [&](const char* key) -> std::string {
      if (!r.is_object() || !r.contains(key)) return "";
      return r[key].is_string() ? r[key].get<std::string>() : r[key].dump();
    };
    csv += fmt::format("{},{},{},{}\n", csv_field(text("t")), csv_field(text("device")), csv_field(text("metric")),
                       csv_field(text("value")));
  }
  std::string next = j.contains("next") && j["next"].is_string() ? j["next"].get<std::string>() : "";
  if (j["readings"].empty()) csv.clear();
  return std::make_pair(csv, next);
}

}  // namespace

Status pull_readings(Database& db, HttpClient& http, Sleeper& sleeper, const Config::Gateway& g, Instant now,
                     PullReport& report) {
  report = PullReport{};
  if (g.url.empty()) return Status::Config("no platform configured: set telemetry.gateway.url");
  GHD_ASSIGN(token, read_secret_file(g.token_file));
  TelemetryStore store(db);
  GHD_ASSIGN(cursor, store.cursor(g.url));
  report.cursor = cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    HttpRequest req;
    req.url = fmt::format("{}/api/v1/readings?since={}&limit={}", g.url, url_encode(cursor), g.page_size);
    req.headers["Authorization"] = "Bearer " + token;
    req.headers["Accept"] = "application/json";
    req.timeout = seconds{g.timeout_seconds};
    req.ca_file = g.ca_file;
    HttpResponse response;
    milliseconds delay{g.retry_delay_ms};
    for (int attempt = 0;; ++attempt) {
      auto r = http.get(req);
      std::string failure;
      milliseconds wait = delay;
      if (!r.ok()) {
        failure = r.status().message();
      } else if (r->status == 429) {
        failure = "429 Too Many Requests";
        long secs = 1;
        if (auto it = r->headers.find("retry-after"); it != r->headers.end()) secs = std::atol(it->second.c_str());
        wait = duration_cast<milliseconds>(std::clamp<seconds>(seconds{secs}, seconds{0}, kMaxWait));
      } else if (r->status >= 500) {
        failure = fmt::format("HTTP {}", r->status);
      } else if (r->status == 401 || r->status == 403) {
        return Status::NoPermission(fmt::format("{}: HTTP {}: the token in {} is wrong or expired", g.url, r->status,
                                                g.token_file));
      } else if (r->status != 200) {
        return Status::Unavailable(fmt::format("{}: unexpected HTTP {}", req.url, r->status));
      } else {
        response = std::move(*r);
        break;
      }
      if (attempt >= g.retries)
        return Status::TempFail(fmt::format("{}: {} after {} attempt(s); try again later", g.url, failure, attempt + 1));
      ++report.retries;
      sleeper.sleep(wait);
      if (failure.rfind("429", 0) != 0) delay = std::min<milliseconds>(delay * 2, milliseconds{60000});
    }
    GHD_ASSIGN(parsed, page_to_csv(response.body));
    if (parsed.first.empty()) return Status::Ok();  // up to date
    IngestReport ingest;
    GHD_TRY(ingest_readings(db, fmt::format("{} page {}", g.url, page + 1), parsed.first, ReadingFormat::csv, now, ingest));
    ++report.pages;
    report.readings += ingest.readings;
    report.added += ingest.added;
    report.duplicates += ingest.duplicates;
    report.quarantined += ingest.quarantined;
    report.not_consented += ingest.not_consented;
    if (parsed.second.empty() || parsed.second == cursor) return Status::Ok();
    // Only once the page is committed does the cursor move.
    cursor = parsed.second;
    GHD_TRY(store.set_cursor(g.url, cursor, now));
    report.cursor = cursor;
  }
  return Status::Ok();
}

}  // namespace ghd
