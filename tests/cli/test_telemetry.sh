#!/usr/bin/env bash
# ghd-telemetry from the command line: registry, ingest, quarantine, readings.
. "$(dirname "$0")/lib.sh"

cat > registry.csv <<'CSV'
device_id,kind,model,dwelling,room,installed_at,friendly_name
trv-0412,trv,Danfoss Ally 014G2461,FO-B12-0304,salon,2023-09-18,FO-B12-0304/salon-trv
trv-0413,trv,Tuya TS0601,FO-B12-0304,chambre,2023-09-18,FO-B12-0304/chambre-trv
pv-0001,pv-meter,Fronius,,building:FO-B12,2024-05-01,FO-B12/pv
CSV
expect_exit 0 ghd-telemetry devices import registry.csv
expect_match "$OUT" "3 device" "registry imported"
expect_exit 0 ghd-telemetry devices list --format csv
expect_match "$OUT" "pv-0001,pv-meter,Fronius,,building:FO-B12,FO-B12" "building of a roof device"
printf 'device_id,kind,model,dwelling,room,installed_at,friendly_name\nx,toaster,m,FO-B12-0304,salon,2023-09-18,y\n' > bad.csv
expect_exit 65 ghd-telemetry devices import bad.csv
expect_match "$ERR" "bad.csv:2: unknown kind 'toaster'" "bad registry row located"

cat > readings.csv <<'CSV'
timestamp,device_id,metric,value
2026-11-30T07:10:00+01:00,trv-0412,temperature,19.5
2026-11-30T07:05:00+01:00,trv-0412,temperature,19.0
2026-11-30T07:10:00+01:00,trv-0412,temperature,19.5
2026-11-30T07:15:00+01:00,trv-0412,temperature,85
2026-11-30T07:15:00+01:00,trv-9999,temperature,19
2026-12-31T07:15:00+01:00,trv-0412,valve,40
CSV
expect_exit 0 ghd-telemetry ingest readings.csv --as-of 2026-11-30T12:00 --format json
expect_match "$OUT" '"new": 2' "new readings"
expect_match "$OUT" '"duplicates": 1' "duplicate counted"
expect_match "$OUT" '"quarantined": 3' "bad readings quarantined"
expect_exit 0 ghd-telemetry ingest readings.csv --as-of 2026-11-30T12:00
expect_match "$OUT" "0 new, 3 duplicate" "second ingest adds nothing"
printf '{"time":"2026-11-30T06:20:00Z","topic":"zigbee2mqtt/FO-B12-0304/chambre-trv","payload":{"local_temperature":"21.5","position":128,"battery_low":true,"child_lock":"UNLOCK"}}\n' > z2m.jsonl
expect_exit 0 ghd-telemetry ingest z2m.jsonl --as-of 2026-11-30T12:00
expect_match "$OUT" "\[jsonl\]: 2 new" "JSON Lines detected"
expect_match "$OUT" "ignored payload keys: child_lock \(1\)" "ignored keys counted"
expect_match "$OUT" "device states and faults recorded: 1" "battery_low kept as a device event"

# gzip-compressed files, from a file or standard input.
printf 'timestamp,device_id,metric,value\n2026-11-30T08:00:00+01:00,trv-0412,valve,35\n' | gzip > valve.csv.gz
expect_exit 0 ghd-telemetry ingest valve.csv.gz --as-of 2026-11-30T12:00
expect_match "$OUT" "1 new" "gzip file ingested"
printf 'timestamp,device_id,metric,value\n2026-11-30T08:05:00+01:00,trv-0412,valve,36\n' | gzip > more.gz
expect_exit 0 ghd-telemetry ingest - --as-of 2026-11-30T12:00 < more.gz
expect_match "$OUT" "1 new" "gzip on standard input"
head -c 40 valve.csv.gz > truncated.gz
expect_exit 65 ghd-telemetry ingest truncated.gz --as-of 2026-11-30T12:00
expect_match "$ERR" "truncated.gz: corrupt or truncated gzip" "truncated gzip refused"

expect_exit 0 ghd-telemetry quarantine --format json
expect_match "$OUT" '"impossible-value": 2' "quarantine counts (85 °C twice: two ingests)"
expect_match "$OUT" '"line": 5' "quarantined line"
expect_exit 0 ghd-telemetry quarantine --reason future
expect_match "$OUT" "trv-0412 +valve" "filtered by reason"

expect_exit 0 ghd-telemetry readings trv-0412 --metric temperature --since 2026-11-30 --as-of 2026-11-30T12:00
expect_eq "$OUT" "time,value
2026-11-30T07:05:00+01:00,19
2026-11-30T07:10:00+01:00,19.5" "raw readings"
expect_exit 0 ghd-telemetry readings FO-B12-0304/salon-trv --metric temperature --of hourly --since 2026-11-30 --as-of 2026-11-30T12:00
expect_match "$OUT" "2026-11-30T07:00:00\+01:00,2,19.4545[0-9]*,19,19.5,19,19.5" "hourly roll-up, time-weighted (19 for 5 min, 19.5 for 50)"
expect_exit 0 ghd-telemetry devices show trv-0413 --format json
expect_match "$OUT" "\"last_value\": 50\\.19" "0-255 valve scaled (128 of 255 = 50.2 %)"
# status: the fleet by building, as it was at a given time.
expect_exit 0 ghd-telemetry status --as-of 2026-11-30T09:20 --format json
expect_match "$OUT" '"FO-B12": \{' "status by building"
expect_match "$OUT" '"device_id": "pv-0001"' "a device never seen is listed"
expect_match "$OUT" '"never-seen"' "with its problem"
expect_exit 0 ghd-telemetry status --as-of 2026-12-02T09:20
expect_match "$OUT" "trv-0412 .*offline" "silent two days: offline"

# Retention: raw readings older than 400 days go, roll-ups stay.
expect_exit 0 ghd-telemetry purge --as-of 2028-01-05 --dry-run
expect_match "$OUT" "^[1-9][0-9]* raw reading\(s\) before 2026-12-01 would be dropped" "dry run counts"
expect_exit 0 ghd-telemetry purge --as-of 2028-01-05
expect_exit 0 ghd-telemetry readings trv-0412 --metric temperature --since 2026-11-30 --as-of 2026-11-30T12:00
expect_eq "$OUT" "time,value" "raw readings dropped"
expect_exit 0 ghd-telemetry readings trv-0412 --metric temperature --of daily --since 2026-11-30 --as-of 2026-11-30T12:00
expect_match "$OUT" "2026-11-30,2," "daily roll-up kept"
expect_exit 0 ghd-telemetry purge --as-of 2028-01-05
expect_match "$OUT" "^0 raw reading" "second purge drops nothing"
expect_exit 0 ghd-telemetry status --as-of 2028-01-05 --format json
expect_match "$OUT" '"last_seen": "2026-11-30T' "after the purge a device is still known from its roll-ups"
expect_match "$OUT" '"offline"' "and offline, not never seen"

# Consent: activity only under consent, withdrawn at once, every look logged.
printf 'device_id,kind,model,dwelling,room,installed_at,friendly_name\nmot-0001,motion,Aqara,FO-B12-0304,entree,2023-09-18,FO-B12-0304/entree-motion\n' > motion.csv
expect_exit 0 ghd-telemetry devices import motion.csv
printf 'timestamp,device_id,metric,value\n2026-11-30T09:00:00+01:00,mot-0001,motion,1\n' > m1.csv
expect_exit 0 ghd-telemetry ingest m1.csv --as-of 2026-11-30T12:00
expect_match "$OUT" "without consent, not stored: 1" "no consent, nothing stored"
expect_exit 64 ghd-telemetry consent grant FO-B12-0304 --scope activity
expect_exit 0 ghd-telemetry consent grant FO-B12-0304 --scope activity --form CONS-2026-17 --as-of 2026-11-30T10:00
expect_exit 0 ghd-telemetry ingest m1.csv --as-of 2026-11-30T12:00
expect_match "$OUT" "without consent, not stored: 1" "before the consent: still not stored"
printf 'timestamp,device_id,metric,value\n2026-11-30T11:00:00+01:00,mot-0001,motion,1\n' > m2.csv
expect_exit 0 ghd-telemetry ingest m2.csv --as-of 2026-11-30T12:00
expect_match "$OUT" "1 new" "under consent: stored"
expect_exit 0 ghd-telemetry readings mot-0001 --metric motion --since 2026-11-30 --why "appel de la fille, pas de réponse" --as-of 2026-11-30T12:00
expect_match "$OUT" "2026-11-30T11:00:00\+01:00,1" "activity readable"
# Checks: under consent, the motion sensor silent since 11:00 the day before.
expect_exit 0 ghd-telemetry check --as-of 2026-12-01T12:30 --format json
expect_match "$OUT" '"dwellings": 1' "consenting dwelling checked"
expect_match "$OUT" '"kind": "sensors-silent"|"kind": "inactivity"' "alert raised"
expect_exit 0 ghd-telemetry check --as-of 2026-12-01T12:45
expect_match "$OUT" "0 new alert\(s\), [1-9] already open" "not raised again while open"
expect_exit 0 ghd-telemetry alerts --why "tournée du matin" --format json
alert_id=$(printf '%s\n' "$OUT" | grep -m1 '"id"' | tr -dc '0-9')
expect_exit 0 ghd-telemetry alerts ack "$alert_id" --note "appel: tout va bien" --as-of 2026-12-01T13:00
expect_exit 65 ghd-telemetry alerts ack "$alert_id" --as-of 2026-12-01T13:01
expect_exit 0 ghd-telemetry audit --format json
expect_match "$OUT" '"action": "read-alerts"' "looking at alerts is logged"

expect_exit 0 ghd-telemetry consent revoke FO-B12-0304 --as-of 2026-11-30T13:00
expect_exit 65 ghd-telemetry consent revoke FO-B12-0304 --as-of 2026-11-30T13:05
printf 'timestamp,device_id,metric,value\n2026-11-30T13:30:00+01:00,mot-0001,motion,1\n' > m3.csv
expect_exit 0 ghd-telemetry ingest m3.csv --as-of 2026-11-30T14:00
expect_match "$OUT" "without consent, not stored: 1" "withdrawal takes effect at once"
expect_exit 0 ghd-telemetry consent show FO-B12-0304 --format json
expect_match "$OUT" '"revoked_by": "tester"' "withdrawal recorded"
expect_exit 0 ghd-telemetry audit --dwelling FO-B12-0304 --format json
expect_match "$OUT" '"action": "read-activity"' "look logged"
expect_match "$OUT" '"reason": "appel de la fille, pas de réponse"' "with its reason"
expect_exit 0 ghd-telemetry purge --as-of 2027-01-05
expect_match "$OUT" "^1 activity reading\(s\) of withdrawn consents deleted" "activity deleted after the delay"
expect_exit 0 ghd-telemetry readings mot-0001 --metric motion --since 2026-11-30 --until 2026-11-30 --as-of 2027-01-05
expect_eq "$OUT" "time,value" "nothing left"

expect_exit 65 ghd-telemetry readings nope --metric temperature
expect_exit 66 ghd-telemetry ingest missing.csv

pass
