#!/usr/bin/env bash
# The man pages: lint-clean, and true to --help (every long option a command
# offers is documented in its tool's page).
. "$(dirname "$0")/lib.sh"
MAN="$GHD_SOURCE/man"

for page in "$MAN"/*.[0-9]; do
  expect_exit 0 groff -man -ww -z "$page"
  [ -z "$ERR" ] || fail "$(basename "$page"): groff warnings: $ERR"
  # groff reads bytes as Latin-1: accents must be written as escapes.
  checks=$((checks + 1))
  ! LC_ALL=C grep -q -P '[\x80-\xFF]' "$page" || fail "$(basename "$page"): non-ASCII bytes (use groff escapes)"
  for section in NAME SYNOPSIS DESCRIPTION; do
    grep -q "^\.SH $section" "$page" || fail "$(basename "$page"): no $section section"
  done
done
for page in "$MAN"/*.1 "$MAN"/*.8; do
  [ -f "$page" ] || continue
  for section in OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    checks=$((checks + 1))
    grep -q "^\.SH \"\?$section\"\?$" "$page" || fail "$(basename "$page"): no $section section"
  done
done

# Long options from --help, as the man page writes them (\- for -).
options_of() { "$@" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u; }
check_tool() {
  local tool=$1 page="$MAN/$1.1"
  shift
  local cmd opt
  for cmd in "" "$@"; do
    # shellcheck disable=SC2086
    for opt in $(options_of "$tool" $cmd); do
      checks=$((checks + 1))
      grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$page" ||
        fail "$tool ${cmd:+$cmd }$opt is not in $(basename "$page")"
    done
  done
}
check_tool ghd-request add import list show update export purge "stock import" "stock list" "stock summary" "db check" "db backup"
check_tool ghd-triage run explain check test replay queue "calendar holidays" "calendar add" \
  "calendar is-business-day" "calendar days"
check_tool ghd-telemetry "devices import" "devices list" "devices show" ingest quarantine readings purge \
  "consent grant" "consent revoke" "consent list" "consent show" audit status pull check alerts "alerts ack" \
  diagnose debug simulate
check_tool ghd-report morning energy signature devices
# ghd-daily is a script: its --help against its section 8 page.
for opt in $("$GHD_SOURCE/scripts/ghd-daily" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
  checks=$((checks + 1))
  grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" "$MAN/ghd-daily.8" || fail "ghd-daily $opt is not in ghd-daily.8"
done

pass
