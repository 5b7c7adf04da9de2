#!/usr/bin/env bash
# Regenerates samples/telemetry/ with the simulator: the 102 connected
# dwellings of the sample stock, Friday 27 to Monday 30 November 2026 07:00,
# a reading every 15 minutes, the faults of ghd-telemetry(1)'s simulate.
# Usage: samples/tools/generate_telemetry.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:?usage: generate_telemetry.sh BUILD_DIR}/cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GHD_CONFIG=/dev/null GHD_DB="$tmp/stock.db"
"$bin/ghd-request" stock import "$here"/stock/*.csv >/dev/null
"$bin/ghd-telemetry" simulate --dwellings 102 --from 2026-11-27T00:00 --to 2026-11-30T07:00 --step 15m -o "$tmp/sim"
gzip -9n "$tmp/sim/readings.csv"
mkdir -p "$here/telemetry"
cp "$tmp/sim/devices.csv" "$tmp/sim/readings.csv.gz" "$tmp/sim/consents.csv" "$tmp/sim/truth.json" "$here/telemetry/"
