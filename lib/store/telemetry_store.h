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

// A fault or state a device reports itself (Danfoss system_status_code,
// adaptation_run_status, Bosch valve_adapt_status, Tuya battery_low).
struct DeviceEvent {
  std::int64_t t = 0;  // seconds since the Unix epoch
  std::string key, value;
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
  // For each device, the start of its latest hour of roll-ups before `before`
  // (a UTC instant): what is known of a device once its raw readings are purged.
  Result<std::unordered_map<long long, std::int64_t>> latest_rollup_hours(std::int64_t before);

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
  // The latest local day, up to `day`, holding readings of one device and
  // metric; and the one before `day`.
  Result<std::optional<std::int64_t>> latest_day(long long device, const std::string& metric, std::int64_t day);
  Result<std::optional<std::int64_t>> day_before(long long device, const std::string& metric, std::int64_t day);

  // Within the caller's transaction; false when already held.
  bool add_event(long long device, const DeviceEvent& e);
  Result<std::vector<DeviceEvent>> events(long long device, std::int64_t from, std::int64_t to);

  // Building faults turned into a request: the reference of the request
  // opened for this building and diagnostic while it is still open.
  Result<std::optional<long long>> open_building_fault(const std::string& building, const std::string& diagnostic);
  void record_building_fault(const std::string& building, const std::string& diagnostic, Instant at,
                             long long request_id, const std::string& evidence);

  void quarantine(const QuarantinedReading& q);
  // Quarantined readings of one device, quarantined within [from, to].
  Result<std::vector<QuarantinedReading>> quarantined_of(const std::string& device_id, Instant from, Instant to);
  Result<std::vector<QuarantinedReading>> quarantined(const std::string& reason, long long limit);
  Result<std::vector<std::pair<std::string, long long>>> quarantine_counts();
  Result<std::vector<Rollup>> rollups(long long device, const std::string& metric, bool daily, std::int64_t from,
                                      std::int64_t to);

 private:
  SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const char* sql);
  Database& db_;
  std::optional<SQLite::Statement> get_day_, put_day_, put_hour_, put_daily_, put_quarantine_, put_event_;
};

}  // namespace ghd
