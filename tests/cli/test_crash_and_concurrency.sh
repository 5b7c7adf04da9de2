#!/usr/bin/env bash
# A process killed in the middle of an import leaves the database consistent,
# holding none or all of the file; two processes writing at once both succeed.
. "$(dirname "$0")/lib.sh"
: "${GHD_BUILD:?GHD_BUILD must name the build tree}"
GEN="$GHD_BUILD/bench/ghd-gen-export"

# kill_mid_import FILE ROWS WATCHED_FILE: starts an import, kills it with
# SIGKILL once WATCHED_FILE has grown (the transaction is being written),
# then checks all-or-nothing and that a new import completes it.
kill_mid_import() {
  local file=$1 rows=$2 watched=$3
  rm -f "$GHD_DB" "$GHD_DB"-*
  ghd-request stock import "$SAMPLES/stock/agencies.csv" >/dev/null
  ghd-request import "$file" >/dev/null 2>&1 &
  local pid=$!
  local i
  for i in $(seq 1 4000); do
    [ -f "$watched" ] && [ "$(stat -c %s "$watched" 2>/dev/null || echo 0)" -gt 1000000 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  local killed=no
  kill -9 "$pid" 2>/dev/null && killed=yes
  wait "$pid" 2>/dev/null
  local n
  n=$(count_requests)
  checks=$((checks + 1))
  if [ "$n" != 0 ] && [ "$n" != "$rows" ]; then fail "after SIGKILL: $n requests, expected 0 or $rows"; fi
  echo "killed=$killed, requests after the kill: $n of $rows"
  expect_exit 0 ghd-request db check
  expect_exit 0 ghd-request import "$file"
  expect_eq "$(count_requests)" "$rows" "import after the kill completes the file"
}

# A large file: bulk mode (rollback journal).
"$GEN" 200000 > big.csv
kill_mid_import big.csv 200000 "$GHD_DB"
# A smaller one: WAL mode.
"$GEN" 50000 > small.csv
kill_mid_import small.csv 50000 "$GHD_DB-wal"

# Two writers at once: a large import and a stream of small updates.
rm -f "$GHD_DB" "$GHD_DB"-*
"$GEN" 100000 1 > a.csv
"$GEN" 100000 500001 > b.csv
ghd-request add --category other --message "premier" >/dev/null
ghd-request import a.csv > a.out 2>&1 &
pa=$!
ghd-request import b.csv > b.out 2>&1 &
pb=$!
updates_ok=0
for i in $(seq 1 20); do
  ghd-request update R000001 --note "passage $i" >/dev/null 2>&1 && updates_ok=$((updates_ok + 1))
done
wait $pa
ra=$?
wait $pb
rb=$?
expect_eq "$ra" 0 "first concurrent import"
expect_eq "$rb" 0 "second concurrent import"
expect_eq "$updates_ok" 20 "updates during the imports"
expect_eq "$(count_requests)" 200001 "both imports complete"
expect_exit 0 ghd-request show R000001
expect_match "$OUT" "passage 20" "last update recorded"
expect_exit 0 ghd-request db check

cat a.out b.out >&2
pass
