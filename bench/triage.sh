#!/usr/bin/env bash
# Benchmark: the morning triage of ROWS generated requests (default 100,000)
# against a rule set of RULES rules (default 300: the sample set plus
# generated rules that every request is tried against), store writes, history,
# duplicates and incidents included. Prints requests per second, the time per
# 20,000 requests (target: under 1 s), the share of time in rule matching
# against the store, and the ratio to a plain sequential scan of the same
# texts for one phrase (grep -c -F), the floor to compare against.
#
#   bench/triage.sh [ROWS] [RULES] [BUILD_DIR]
set -euo pipefail
. "$(dirname "$0")/../scripts/lib/common.sh"
rows=${1:-100000}
nrules=${2:-300}
build=${3:-$GHD_ROOT/build/release}
ensure_packages
build_tree "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

work=$(mktemp -d "${TMPDIR:-/tmp}/ghd-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/bench/ghd-gen-export" "$rows" > "$work/export.csv"
"$(dirname "$0")/gen_rules.sh" "$nrules" < "$GHD_ROOT/samples/rules.yaml" > "$work/rules.yaml"
n_rules=$(grep -c '^  - name:' "$work/rules.yaml")
req=("$build/cli/ghd-request" --db "$work/ghd.db" --actor bench)
tri=("$build/cli/ghd-triage" --db "$work/ghd.db" --actor bench)
"${req[@]}" import "$work/export.csv" >/dev/null
"${req[@]}" export --format csv --output "$work/texts.csv"

now() { date +%s.%N; }
t0=$(now)
"${tri[@]}" run --rules "$work/rules.yaml" --as-of 2030-01-07T07:00 --summary --format json > "$work/run.json"
t1=$(now)
total=$(echo "$t1 - $t0" | bc -l)
count=$(grep -m1 '"count"' "$work/run.json" | tr -dc '0-9')
[ "$count" = "$rows" ] || { log "error: triaged $count requests, expected $rows"; exit 1; }
matching=$(grep -m1 '"seconds_matching"' "$work/run.json" | sed 's/.*: //; s/,//')
store=$(grep -m1 '"seconds_store"' "$work/run.json" | sed 's/.*: //; s/,//')

# The floor: one pass over the same texts for one phrase.
g0=$(now)
for i in 1 2 3 4 5; do grep -c -F "odeur de gaz" "$work/texts.csv" >/dev/null || true; done
g1=$(now)
grep_s=$(echo "($g1 - $g0) / 5" | bc -l)

printf 'triage of %d requests against %d rules\n' "$rows" "$n_rules"
printf '  whole run:                 %6.2f s  %8.0f requests/s\n' "$total" "$(echo "$rows / $total" | bc -l)"
printf '  per 20,000 requests:       %6.2f s  (target < 1.00 s)\n' "$(echo "$total * 20000 / $rows" | bc -l)"
printf '  rule matching:             %6.2f s  (%2.0f %%)\n' "$matching" "$(echo "100 * $matching / $total" | bc -l)"
printf '  store reads and writes:    %6.2f s  (%2.0f %%)\n' "$store" "$(echo "100 * $store / $total" | bc -l)"
printf '  grep -c -F one phrase:     %6.3f s  (floor)\n' "$grep_s"
printf '  ratio run / grep:          %6.0f x   (matching alone: %.0f x)\n' "$(echo "$total / $grep_s" | bc -l)" \
  "$(echo "$matching / $grep_s" | bc -l)"
