// Devices and their readings in the store: the SQL of telemetry lives here.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "store/database.h"
#include "telemetry/chunk.h"
#include "telemetry/device.h"

namespace ghd {

struct Rollup {
  std::int64_t start = 0;  // hour: UTC instant of the hour's start; day: days since epoch of the local date
  long long count = 0;
  double mean = 0, min = 0, max = 0, first = 0, last = 0;
};

struct QuarantinedReading {
  long long id = 0;
  std::string file;
  long long line = 0;
  std::string reason, device_id, metric, value;
  std::optional<Instant> t;
  Instant quarantined_at{};
};

class TelemetryStore {
 public:
  explicit TelemetryStore(Database& db) : db_(db) {}
  Database& database() { return db_; }

  // Within the caller's transaction; by device_id.
  void upsert_device(const Device& d);
  Result<std::vector<Device>> devices();

  // The block of one device, metric and local day; empty when none.
  Result<std::vector<Sample>> day_samples(long long device, const std::string& metric, std::int64_t day);
  // Within the caller's transaction: replaces the block and the day's roll-ups.
  void save_day(long long device, const std::string& metric, std::int64_t day, const std::vector<Sample>& samples,
                const std::vector<Rollup>& hourly, const Rollup& daily);
  // Within the caller's transaction: drops the raw readings of the local
  // days before `day` (roll-ups stay); returns how many readings went.
  long long drop_days_before(std::int64_t day);
  Result<long long> readings_before(std::int64_t day);
  // For each device and metric, its latest local day holding readings, up to `day`.
  struct LatestDay {
    long long device;
    std::string metric;
    std::int64_t day;
  };
  Result<std::vector<LatestDay>> latest_days(std::int64_t day);
  // Where pulling from `source` stopped; empty at first.
  Result<std::string> cursor(const std::string& source);
  Status set_cursor(const std::string& source, const std::string& cursor, Instant now);
  // Alerts of the checks (telemetry/checks.h): SQL kept here.
  bool alert_open(const std::string& dwelling, const std::string& kind);
  long long insert_alert(const std::string& dwelling, const std::string& kind, Instant at, const std::string& evidence);
  struct AlertRow {
    long long id;
    std::string dwelling, kind, evidence;
    Instant raised_at;
    std::optional<Instant> acknowledged_at;
    std::string acknowledged_by, note;
  };
  Result<std::vector<AlertRow>> alert_rows(bool all);
  int acknowledge_alert(long long id, const std::string& actor, const std::string& note, Instant now);
  void quarantine(const QuarantinedReading& q);
  Result<std::vector<QuarantinedReading>> quarantined(const std::string& reason, long long limit);
  Result<std::vector<std::pair<std::string, long long>>> quarantine_counts();
  Result<std::vector<Rollup>> rollups(long long device, const std::string& metric, bool daily, std::int64_t from,
                                      std::int64_t to);

 private:
  SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const char* sql);
  Database& db_;
  std::optional<SQLite::Statement> get_day_, put_day_, put_hour_, put_daily_, put_quarantine_;
};

}  // namespace ghd
