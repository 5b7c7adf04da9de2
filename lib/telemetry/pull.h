// Pulling readings from the platform's HTTP API:
//   GET {url}/api/v1/readings?since={cursor}&limit={n}, Authorization: Bearer
// page after page until an empty page says it is up to date. Each page is
// ingested like a file, then the cursor advances: a pull stopped anywhere
// resumes where it stopped, and a page read twice changes nothing.
// 5xx answers and time-outs are retried with a doubling back-off; 429 waits
// as Retry-After says; 401 and 403 stop with a clear error.
#pragma once

#include "config/config.h"
#include "net/http.h"
#include "store/database.h"

namespace ghd {

struct PullReport {
  int pages = 0;
  long long readings = 0, added = 0, duplicates = 0, quarantined = 0, not_consented = 0;
  int retries = 0;
  std::string cursor;  // where the next pull starts
};

Status pull_readings(Database& db, HttpClient& http, Sleeper& sleeper, const Config::Gateway& gateway, Instant now,
                     PullReport& report);

}  // namespace ghd
