#!/usr/bin/env bash
# ghd-telemetry simulate, diagnose and debug from the command line: the
# simulated district with its faults, found by a support engineer's commands.
. "$(dirname "$0")/lib.sh"

expect_exit 0 ghd-telemetry simulate --dwellings 102 --from 2026-11-27T00:00 --to 2026-11-30T07:00 --step 15m -o sim
expect_match "$OUT" "102 consenting|, [0-9]+ consenting dwelling" "simulation summary"
for f in devices.csv readings.csv consents.csv truth.json; do
  [ -s "sim/$f" ] || fail "sim/$f missing"
done
[ ! -e sim/readings.csv.partial ] || fail "partial file left behind"
expect_exit 64 ghd-telemetry simulate --from 2026-11-27 --to 2026-11-26 -o bad
expect_exit 64 ghd-telemetry simulate --from 2026-11-27 --to 2026-11-28 --step 5x -o bad

expect_exit 0 ghd-telemetry devices import sim/devices.csv
expect_exit 0 ghd-telemetry ingest sim/readings.csv --as-of 2026-11-30T07:00
expect_match "$OUT" "0 quarantined" "the simulation is clean data"

expect_exit 0 ghd-telemetry diagnose --since 2026-11-27 --as-of 2026-11-30T07:00 --format json
diag_json=$OUT
for want in '"diagnostic": "frozen-sensor"' '"diagnostic": "valve-stuck-open"' '"diagnostic": "battery-dying"' \
            '"diagnostic": "heating-failure"' '"diagnostic": "gateway-outage"'; do
  expect_match "$diag_json" "$want" "found: $want"
done
n=$(printf '%s\n' "$diag_json" | grep -c '"diagnostic"')
expect_eq "$n" "5" "five findings, nothing else"
expect_match "$diag_json" '"opened": true' "the heating failure opened a request"
ref=$(printf '%s\n' "$diag_json" | grep -m1 '"request"' | sed 's/.*"\(R[0-9]*\)".*/\1/')
expect_exit 0 ghd-request show "$ref" --format json
expect_match "$OUT" '"service": "chauffage"' "request for the heating service"
expect_match "$OUT" '"category": "technical"' "technical category"
expect_match "$OUT" '"building": "FO-B11"' "for the failing building"

# Run again (the next morning's batch): no second request.
expect_exit 0 ghd-telemetry diagnose --since 2026-11-27 --as-of 2026-11-30T08:00
expect_match "$OUT" "already open" "the request is not opened twice"
expect_exit 0 ghd-request list --format ids
expect_eq "$(printf '%s\n' "$OUT" | grep -c .)" "1" "one request in all"

expect_exit 0 ghd-telemetry diagnose --building FO-B10 --since 2026-11-27 --as-of 2026-11-30T07:00 --dry-run
expect_match "$OUT" "frozen-sensor +trv-0001" "per building"
expect_exit 0 ghd-telemetry diagnose --as-of 2026-11-26T07:00 --dry-run
expect_match "$OUT" "0 finding" "nothing before the data"

expect_exit 0 ghd-telemetry debug trv-0001 --since 2026-11-27 --as-of 2026-11-30T07:00
expect_match "$OUT" "frozen-sensor" "debug shows the diagnostic"
expect_match "$OUT" "^temperature +2026-11-30 07:00" "last frame of a metric"
expect_exit 0 ghd-telemetry debug trv-0009 --as-of 2026-11-30T07:00 --format json
expect_match "$OUT" '"days_left": [0-9.]+' "days of battery left"
expect_match "$OUT" '"diagnostic": "battery-dying"' "dying battery"
expect_exit 0 ghd-telemetry debug FO-B12/pv --as-of 2026-11-28T16:00 --since 2026-11-28 --format json
expect_match "$OUT" '"seconds": 22500' "the gateway outage is a gap of 6 h 15 min"
expect_exit 65 ghd-telemetry debug nope
expect_exit 64 ghd-telemetry debug trv-0001 --since someday

# The shipped sample set: its own ground truth, found on the sample stock.
export GHD_DB="$SCRATCH/samples.db"
expect_exit 0 ghd-request stock import "$SAMPLES"/stock/*.csv
expect_exit 0 ghd-telemetry devices import "$SAMPLES/telemetry/devices.csv"
expect_exit 0 ghd-telemetry ingest "$SAMPLES/telemetry/readings.csv.gz" --as-of 2026-11-30T07:00
expect_exit 0 ghd-telemetry diagnose --since 2026-11-27 --as-of 2026-11-30T07:00 --dry-run
# "diagnostic target" per finding: the device, or the building for a building finding.
found=$(printf '%s\n' "$OUT" | awk '/^[A-Z]/ { b = $1 } /^  [a-z]/ && $1 != "" { print $1, ($2 == "building" ? b : $2) }' | sort)
expected=$(grep -E '"(expected|target)"' "$SAMPLES/telemetry/truth.json" | sed 's/.*: "\(.*\)".*/\1/' | paste -d' ' - - |
  grep -vE '^(too-cold|inactivity)' | sort)
[ -n "$expected" ] || fail "no fault in the sample truth"
expect_eq "$found" "$expected" "the sample's faults found, and nothing else"

pass
