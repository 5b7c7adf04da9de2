#!/usr/bin/env bash
# Bad export files: refused whole with file:line, or set aside with --skip-invalid.
. "$(dirname "$0")/lib.sh"

expect_exit 0 ghd-request import "$DATA/va-good.csv"
before=$(ghd-request export --format csv | md5sum)

for f in va-bad-date va-bad-category va-bad-missing-column va-bad-nul va-bad-quote; do
  expect_exit 65 ghd-request import "$DATA/$f.csv"
  expect_match "$ERR" "error: $DATA/$f.csv:[0-9]+: " "$f names file and line"
  expect_match "$ERR" "refused, 1 bad row\(s\); nothing imported" "$f refused whole"
done
expect_exit 65 ghd-request import "$DATA/va-bad-date.csv"
expect_match "$ERR" "va-bad-date.csv:4: column 'Date de création': invalid time '31/02/2026 10:00'" "bad date message"
expect_exit 65 ghd-request import "$DATA/va-bad-header.csv"
expect_match "$ERR" "va-bad-header.csv:1: missing column 'Courriel'" "missing column message"
expect_eq "$(ghd-request export --format csv | md5sum)" "$before" "database unchanged by refused files"

# --dry-run writes nothing.
cp "$DATA/va-bad-date.csv" in.csv
expect_exit 0 ghd-request import --skip-invalid --dry-run in.csv
expect_match "$OUT" "dry run" "dry run said"
expect_eq "$(ghd-request export --format csv | md5sum)" "$before" "dry run wrote nothing"

# --skip-invalid: good rows in, bad row out to the reject file, unchanged.
expect_exit 0 ghd-request import --skip-invalid in.csv
expect_match "$OUT" "1 rejected to in.csv.rejected.csv" "reject file named"
expect_match "$ERR" "rejected: in.csv:4:" "rejected row listed"
expect_eq "$(sed -n 2p in.csv.rejected.csv)" "$(sed -n 4p in.csv)" "rejected row unchanged"
expect_eq "$(head -1 in.csv.rejected.csv | md5sum)" "$(head -1 in.csv | md5sum)" "reject file has the header"

# JSON report for scripts.
expect_exit 65 ghd-request import --format json "$DATA/va-bad-nul.csv"
expect_match "$OUT" '"rejected": 1' "json report"
expect_match "$OUT" '"line": 4' "json report line"

# Explicit encoding: UTF-8 demanded of a Windows-1252 file is an error with its position.
expect_exit 65 ghd-request import --encoding utf-8 "$DATA/va-good-cp1252.csv"
expect_match "$ERR" "va-good-cp1252.csv:1:[0-9]+: invalid UTF-8 byte" "encoding error position"

pass
