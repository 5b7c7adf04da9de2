#include "telemetry/retention.h"

#include "store/consent_store.h"
#include "store/telemetry_store.h"

namespace ghd {

using namespace std::chrono;

Status purge_raw_readings(Database& db, int retention_days, int consent_purge_days, Instant now, bool dry_run,
                          ReadingRetentionReport& report) {
  if (retention_days < 1) return Status::Config("telemetry.retention_days must be at least 1");
  const sys_days oldest = sys_days{paris::local_date(now)} - days{retention_days};
  report.oldest_kept = Date{oldest};
  const std::int64_t day = oldest.time_since_epoch().count();
  try {
    WriteTransaction tx(db.sql());
    TelemetryStore store(db);
    if (dry_run) {
      GHD_ASSIGN(n, store.readings_before(day));
      report.readings = n;
      return Status::Ok();
    }
    report.readings = store.drop_days_before(day);
    report.withdrawn_activity = ConsentStore(db).purge_revoked_before(now - days{consent_purge_days}, now);
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
