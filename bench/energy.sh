#!/usr/bin/env bash
# Benchmark: the energy report of the 102 connected dwellings over a heating
# season of 5-minute readings (simulated: 1 October to 31 May by default),
# rendered as HTML, next to the same aggregation done by sqlite3 with one
# hand-written SQL query over a table of the raw readings (degree days per
# day, valve-hours per dwelling, mean and hours under 17 and over 22 degrees
# per room), in the same run. Target: the report at least 5 times faster.
#
#   bench/energy.sh [DAYS] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../scripts/lib/common.sh"
days=${1:-243}
build=${2:-$GHD_ROOT/build/release}
ensure_packages
build_tree "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

work=$(mktemp -d "${TMPDIR:-/tmp}/ghd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
from=2025-10-01T00:00
to=$(date -u -d "2025-10-01 + $days days" +%FT00:00)
as_of=$(date -u -d "2025-10-01 + $days days" +%FT07:00)
export GHD_CONFIG=/dev/null
tel=("$build/cli/ghd-telemetry" --db "$work/ghd.db" --actor bench)
"${tel[@]}" simulate --dwellings 102 --from "$from" --to "$to" --step 5m --no-faults -o "$work/sim" >&2
count=$(($(wc -l <"$work/sim/readings.csv") - 1))
"${tel[@]}" devices import "$work/sim/devices.csv" >/dev/null
"${tel[@]}" ingest "$work/sim/readings.csv" --as-of "$as_of" >/dev/null

# The report, rendered. A season ends on 31 May; for fewer days it is the
# season so far.
t0=$(now)
"$build/cli/ghd-report" --db "$work/ghd.db" energy --period season --as-of "$as_of" --format html -o "$work/energy.html"
t1=$(now)
report=$(echo "$t1 - $t0" | bc -l)
grep -q "<svg" "$work/energy.html" || { log "error: the report holds no chart"; exit 1; }

# The raw readings in sqlite3, and one query for the same figures.
sqlite3 "$work/raw.db" "CREATE TABLE readings(t TEXT, device TEXT, metric TEXT, value REAL);" \
  "CREATE TABLE devices(device_id TEXT, kind TEXT, model TEXT, dwelling TEXT, room TEXT, installed_at TEXT, friendly_name TEXT);" \
  ".mode csv" ".import --skip 1 $work/sim/readings.csv readings" ".import --skip 1 $work/sim/devices.csv devices" \
  "CREATE INDEX readings_metric ON readings(metric, device, t);"
query="
WITH weather AS (
  SELECT substr(t, 1, 10) AS day, min(value) AS tn, max(value) AS tx FROM readings
  WHERE device = (SELECT device_id FROM devices WHERE kind = 'weather') AND metric = 'temperature' GROUP BY day),
dd AS (SELECT sum(max(0, 18 - (tn + tx) / 2)) AS total FROM weather),
valve AS (
  SELECT d.dwelling, substr(r.t, 1, 10) AS day, avg(r.value) AS mean FROM readings r JOIN devices d ON d.device_id = r.device
  WHERE r.metric = 'valve' AND d.kind = 'trv' GROUP BY r.device, day),
demand AS (SELECT dwelling, sum(mean / 100 * 24) AS valve_hours FROM valve GROUP BY dwelling),
hourly AS (
  SELECT d.dwelling, d.room, substr(r.t, 1, 13) AS hour, avg(r.value) AS mean FROM readings r
  JOIN devices d ON d.device_id = r.device
  WHERE r.metric = 'temperature' AND d.kind IN ('trv', 'room-sensor') GROUP BY r.device, hour),
rooms AS (
  SELECT dwelling, room, avg(mean) AS mean, sum(mean < 17) AS below, sum(mean > 22) AS above FROM hourly
  GROUP BY dwelling, room)
SELECT rooms.dwelling, rooms.room, rooms.mean, rooms.below, rooms.above, demand.valve_hours, dd.total
FROM rooms JOIN demand USING (dwelling), dd;"
t0=$(now)
rows=$(sqlite3 "$work/raw.db" "$query" | wc -l)
t1=$(now)
sql=$(echo "$t1 - $t0" | bc -l)
[ "$rows" -gt 0 ] || { log "error: the SQL reference returned nothing"; exit 1; }

printf 'energy report of 102 dwellings over %d days (%d readings of 5 minutes)\n' "$days" "$count"
printf '  sqlite3, one query over the raw readings (indexed):  %7.2f s\n' "$sql"
printf '  ghd-report energy --period season, rendered as HTML: %7.2f s   %6.1fx faster (target 5x)\n' "$report" \
  "$(echo "$sql / $report" | bc -l)"
