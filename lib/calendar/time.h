// Instants, local calendar days and the Europe/Paris time zone.
//
// Instants are stored in UTC. Everything shown to people, and every "day",
// is Europe/Paris local time. The machine's TZ is never consulted: the zone's
// rule is the EU one (summer time from 01:00 UTC on the last Sunday of March
// to 01:00 UTC on the last Sunday of October), which France has followed
// since 1996; earlier instants are converted with the same rule.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ghd {

using Instant = std::chrono::sys_seconds;
using LocalTime = std::chrono::local_seconds;
using Date = std::chrono::year_month_day;

// What to do with a local time that happens twice (the October hour) or never
// (the March hour).
enum class Fold {
  earlier,  // ambiguous: the first occurrence (summer time); gap: shifted forward
  later,    // ambiguous: the second occurrence (winter time); gap: shifted forward
};

namespace paris {
// Offset from UTC in effect at the instant: 3600 or 7200 seconds.
std::chrono::seconds utc_offset(Instant t);
LocalTime to_local(Instant t);
Instant to_utc(LocalTime t, Fold fold = Fold::earlier);
Date local_date(Instant t);
// Local midnight at the start of a day (days have 23, 24 or 25 hours).
Instant start_of_day(Date d);
}  // namespace paris

Instant from_unix(long long seconds);
long long to_unix(Instant t);

// "2026-11-30T08:05:00+01:00": local Paris time with its offset, unambiguous
// for machines and readable for people.
std::string format_iso(Instant t);
// "2026-11-30 08:05" local, for tables.
std::string format_local_minutes(Instant t);
std::string format_date(Date d);  // "2026-11-30"

// ISO 8601 instants: "2026-11-30T06:05:00Z", "...+01:00", "2026-11-30 08:05"
// (no offset: Paris local time), "2026-11-30" (local midnight); fractional
// seconds are accepted and dropped.
Result<Instant> parse_instant(std::string_view text);
Result<Date> parse_date(std::string_view text);
// French "dd/mm/yyyy HH:MM[:SS]" in Paris local time, as exports write them.
Result<Instant> parse_french_datetime(std::string_view text);

bool valid_date(int y, unsigned m, unsigned d);

}  // namespace ghd
