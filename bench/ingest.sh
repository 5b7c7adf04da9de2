#!/usr/bin/env bash
# Benchmark: ingest of COUNT long-CSV readings (default 10,000,000: 102
# dwellings, 408 devices, readings interleaved across devices as gateways
# send them) with `ghd-telemetry ingest` (checks, deduplication, day blocks,
# hourly and daily roll-ups), next to sqlite3's own `.import` of the same file
# into a table of the same columns with a primary key on (device, metric,
# instant), and into one without any key, in the same run.
# Targets: at least 5x the keyed .import, at least as fast as the keyless one,
# at most 30 bytes of database a reading.
#
#   bench/ingest.sh [COUNT] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../scripts/lib/common.sh"
count=${1:-10000000}
build=${2:-$GHD_ROOT/build/release}
ensure_packages
build_tree "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

work=$(mktemp -d "${TMPDIR:-/tmp}/ghd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/bench/ghd-gen-readings" "$work/registry.csv" "$work/readings.csv" "$count"
size=$(stat -c %s "$work/readings.csv")
now() { date +%s.%N; }

tel=("$build/cli/ghd-telemetry" --db "$work/ghd.db" --actor bench)
"${tel[@]}" devices import "$work/registry.csv" >/dev/null
t0=$(now)
"${tel[@]}" ingest "$work/readings.csv" --as-of 2030-01-01 >/dev/null
t1=$(now)
ghd=$(echo "$t1 - $t0" | bc -l)
"${tel[@]}" readings trv-0000 --metric temperature --since 2025-10-02 --until 2025-10-02 --as-of 2030-01-01 |
  tail -n +2 | wc -l | grep -qx 288 || { log "error: a day of readings is not 288 readings"; exit 1; }
db_bytes=$(( $(stat -c %s "$work/ghd.db") + $(stat -c %s "$work/ghd.db-wal" 2>/dev/null || echo 0) ))

t0=$(now)
sqlite3 "$work/keyless.db" "CREATE TABLE readings(timestamp TEXT, device_id TEXT, metric TEXT, value REAL);" \
  ".mode csv" ".import --skip 1 $work/readings.csv readings"
t1=$(now)
keyless=$(echo "$t1 - $t0" | bc -l)
rm -f "$work/keyless.db"
t0=$(now)
sqlite3 "$work/keyed.db" "CREATE TABLE readings(timestamp TEXT, device_id TEXT, metric TEXT, value REAL,
  PRIMARY KEY (device_id, metric, timestamp));" ".mode csv" ".import --skip 1 $work/readings.csv readings"
t1=$(now)
keyed=$(echo "$t1 - $t0" | bc -l)
keyed_bytes=$(stat -c %s "$work/keyed.db")

rate() { echo "$count / $1" | bc -l; }
printf 'ingest of %d readings (%.0f MB of CSV)\n' "$count" "$(echo "$size / 1048576" | bc -l)"
printf '  sqlite3 .import, keyed (device, metric, instant): %7.2f s  %10.0f readings/s  %5.1f bytes/reading\n' \
  "$keyed" "$(rate "$keyed")" "$(echo "$keyed_bytes / $count" | bc -l)"
printf '  sqlite3 .import, no key:                          %7.2f s  %10.0f readings/s\n' "$keyless" "$(rate "$keyless")"
printf '  ghd-telemetry ingest (checks, dedup, roll-ups):   %7.2f s  %10.0f readings/s  %5.1f bytes/reading\n' \
  "$ghd" "$(rate "$ghd")" "$(echo "$db_bytes / $count" | bc -l)"
printf '  ratio to keyed .import:   %5.2f  (target >= 5)\n' "$(echo "$keyed / $ghd" | bc -l)"
printf '  ratio to keyless .import: %5.2f  (target >= 1)\n' "$(echo "$keyless / $ghd" | bc -l)"
