#include "store/telemetry_store.h"

#include <fmt/format.h>

namespace ghd {

SQLite::Statement& TelemetryStore::prepared(std::optional<SQLite::Statement>& slot, const char* sql) {
  return prepared_once(slot, db_.sql(), sql);
}

void TelemetryStore::upsert_device(const Device& d) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO devices (device_id, kind, model, dwelling, room, building, installed_on, "
                      "friendly_name) VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')) ON CONFLICT(device_id) DO UPDATE "
                      "SET kind = excluded.kind, model = excluded.model, dwelling = excluded.dwelling, "
                      "room = excluded.room, building = excluded.building, installed_on = excluded.installed_on, "
                      "friendly_name = excluded.friendly_name");
  int i = 1;
  for (const std::string* s : {&d.device_id, &d.kind, &d.model, &d.dwelling, &d.room, &d.building}) q.bind(i++, *s);
  q.bind(i++, format_date(d.installed_on));
  q.bind(i++, d.friendly_name);
  q.exec();
}

Result<std::vector<Device>> TelemetryStore::devices() {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, device_id, kind, model, dwelling, room, building, installed_on, "
                        "coalesce(friendly_name, '') FROM devices ORDER BY device_id");
    std::vector<Device> out;
    while (q.executeStep()) {
      Device d;
      d.id = q.getColumn(0).getInt64();
      d.device_id = q.getColumn(1).getString();
      d.kind = q.getColumn(2).getString();
      d.model = q.getColumn(3).getString();
      d.dwelling = q.getColumn(4).getString();
      d.room = q.getColumn(5).getString();
      d.building = q.getColumn(6).getString();
      auto date = parse_date(q.getColumn(7).getString());
      if (date.ok()) d.installed_on = *date;
      d.friendly_name = q.getColumn(8).getString();
      out.push_back(std::move(d));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<Sample>> TelemetryStore::day_samples(long long device, const std::string& metric, std::int64_t day) {
  try {
    auto& q = prepared(get_day_, "SELECT data FROM reading_days WHERE device = ? AND metric = ? AND day = ?");
    q.bind(1, static_cast<int64_t>(device));
    q.bind(2, metric);
    q.bind(3, static_cast<int64_t>(day));
    if (!q.executeStep()) return std::vector<Sample>();
    const auto col = q.getColumn(0);
    const std::string blob(static_cast<const char*>(col.getBlob()), size_t(col.getBytes()));
    q.reset();
    const std::int64_t day_start = to_unix(paris::start_of_day(Date{std::chrono::sys_days{std::chrono::days{day}}}));
    return decode_chunk(blob, day_start);
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

void TelemetryStore::save_day(long long device, const std::string& metric, std::int64_t day,
                              const std::vector<Sample>& samples, const std::vector<Rollup>& hourly,
                              const Rollup& daily) {
  const std::int64_t day_start = to_unix(paris::start_of_day(Date{std::chrono::sys_days{std::chrono::days{day}}}));
  const std::string blob = encode_chunk(samples, day_start);
  auto& q = prepared(put_day_, "INSERT OR REPLACE INTO reading_days (device, metric, day, count, data) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(device));
  q.bind(2, metric);
  q.bind(3, static_cast<int64_t>(day));
  q.bind(4, static_cast<int64_t>(samples.size()));
  q.bind(5, blob.data(), int(blob.size()));
  q.exec();
  auto put = [&](std::optional<SQLite::Statement>& slot, const char* sql, const Rollup& r) {
    auto& s = prepared(slot, sql);
    s.bind(1, static_cast<int64_t>(device));
    s.bind(2, metric);
    s.bind(3, static_cast<int64_t>(r.start));
    s.bind(4, static_cast<int64_t>(r.count));
    s.bind(5, r.mean);
    s.bind(6, r.min);
    s.bind(7, r.max);
    s.bind(8, r.first);
    s.bind(9, r.last);
    s.exec();
  };
  for (const auto& h : hourly)
    put(put_hour_,
        "INSERT OR REPLACE INTO rollups_hourly (device, metric, hour, count, mean, min, max, first, last) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        h);
  put(put_daily_,
      "INSERT OR REPLACE INTO rollups_daily (device, metric, day, count, mean, min, max, first, last) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      daily);
}

Result<long long> TelemetryStore::readings_before(std::int64_t day) {
  try {
    SQLite::Statement q(db_.sql(), "SELECT coalesce(sum(count), 0) FROM reading_days WHERE day < ?");
    q.bind(1, static_cast<int64_t>(day));
    q.executeStep();
    return static_cast<long long>(q.getColumn(0).getInt64());
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

long long TelemetryStore::drop_days_before(std::int64_t day) {
  auto n = readings_before(day);
  SQLite::Statement q(db_.sql(), "DELETE FROM reading_days WHERE day < ?");
  q.bind(1, static_cast<int64_t>(day));
  q.exec();
  return n.ok() ? *n : 0;
}

Result<std::unordered_map<long long, std::int64_t>> TelemetryStore::latest_rollup_hours(std::int64_t before) {
  try {
    SQLite::Statement q(db_.sql(), "SELECT device, max(hour) FROM rollups_hourly WHERE hour < ? GROUP BY device");
    q.bind(1, static_cast<int64_t>(before));
    std::unordered_map<long long, std::int64_t> out;
    while (q.executeStep()) out[q.getColumn(0).getInt64()] = q.getColumn(1).getInt64();
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<TelemetryStore::LatestDay>> TelemetryStore::latest_days(std::int64_t day) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT device, metric, max(day) FROM reading_days WHERE day <= ? GROUP BY device, metric");
    q.bind(1, static_cast<int64_t>(day));
    std::vector<LatestDay> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::string> TelemetryStore::cursor(const std::string& source) {
  try {
    SQLite::Statement q(db_.sql(), "SELECT cursor FROM pull_cursors WHERE source = ?");
    q.bind(1, source);
    if (q.executeStep()) return q.getColumn(0).getString();
    return std::string();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Status TelemetryStore::set_cursor(const std::string& source, const std::string& cursor, Instant now) {
  try {
    SQLite::Statement q(db_.sql(),
                        "INSERT INTO pull_cursors (source, cursor, updated_at) VALUES (?, ?, ?) "
                        "ON CONFLICT(source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at");
    q.bind(1, source);
    q.bind(2, cursor);
    q.bind(3, static_cast<int64_t>(to_unix(now)));
    q.exec();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

bool TelemetryStore::alert_open(const std::string& dwelling, const std::string& kind) {
  SQLite::Statement q(db_.sql(),
                      "SELECT 1 FROM alerts WHERE dwelling = ? AND kind = ? AND acknowledged_at IS NULL LIMIT 1");
  q.bind(1, dwelling);
  q.bind(2, kind);
  return q.executeStep();
}

long long TelemetryStore::insert_alert(const std::string& dwelling, const std::string& kind, Instant at,
                                       const std::string& evidence) {
  SQLite::Statement q(db_.sql(), "INSERT INTO alerts (dwelling, kind, raised_at, evidence) VALUES (?, ?, ?, ?)");
  q.bind(1, dwelling);
  q.bind(2, kind);
  q.bind(3, static_cast<int64_t>(to_unix(at)));
  q.bind(4, evidence);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

Result<std::vector<TelemetryStore::AlertRow>> TelemetryStore::alert_rows(bool all) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, dwelling, kind, evidence, raised_at, acknowledged_at, coalesce(acknowledged_by, ''), "
                        "note FROM alerts WHERE ? OR acknowledged_at IS NULL ORDER BY id");
    q.bind(1, all ? 1 : 0);
    std::vector<AlertRow> out;
    while (q.executeStep()) {
      AlertRow r{q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                 q.getColumn(3).getString(), from_unix(q.getColumn(4).getInt64()), std::nullopt,
                 q.getColumn(6).getString(), q.getColumn(7).getString()};
      if (!q.getColumn(5).isNull()) r.acknowledged_at = from_unix(q.getColumn(5).getInt64());
      out.push_back(std::move(r));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

int TelemetryStore::acknowledge_alert(long long id, const std::string& actor, const std::string& note, Instant now) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ?, note = ? "
                      "WHERE id = ? AND acknowledged_at IS NULL");
  q.bind(1, static_cast<int64_t>(to_unix(now)));
  q.bind(2, actor);
  q.bind(3, note);
  q.bind(4, static_cast<int64_t>(id));
  return q.exec();
}

void TelemetryStore::quarantine(const QuarantinedReading& r) {
  auto& q = prepared(put_quarantine_,
                     "INSERT INTO quarantine (file, line, reason, device_id, metric, t, value, quarantined_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, r.file);
  q.bind(2, static_cast<int64_t>(r.line));
  q.bind(3, r.reason);
  q.bind(4, r.device_id);
  q.bind(5, r.metric);
  if (r.t) q.bind(6, static_cast<int64_t>(to_unix(*r.t)));
  else q.bind(6);
  q.bind(7, r.value);
  q.bind(8, static_cast<int64_t>(to_unix(r.quarantined_at)));
  q.exec();
}

namespace {
QuarantinedReading quarantined_row(SQLite::Statement& q) {
  QuarantinedReading r;
  r.id = q.getColumn(0).getInt64();
  r.file = q.getColumn(1).getString();
  r.line = q.getColumn(2).getInt64();
  r.reason = q.getColumn(3).getString();
  r.device_id = q.getColumn(4).getString();
  r.metric = q.getColumn(5).getString();
  if (!q.getColumn(6).isNull()) r.t = from_unix(q.getColumn(6).getInt64());
  r.value = q.getColumn(7).getString();
  r.quarantined_at = from_unix(q.getColumn(8).getInt64());
  return r;
}
}  // namespace

Result<std::vector<QuarantinedReading>> TelemetryStore::quarantined_of(const std::string& device_id, Instant from,
                                                                     Instant to) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, file, line, reason, device_id, metric, t, value, quarantined_at FROM quarantine "
                        "WHERE device_id = ? AND quarantined_at BETWEEN ? AND ? ORDER BY id");
    q.bind(1, device_id);
    q.bind(2, static_cast<int64_t>(to_unix(from)));
    q.bind(3, static_cast<int64_t>(to_unix(to)));
    std::vector<QuarantinedReading> out;
    while (q.executeStep()) out.push_back(quarantined_row(q));
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::optional<std::int64_t>> TelemetryStore::latest_day(long long device, const std::string& metric,
                                                               std::int64_t day) {
  return day_before(device, metric, day + 1);
}

Result<std::optional<std::int64_t>> TelemetryStore::day_before(long long device, const std::string& metric,
                                                               std::int64_t day) {
  try {
    SQLite::Statement q(db_.sql(), "SELECT max(day) FROM reading_days WHERE device = ? AND metric = ? AND day < ?");
    q.bind(1, static_cast<int64_t>(device));
    q.bind(2, metric);
    q.bind(3, static_cast<int64_t>(day));
    if (q.executeStep() && !q.getColumn(0).isNull()) return std::optional<std::int64_t>(q.getColumn(0).getInt64());
    return std::optional<std::int64_t>();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

bool TelemetryStore::add_event(long long device, const DeviceEvent& e) {
  auto& q = prepared(put_event_, "INSERT OR IGNORE INTO device_events (device, t, key, value) VALUES (?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(device));
  q.bind(2, static_cast<int64_t>(e.t));
  q.bind(3, e.key);
  q.bind(4, e.value);
  return q.exec() > 0;
}

Result<std::vector<DeviceEvent>> TelemetryStore::events(long long device, std::int64_t from, std::int64_t to) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT t, key, value FROM device_events WHERE device = ? AND t BETWEEN ? AND ? ORDER BY t, key");
    q.bind(1, static_cast<int64_t>(device));
    q.bind(2, static_cast<int64_t>(from));
    q.bind(3, static_cast<int64_t>(to));
    std::vector<DeviceEvent> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString()});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::optional<long long>> TelemetryStore::open_building_fault(const std::string& building,
                                                                    const std::string& diagnostic) {
  try {
    // Open as long as its request is: once closed (or cancelled...), a new
    // failure of the same building is a new request.
    SQLite::Statement q(db_.sql(),
                        "SELECT f.request_id FROM building_faults f JOIN requests r ON r.id = f.request_id "
                        "WHERE f.building = ? AND f.diagnostic = ? AND r.status NOT IN "
                        "('resolved', 'closed', 'rejected', 'cancelled', 'duplicate') ORDER BY f.id DESC LIMIT 1");
    q.bind(1, building);
    q.bind(2, diagnostic);
    if (q.executeStep()) return std::optional<long long>(q.getColumn(0).getInt64());
    return std::optional<long long>();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

void TelemetryStore::record_building_fault(const std::string& building, const std::string& diagnostic, Instant at,
                                           long long request_id, const std::string& evidence) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO building_faults (building, diagnostic, opened_at, request_id, evidence) "
                      "VALUES (?, ?, ?, ?, ?)");
  q.bind(1, building);
  q.bind(2, diagnostic);
  q.bind(3, static_cast<int64_t>(to_unix(at)));
  q.bind(4, static_cast<int64_t>(request_id));
  q.bind(5, evidence);
  q.exec();
}

Result<std::vector<QuarantinedReading>> TelemetryStore::quarantined(const std::string& reason, long long limit) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, file, line, reason, device_id, metric, t, value, quarantined_at FROM quarantine "
                        "WHERE (? = '' OR reason = ?) ORDER BY id LIMIT ?");
    q.bind(1, reason);
    q.bind(2, reason);
    q.bind(3, static_cast<int64_t>(limit > 0 ? limit : -1));
    std::vector<QuarantinedReading> out;
    while (q.executeStep()) out.push_back(quarantined_row(q));
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<std::pair<std::string, long long>>> TelemetryStore::quarantine_counts() {
  try {
    SQLite::Statement q(db_.sql(), "SELECT reason, count(*) FROM quarantine GROUP BY reason ORDER BY reason");
    std::vector<std::pair<std::string, long long>> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<Rollup>> TelemetryStore::rollups(long long device, const std::string& metric, bool daily,
                                                    std::int64_t from, std::int64_t to) {
  try {
    SQLite::Statement q(db_.sql(), daily ? "SELECT day, count, mean, min, max, first, last FROM rollups_daily "
                                           "WHERE device = ? AND metric = ? AND day >= ? AND day < ? ORDER BY day"
                                         : "SELECT hour, count, mean, min, max, first, last FROM rollups_hourly "
                                           "WHERE device = ? AND metric = ? AND hour >= ? AND hour < ? ORDER BY hour");
    q.bind(1, static_cast<int64_t>(device));
    q.bind(2, metric);
    q.bind(3, static_cast<int64_t>(from));
    q.bind(4, static_cast<int64_t>(to));
    std::vector<Rollup> out;
    while (q.executeStep())
      out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getDouble(),
                     q.getColumn(3).getDouble(), q.getColumn(4).getDouble(), q.getColumn(5).getDouble(),
                     q.getColumn(6).getDouble()});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

}  // namespace ghd
