#!/usr/bin/env bash
# ghd-report from the command line on the samples: the morning report in
# every format, split by service, the energy, signature and devices reports,
# atomic output, and mail through a local stand-in SMTP server (delivered,
# temporary failure retried then kept on disk, permanent failure).
. "$(dirname "$0")/lib.sh"
: "${GHD_BUILD:?GHD_BUILD must name the build tree}"
SMTP="$GHD_BUILD/tests/fake-smtp"
AS_OF=2026-11-30T07:00

ghd-request stock import "$SAMPLES"/stock/*.csv >/dev/null
ghd-request import --as-of "$AS_OF" "$SAMPLES"/exports/*.csv >/dev/null 2>&1
ghd-triage run --rules "$SAMPLES/rules.yaml" --as-of "$AS_OF" >/dev/null
ghd-telemetry devices import "$SAMPLES/telemetry/devices.csv" >/dev/null
tail -n +2 "$SAMPLES/telemetry/consents.csv" | while IFS=, read -r dwelling _ form; do
  ghd-telemetry consent grant "$dwelling" --scope activity,temperature --form "$form" --as-of 2026-11-01 >/dev/null
done
ghd-telemetry ingest "$SAMPLES/telemetry/readings.csv.gz" --as-of "$AS_OF" >/dev/null
for h in 2026-11-29T20:00 2026-11-30T06:00; do ghd-telemetry check --as-of "$h" >/dev/null; done

# The morning report.
expect_exit 0 ghd-report morning --as-of "$AS_OF"
expect_match "$OUT" "^Triage du matin — lundi 30 novembre 2026" "French title"
expect_match "$OUT" "^Urgences" "emergencies section"
expect_match "$OUT" "^Logements à appeler aujourd'hui" "calls section"
expect_match "$OUT" "inactivité inhabituelle" "the tenant who stopped moving is to be called"
expect_match "$OUT" "panne de chauffage de l'immeuble|robinet bloqué" "device faults to see to"
widest=$(printf '%s\n' "$OUT" | LC_ALL=C.UTF-8 wc -L)
[ "$widest" -le 100 ] || fail "the text report is $widest columns wide, 100 at most"
expect_exit 0 ghd-report morning --as-of "$AS_OF" --lang en --format md
expect_match "$OUT" "^# Morning triage — Monday 30 November 2026" "English Markdown"
expect_match "$OUT" "^\| Ref\. \|" "Markdown table"
expect_exit 0 ghd-report morning --as-of "$AS_OF" --format json
expect_match "$OUT" '"report": "morning"' "JSON report"
expect_match "$OUT" '"window": \{' "JSON window"
expect_exit 0 ghd-report morning --as-of "$AS_OF" --format csv
expect_match "$(printf '%s\n' "$OUT" | head -1)" "^ref,received_at,service,priority,due_at,dwelling" "CSV header"
expect_exit 0 ghd-report morning --as-of "$AS_OF" --format html -o morning.html
[ -s morning.html ] && [ ! -e morning.html.tmp ] || fail "HTML report not written atomically"
expect_match "$(head -1 morning.html)" "^<!DOCTYPE html>" "HTML document"
expect_eq "$OUT" "" "nothing on stdout with --output"

# One report per service, each with its own requests only.
expect_exit 0 ghd-report morning --as-of "$AS_OF" --split-by service --format csv -o split
expect_match "$OUT" "split/morning-chauffage.csv" "a file per service"
for f in split/morning-*.csv; do
  service=$(basename "$f" .csv)
  service=${service#morning-}
  [ "$service" = unrouted ] && service=
  others=$(tail -n +2 "$f" | awk -F, -v s="$service" '$3 != s' | wc -l)
  expect_eq "$others" "0" "$f holds its service only"
done
expect_exit 64 ghd-report morning --as-of "$AS_OF" --split-by service
expect_exit 0 ghd-report morning --as-of "$AS_OF" --service chauffage --format json
expect_match "$OUT" '"service": "chauffage"' "one service"
if printf '%s\n' "$OUT" | grep -q '"calls"'; then fail "a service's report holds no calls"; fi

# Energy, signature, devices.
expect_exit 0 ghd-report energy --period week --as-of "$AS_OF" --forecast-temperature 2 --format json
expect_match "$OUT" '"period": "week"' "energy JSON"
expect_match "$OUT" '"self_consumption_rate": 0\.[0-9]+' "PV self-consumption"
expect_match "$OUT" '"forecast_demand_valve_hours": [0-9.]+' "a forecast"
expect_exit 0 ghd-report energy --period day --as-of "$AS_OF" --format html -o energy.html
expect_eq "$(grep -o '<svg' energy.html | wc -l)" "3" "three inline charts"
expect_exit 0 ghd-report energy --as-of "$AS_OF" --dwelling FO-B10-0001
expect_exit 65 ghd-report energy --as-of "$AS_OF" --building XX-B99
expect_exit 64 ghd-report energy --period year
expect_exit 0 ghd-report signature "$DATA/eemeter/il-gas-daily.csv" --format json
expect_match "$OUT" '"balance_point": 1[4-7]' "balance point near 60 °F"
expect_match "$OUT" '"sufficient": true' "enough data"
printf 'start,end,consumption,temperature\n2025-01-01,2025-02-01,31,x\n' > bad.csv
expect_exit 65 ghd-report signature bad.csv
expect_match "$ERR" "^ghd-report: error: bad.csv:2: invalid temperature 'x'" "error with file and line"
expect_exit 0 ghd-report signature - < "$DATA/eemeter/il-gas-daily.csv"
expect_exit 0 ghd-report devices --as-of "$AS_OF" --format json
expect_match "$OUT" '"battery_days_left": [0-9.]+' "days of battery left"
expect_match "$OUT" '"diagnostic": "heating-failure"|"diagnostics": \[' "faults in the devices report"

# Mail, through the stand-in SMTP server.
start_smtp() {
  mkdir -p "mail-$1"
  rm -f smtp.port
  "$SMTP" smtp.port "mail-$1" "$1" 30 &
  SMTP_PID=$!
  for _ in $(seq 1 100); do [ -s smtp.port ] && break; sleep 0.05; done
  printf 'hunter2\n' > smtp.password
  chmod 600 smtp.password
  cat > mail.yaml <<YAML
report:
  spool_dir: unsent
  mail:
    url: smtp://127.0.0.1:$(cat smtp.port)
    starttls: false
    from: ghd@example.org
    username: ghd
    password_file: smtp.password
    retries: 2
    retry_delay_ms: 10
YAML
}
stop_smtp() { kill "$SMTP_PID" 2>/dev/null; wait "$SMTP_PID" 2>/dev/null; }

start_smtp ok
expect_exit 0 ghd-report --config mail.yaml morning --as-of "$AS_OF" --mail chauffage@example.org accueil@example.org
stop_smtp
mail=mail-ok/mail-1.eml
[ -s "$mail" ] || fail "no mail received"
expect_match "$(cat "$mail")" "RCPT TO:<accueil@example.org>" "both recipients"
expect_match "$(cat "$mail")" "^Subject: =\?UTF-8\?B\?" "encoded French subject"
expect_match "$(cat "$mail")" "Content-Type: text/plain; charset=utf-8" "text part"
expect_match "$(cat "$mail")" "Content-Type: text/html; charset=utf-8" "HTML alternative"
expect_match "$(cat "$mail")" 'filename="morning.csv"' "CSV attached"
html=$(awk '/Content-Type: text\/html/{f=1;next} f&&/^--/{exit} f' "$mail" | tr -d '\r' |
  grep -E '^[A-Za-z0-9+/=]+$' | base64 -d 2>/dev/null)
expect_match "$html" "Triage du matin" "the HTML part is the report"

start_smtp tempfail
expect_exit 75 ghd-report --config mail.yaml morning --as-of "$AS_OF" --mail chauffage@example.org
stop_smtp
expect_match "$ERR" "report kept in unsent/morning-2026-11-30.html" "a failed mail keeps the report"
expect_eq "$(grep -c '^MAIL FROM' mail-tempfail/smtp.log)" "3" "tried three times"
[ -s unsent/morning-2026-11-30.html ] || fail "report not kept"

start_smtp permfail
expect_exit 69 ghd-report --config mail.yaml morning --as-of "$AS_OF" --mail nobody@example.org
stop_smtp
expect_eq "$(grep -c '^MAIL FROM' mail-permfail/smtp.log)" "1" "a permanent refusal is not retried"

chmod 644 smtp.password
expect_exit 78 ghd-report --config mail.yaml morning --as-of "$AS_OF" --mail a@example.org
expect_match "$ERR" "smtp.password" "a password file others can read is refused"

pass
