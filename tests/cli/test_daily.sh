#!/usr/bin/env bash
# scripts/ghd-daily: a morning on the samples (exports archived, a bad one
# rejected with its errors, telemetry ingested, triage, checks, dated
# reports), two copies at once, a failing mail server, a missed day caught up.
. "$(dirname "$0")/lib.sh"
: "${GHD_BUILD:?GHD_BUILD must name the build tree}"
SMTP="$GHD_BUILD/tests/fake-smtp"
DAILY="$GHD_SOURCE/scripts/ghd-daily"
export GHD_CONFIG="$SCRATCH/ghd.yaml"
cat > ghd.yaml <<YAML
triage:
  rules: $SAMPLES/rules.yaml
YAML
R="$SCRATCH/batch"
mkdir -p "$R/inbox" "$R/telemetry/inbox"
cp "$SAMPLES"/exports/*.csv "$R/inbox/"
cp "$DATA/va-bad-category.csv" "$R/inbox/"
cp "$SAMPLES/telemetry/devices.csv" "$R/telemetry/inbox/registry.csv"
cp "$SAMPLES/telemetry/readings.csv.gz" "$R/telemetry/inbox/"
ghd-request stock import "$SAMPLES"/stock/*.csv >/dev/null

# Monday 30 November 2026, 07:00: a business day.
expect_exit 1 "$DAILY" --root "$R" --as-of 2026-11-30T07:00
expect_match "$ERR" "import: va-bad-category.csv rejected" "the bad export is rejected"
expect_match "$ERR" "end: [0-9]+ step\(s\) succeeded, 1 failed" "one step failed, the others ran"
[ -z "$(ls "$R/inbox")" ] || fail "the inbox is not empty: $(ls "$R/inbox")"
expect_eq "$(ls "$R/archive/2026-11-30" | wc -l)" "3" "three exports archived"
[ -s "$R/rejected/va-bad-category.csv" ] || fail "bad export not in rejected/"
expect_match "$(cat "$R/rejected/va-bad-category.csv.errors.txt")" "va-bad-category.csv:[0-9]+" "its error report"
[ -s "$R/telemetry/archive/2026-11-30/readings.csv.gz" ] || fail "telemetry not archived"
for f in morning.html morning.txt morning.csv energy-day.html devices.html diagnose.txt; do
  [ -s "$R/reports/2026-11-30/$f" ] || fail "reports/2026-11-30/$f missing"
done
[ -s "$R/reports/2026-11-30/services/morning-chauffage.html" ] || fail "no report per service"
expect_match "$(cat "$R/reports/2026-11-30/morning.txt")" "^Triage du matin — lundi 30 novembre 2026" "the morning report"
expect_eq "$(ghd-request list --status new --format ids | wc -l)" "0" "everything triaged"
expect_match "$(cat "$R/reports/2026-11-30/diagnose.txt")" "heating-failure" "the building's heating failure"
expect_exit 0 ghd-request list --channel telemetry --format json
expect_match "$OUT" '"service": "chauffage"' "its request, routed to the heating service"
expect_eq "$(cat "$R/state/last-run")" "2026-11-30" "the day is recorded"

# Run again: nothing new, nothing failed, nothing done twice.
expect_exit 0 "$DAILY" --root "$R" --as-of 2026-11-30T07:10
expect_eq "$(ghd-request list --channel telemetry --format ids | wc -l)" "1" "still one heating request"

# Two copies at once: the second says so and leaves.
flock "$R/ghd-daily.lock" sh -c 'touch "$0"; sleep 3' "$SCRATCH/held" &
holder=$!
for _ in $(seq 1 200); do [ -e "$SCRATCH/held" ] && break; sleep 0.05; done
expect_exit 75 "$DAILY" --root "$R" --as-of 2026-11-30T07:20
expect_match "$ERR" "another ghd-daily holds" "the lock is held"
wait "$holder"

# A mail server that fails: reports kept, the failure in the exit status.
mkdir -p smtp
"$SMTP" smtp.port smtp tempfail 30 &
smtp_pid=$!
for _ in $(seq 1 100); do [ -s smtp.port ] && break; sleep 0.05; done
cat >> ghd.yaml <<YAML
report:
  spool_dir: $SCRATCH/unsent
  mail:
    url: smtp://127.0.0.1:$(cat smtp.port)
    starttls: false
    to: [accueil@example.org]
    retries: 1
    retry_delay_ms: 10
YAML
expect_exit 1 "$DAILY" --root "$R" --as-of 2026-11-30T07:30 --mail
kill "$smtp_pid" 2>/dev/null
wait "$smtp_pid" 2>/dev/null
expect_match "$ERR" "reports: failed" "the failed mail is reported"
expect_match "$ERR" "report kept in $SCRATCH/unsent/morning-2026-11-30.html" "and the report kept"
[ -s "$R/reports/2026-11-30/morning.html" ] || fail "reports still written"

# The machine was down on Tuesday: Wednesday's run catches it up.
expect_exit 0 "$DAILY" --root "$R" --as-of 2026-12-02T07:00
expect_match "$ERR" "catching up 2026-12-01" "the missed day is caught up"
for day in 2026-12-01 2026-12-02; do
  [ -s "$R/reports/$day/morning.html" ] || fail "no morning report for $day"
  [ -s "$R/reports/$day/energy-day.html" ] || fail "no energy report for $day"
done
expect_eq "$(cat "$R/state/last-run")" "2026-12-02" "caught up"

# Saturday: no triage, the rest runs.
expect_exit 0 "$DAILY" --root "$R" --as-of 2026-12-05T07:00
expect_match "$ERR" "triage: 2026-12-05 is not a business day" "no triage at the weekend"
[ ! -e "$R/reports/2026-12-05/morning.html" ] || fail "no morning report at the weekend"
[ -s "$R/reports/2026-12-05/energy-day.html" ] || fail "the energy report every day"

# --syslog: the same lines go to logger(1), tagged, with their level.
mkdir -p fakebin
cat > fakebin/logger <<'SH'
#!/bin/sh
echo "$*" >> "$SYSLOG_FILE"
SH
chmod +x fakebin/logger
SYSLOG_FILE="$SCRATCH/syslog" PATH="$SCRATCH/fakebin:$PATH" expect_exit 0 "$DAILY" --root "$R" --as-of 2026-12-06T07:00 --syslog
expect_eq "$ERR" "" "nothing on stderr with --syslog"
expect_match "$(cat "$SCRATCH/syslog")" "^-t ghd-daily -p user.info -- end: [0-9]+ step\(s\) succeeded, 0 failed" "logged to syslog"

expect_exit 64 "$DAILY" --as-of 2026-12-05T07:00
expect_exit 64 "$DAILY" --root "$R" --frobnicate

pass
