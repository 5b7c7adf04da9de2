#!/usr/bin/env bash
# ghd-request from the command line: import, list, show, update in a pipe,
# export, exit codes.
. "$(dirname "$0")/lib.sh"

expect_exit 0 ghd-request stock import "$SAMPLES"/stock/agencies.csv "$SAMPLES"/stock/buildings.csv \
  "$SAMPLES"/stock/dwellings.csv "$SAMPLES"/stock/tenants.csv
expect_match "$OUT" "dwellings.csv: 2572 dwellings row" "stock import"

expect_exit 0 ghd-request import "$SAMPLES"/exports/*.csv --as-of 2026-11-30T06:00
expect_match "$OUT" "va-export-2026-11-20_2026-11-26.csv: 183 row\(s\): 128 new, 55 already stored \[windows-1252\]" "overlap counted"
total=$(count_requests)
expect_eq "$total" 383 "requests after import"

# Importing again: nothing changes, and it says so.
expect_exit 0 ghd-request import "$SAMPLES"/exports/*.csv
expect_match "$OUT" "0 new, 189 already stored .*nothing changed" "re-import is a no-op"
expect_eq "$(count_requests)" 383 "requests after re-import"

# Periods in local time.
expect_exit 0 ghd-request list --since 2026-11-27 --until 2026-11-29 --format ids
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 66 "three days of requests"
expect_exit 0 ghd-request list --since last-business-day --until yesterday --as-of 2026-11-30T07:00 --format ids
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 66 "since the last business day"

# Text search ignores case and accents.
expect_exit 0 ghd-request list --text "GAZ" --format json
expect_match "$OUT" '"message": "[^"]*(gaz|GAZ)' "text search"

# A pipe: list ids, then update them all.
ghd-request list --category pests --format ids > pests.txt
n=$(wc -l < pests.txt | tr -d ' ')
expect_exit 0 ghd-request update - --status triaged --service hygiene --note "tri du matin" < pests.txt
expect_match "$OUT" "^$n request\(s\) updated" "update through a pipe"
expect_exit 0 ghd-request list --status triaged --format ids
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "$n" "triaged count"
# ... and again: nothing more changes.
expect_exit 0 ghd-request update - --status triaged --service hygiene < pests.txt
expect_match "$OUT" "^0 request\(s\) updated, $n unchanged" "second update is a no-op"

# Illegal transitions are refused with the allowed ones listed, exit 65.
first=$(head -1 pests.txt)
expect_exit 65 ghd-request update "$first" --status closed
expect_match "$ERR" "cannot go from 'triaged' to 'closed' \(allowed: forwarded, in-progress, rejected, cancelled, duplicate\)" "transition message"

# show: the request and its history.
expect_exit 0 ghd-request show "$first"
expect_match "$OUT" "status: new -> triaged" "history in show"
expect_match "$OUT" "tester" "actor in history"
expect_exit 0 ghd-request show AV-2026-004101 --format json
expect_match "$OUT" '"external_ref": "AV-2026-004101"' "show by external ref"
expect_exit 65 ghd-request show R999999
expect_match "$ERR" "^ghd-request: error: R999999: no such request" "unknown ref message"

# add from options and from JSON.
expect_exit 0 ghd-request add --category technical --subject "Fuite" --message "Fuite sous l'évier" \
  --dwelling FO-B10-0101 --phone "06 11 22 33 44" --as-of 2026-11-30T10:00
ref=$OUT
expect_match "$ref" "^R[0-9]{6}$" "add prints the reference"
expect_exit 0 ghd-request show "$ref" --format json
expect_match "$OUT" '"phone": "\+33611223344"' "phone normalised"
expect_match "$OUT" '"building": "FO-B10"' "building from the stock"
echo '{"category":"pests","channel":"counter","message":"Guêpes au balcon","dwelling":"QU-B01-0101"}' > req.json
expect_exit 0 ghd-request add --json < req.json
expect_exit 65 ghd-request add --category plumbing --message x
echo '{"categroy":"pests"}' > bad.json
expect_exit 65 ghd-request add --json < bad.json
expect_match "$ERR" "unknown key 'categroy'" "JSON key checked"

# export: CSV safe for spreadsheets, JSON for systems.
expect_exit 0 ghd-request export --format csv --output export.csv
expect_exit 0 grep -c "^R[0-9]" export.csv
expect_eq "$OUT" "$(count_requests)" "every request exported"
expect_exit 0 grep -F "'+33" export.csv
expect_exit 1 grep -E ",\+33" export.csv

# Usage errors are 64, missing input 66, bad config 78.
expect_exit 64 ghd-request list --status bogus
expect_exit 64 ghd-request
expect_exit 66 ghd-request import no-such-file.csv
expect_exit 66 ghd-request --db "$SCRATCH/none.db" list
printf 'databse: x\n' > typo.yaml
expect_exit 78 ghd-request --config typo.yaml list
expect_match "$ERR" "^ghd-request: error: typo.yaml:1:1: unknown key 'databse'" "config typo message"
expect_exit 66 env GHD_CONFIG="$SCRATCH/nope.yaml" ghd-request list

# Retention: nothing is over yet, then a cancelled request is erased five
# years on.
expect_exit 0 ghd-request purge --as-of 2026-12-01
expect_match "$OUT" "^0 request" "nothing to purge"
expect_exit 0 ghd-request update "$ref" --status cancelled --as-of 2026-11-30T10:05
expect_exit 0 ghd-request purge --as-of 2031-12-01
expect_match "$OUT" "^1 request" "one request purged"
expect_exit 0 ghd-request show "$ref" --format json
expect_match "$OUT" '"phone": null' "phone erased"
expect_match "$OUT" '"category": "technical"' "category kept"

# The database is sound.
expect_exit 0 ghd-request db check
expect_exit 0 ghd-request db backup backup.db
expect_exit 0 ghd-request --db backup.db db check
expect_eq "$(ghd-request --db backup.db list --format ids | wc -l | tr -d ' ')" "$(count_requests)" "backup holds everything"

pass
