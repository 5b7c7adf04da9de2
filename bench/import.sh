#!/usr/bin/env bash
# Benchmark: importing a virtual agency export of ROWS requests (default
# 1,000,000) with `ghd-request import` (parsing dates, validating, mapping
# categories, deduplicating on the request number, into a WAL database with its
# indexes), next to sqlite3's own `.import` of the same file into a table of the
# same columns, on this machine, in the same run. Three rounds, alternating;
# the median of each is reported, and the ratio (target: >= 1.00).
#
#   bench/import.sh [ROWS] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../scripts/lib/common.sh"
rows=${1:-1000000}
build=${2:-$GHD_ROOT/build/release}
ensure_packages
build_tree "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

work=$(mktemp -d "${TMPDIR:-/tmp}/ghd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/bench/ghd-gen-export" "$rows" > "$work/export.csv"
size=$(stat -c %s "$work/export.csv")

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }

ghd_times=() ref_times=()
for round in 1 2 3; do
  rm -f "$work"/ref.db*
  t0=$(now)
  sqlite3 "$work/ref.db" \
    "CREATE TABLE requests(ref TEXT, received TEXT, channel TEXT, category TEXT, subject TEXT, message TEXT, tenant TEXT, dwelling TEXT, agency TEXT, phone TEXT, email TEXT);" \
    ".mode csv" ".separator ;" ".import --skip 1 $work/export.csv requests"
  t1=$(now)
  ref_times+=("$(echo "$t1 - $t0" | bc -l)")
  n=$(sqlite3 "$work/ref.db" "SELECT count(*) FROM requests")
  [ "$n" = "$rows" ] || { log "error: sqlite3 imported $n rows, expected $rows"; exit 1; }

  rm -f "$work"/ghd.db*
  t0=$(now)
  "$build/cli/ghd-request" --db "$work/ghd.db" --actor bench import "$work/export.csv" >/dev/null
  t1=$(now)
  ghd_times+=("$(echo "$t1 - $t0" | bc -l)")
  n=$("$build/cli/ghd-request" --db "$work/ghd.db" list --format ids | wc -l)
  [ "$n" = "$rows" ] || { log "error: ghd imported $n rows, expected $rows"; exit 1; }
done
# Importing the same file again: every row is a known duplicate.
t0=$(now)
"$build/cli/ghd-request" --db "$work/ghd.db" --actor bench import "$work/export.csv" >/dev/null
t1=$(now)
again=$(echo "$t1 - $t0" | bc -l)

ghd=$(median "${ghd_times[@]}")
ref=$(median "${ref_times[@]}")
printf 'import of %d requests (%.0f MB), median of 3 runs\n' "$rows" "$(echo "$size / 1048576" | bc -l)"
printf '  sqlite3 .import (no parsing, no checks, no index):  %6.2f s  %9.0f rows/s\n' "$ref" "$(echo "$rows / $ref" | bc -l)"
printf '  ghd-request import:                                 %6.2f s  %9.0f rows/s\n' "$ghd" "$(echo "$rows / $ghd" | bc -l)"
printf '  ghd-request import again (all duplicates):          %6.2f s  %9.0f rows/s\n' "$again" "$(echo "$rows / $again" | bc -l)"
printf '  ratio ghd / sqlite3 (rows per second):              %6.2f  (target >= 1.00)\n' "$(echo "$ref / $ghd" | bc -l)"
