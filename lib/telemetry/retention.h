// Retention of raw readings: kept `telemetry.retention_days` (400 by default),
// then dropped by whole local days; the hourly and daily roll-ups stay.
#pragma once

#include "calendar/time.h"
#include "store/database.h"

namespace ghd {

struct ReadingRetentionReport {
  Date oldest_kept{};
  long long readings = 0;           // dropped, or that would be with dry_run
  long long withdrawn_activity = 0; // activity readings of withdrawn consents deleted
};

// Also deletes the activity data of dwellings whose consent was withdrawn
// more than `consent_purge_days` ago.
Status purge_raw_readings(Database& db, int retention_days, int consent_purge_days, Instant now, bool dry_run,
                          ReadingRetentionReport& report);

}  // namespace ghd
