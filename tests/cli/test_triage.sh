#!/usr/bin/env bash
# ghd-triage from the command line: calendar, check, test, explain, run, replay.
. "$(dirname "$0")/lib.sh"
export GHD_CONFIG="$SAMPLES/ghd.yaml"

# Calendar.
expect_exit 0 ghd-triage calendar holidays --year 2008 --format csv
expect_match "$OUT" "2008-05-01,Fête du Travail" "1 May 2008"
expect_match "$OUT" "2008-05-01,Ascension" "Ascension on 1 May 2008"
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 12 "header and 11 holidays"
expect_exit 0 ghd-triage calendar add --from 2021-04-02 --business-days 2 --explain
expect_eq "$OUT" "2021-04-07" "two business days after Good Friday 2021"
expect_match "$ERR" "lundi 5 avril 2021 sauté \(Lundi de Pâques\)" "skipped day explained"
expect_exit 0 ghd-triage calendar add --from 2026-10-23T16:30 --business-hours 1
expect_eq "$OUT" "2026-10-26T09:00:00+01:00" "business hours across the clock change"
expect_exit 0 ghd-triage calendar is-business-day 2026-11-30
expect_exit 1 ghd-triage calendar is-business-day 2026-05-15
expect_match "$OUT" "Pont de l'Ascension" "closure from the config"
expect_exit 64 ghd-triage calendar add --from 2026-01-01

# check: the sample set is clean; a broken one is reported with its place.
expect_exit 0 ghd-triage check "$SAMPLES/rules.yaml"
expect_match "$OUT" "0 error\(s\), 0 warning\(s\)" "sample rules clean"
cat > bad.yaml <<'YAML'
rules:
  - name: lift
    when: {text: [ascenseur]}
    then: {service: ascenseur}
  - name: lift-stuck
    when: {text: ["ascenseur bloque"]}
    then: {service: astreinte}
YAML
expect_exit 1 ghd-triage check bad.yaml
expect_match "$OUT" "^bad.yaml:5:5: error: rule 'lift-stuck' is unreachable" "unreachable rule located"
printf 'rules:\n  - name: x\n    then: {service: plumbing}\n' > typo.yaml
expect_exit 1 ghd-triage check typo.yaml
expect_match "$OUT" "^typo.yaml:3:21: unknown service 'plumbing'" "unknown service located"
expect_exit 78 ghd-triage run --rules typo.yaml --db "$GHD_DB"

# test: the sample cases pass; a wrong expectation fails with the rules that fired.
expect_exit 0 ghd-triage test "$SAMPLES/rules.yaml" "$SAMPLES/rules-tests.yaml"
expect_match "$OUT" "passed, 0 failed" "sample cases pass"
cat > wrong.yaml <<'YAML'
tests:
  - name: gas is not plumbing
    request: {category: technical, message: "odeur de gaz"}
    expect: {service: plomberie, priority: P1}
YAML
expect_exit 1 ghd-triage test "$SAMPLES/rules.yaml" wrong.yaml
expect_match "$OUT" "FAIL gas is not plumbing \(line 2\)" "failure named"
expect_match "$OUT" "service: expected plomberie, got astreinte" "failure explained"
expect_match "$OUT" "rules fired: gas" "rules that fired"

# A store with the samples.
ghd-request stock import "$SAMPLES"/stock/{agencies,buildings,dwellings,tenants}.csv >/dev/null
ghd-request import --as-of 2026-11-30T06:00 "$SAMPLES"/exports/*.csv >/dev/null 2>&1
total=$(count_requests)

# explain: a stored request, and one given as JSON.
ghd-request add --category cleaning --subject "Hall" --message "Le hall est sale" --external-ref TEST-1 \
  --received 2026-11-27T19:00 --as-of 2026-11-27T19:01 >/dev/null
total=$((total + 1))
expect_exit 0 ghd-triage explain TEST-1 --as-of 2026-11-30T07:00
expect_match "$OUT" "MATCH .*rules.yaml:[0-9]+ cleaning -> stop" "the rule that fired"
expect_match "$OUT" "miss  .*rules.yaml:[0-9]+ gas" "rules that missed"
expect_match "$OUT" "first failure: text has any of" "first failing condition"
expect_match "$OUT" "due: +5 jour" "due time derivation"
echo '{"category":"technical","subject":"Chauffage","message":"radiateur froid","received_at":"2021-04-02T18:00:00+02:00"}' > req.json
expect_exit 0 ghd-triage explain - --vulnerable < req.json
expect_match "$OUT" "priority: P2" "vulnerable tenant raised"
expect_match "$OUT" "lundi 5 avril 2021 sauté \(Lundi de Pâques\)" "deadline explained"
expect_exit 0 ghd-triage explain - --format json < req.json
expect_match "$OUT" '"first_failure"' "explain as JSON"

# run: a dry run writes nothing; the run triages everything new; again: nothing.
expect_exit 0 ghd-triage run --dry-run --as-of 2026-11-30T07:00
expect_eq "$(ghd-request list --status new --format ids | wc -l | tr -d ' ')" "$total" "dry run wrote nothing"
expect_exit 0 ghd-triage run --as-of 2026-11-30T07:00 --format json
expect_match "$OUT" "\"count\": $total" "every new request triaged"
expect_match "$OUT" '"from": "2026-11-27T07:00:00\+01:00"' "Monday's window starts on Friday"
expect_eq "$(ghd-request list --status new --format ids | wc -l | tr -d ' ')" 0 "nothing left new"
expect_exit 0 ghd-request list --service astreinte --status forwarded --format ids
[ -n "$OUT" ] || fail "emergencies forwarded automatically"
expect_exit 0 ghd-request list --service astreinte --status triaged --format ids
expect_eq "$OUT" "" "no emergency left waiting"
expect_exit 0 ghd-request show TEST-1
expect_match "$OUT" "status: new -> triaged \(triage: cleaning \(rules [0-9a-f]{16} .*rules.yaml\)\)" "decision traced in the history"
expect_exit 0 ghd-triage run --as-of 2026-11-30T07:00
expect_match "$OUT" "0 demande" "second run does nothing"
expect_match "$OUT" "Rien de nouveau" "second run says so"

# A request arriving later, after a missed morning, is still triaged.
expect_exit 0 ghd-request add --category technical --subject "fuite" --message "le robinet goutte" \
  --received 2026-11-30T12:00 --as-of 2026-11-30T12:01
expect_exit 0 ghd-triage run --as-of 2026-12-02T07:00 --format json
expect_match "$OUT" '"count": 1' "the late request"
expect_match "$OUT" '"service": "plomberie"' "routed"

# queue: open requests, most urgent first, each score explained.
expect_exit 0 ghd-triage queue --as-of 2026-12-03T10:00 --limit 5 --format json
expect_match "$OUT" '"priority": "P1"' "emergencies on top"
expect_match "$OUT" '"why": "overdue by' "score explained"
expect_exit 0 ghd-triage queue --as-of 2026-12-03T10:00 --service plomberie
expect_match "$OUT" "^SCORE +REF" "queue table"

# Incidents: the samples hold several tenants of a building without heating.
expect_exit 0 ghd-request list --format json --service chauffage
expect_match "$OUT" '"incident": [0-9]+' "heating incidents linked"

# replay: a candidate set over the past, nothing written.
before=$(ghd-request export --format csv | md5sum)
sed 's/service: plomberie}/service: chauffage}/' "$SAMPLES/rules.yaml" > candidate.yaml
expect_exit 0 ghd-triage replay --rules candidate.yaml --since 2026-11-16 --as-of 2026-12-02T08:00
expect_match "$OUT" "would change service" "replay summary"
expect_match "$OUT" "plomberie -> chauffage" "changes listed"
expect_match "$OUT" "Never fired:" "rules that never fired"
expect_eq "$(ghd-request export --format csv | md5sum)" "$before" "replay wrote nothing"

pass
