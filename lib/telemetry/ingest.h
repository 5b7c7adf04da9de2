// Ingesting readings: long CSV (timestamp,device_id,metric,value) and
// Zigbee2MQTT JSON Lines, told apart by their first character. Readings are
// deduplicated on (device, metric, instant), may come in any order, and are
// checked; a bad reading is never dropped silently nor stored as good: it
// goes to the quarantine with its file, line and reason. Each file is
// ingested whole or not at all; the day roll-ups are maintained as it goes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "calendar/time.h"
#include "store/database.h"

namespace ghd {

enum class ReadingFormat { automatic, csv, jsonl };

struct IngestReport {
  std::string file;
  ReadingFormat format = ReadingFormat::csv;
  long long lines = 0;
  long long readings = 0;     // readings found
  long long added = 0;        // new
  long long duplicates = 0;   // already held (same device, metric and instant)
  long long quarantined = 0;
  long long events = 0;         // faults and states devices report themselves (system_status_code, ...)
  long long not_consented = 0;  // activity readings of dwellings without consent: not stored, counted
  std::map<std::string, long long> quarantined_by_reason;
  std::map<std::string, long long> ignored_keys;  // JSON payload keys that are not metrics
};

Status ingest_readings(Database& db, const std::string& file, std::string_view bytes, ReadingFormat format,
                       Instant now, IngestReport& report);

const char* format_name(ReadingFormat f);

}  // namespace ghd
