#!/usr/bin/env bash
# ghd-telemetry pull against a local stand-in for the platform (127.0.0.1):
# pages, 429 with Retry-After, 500 retried, truncated JSON, a wrong token,
# the cursor kept between pulls, the token file's permissions.
. "$(dirname "$0")/lib.sh"
: "${GHD_BUILD:?GHD_BUILD must name the build tree}"
FAKE="$GHD_BUILD/tests/fake-platform"

printf 'device_id,kind,model,dwelling,room,installed_at,friendly_name\ntrv-0412,trv,Danfoss Ally,FO-B12-0304,salon,2023-09-18,\n' > registry.csv
ghd-telemetry devices import registry.csv >/dev/null
printf 's3cret-token\n' > token
chmod 600 token

# start_platform SCRIPT: starts the stand-in, writes the config pointing at it.
start_platform() {
  rm -f requests.log
  "$FAKE" port s3cret-token "$1" requests.log 60 &
  PLATFORM=$!
  # Wait until it listens (it rewrites the port file once bound).
  for _ in $(seq 1 100); do [ -s port ] && [ port -nt "$1" ] && break; sleep 0.05; done
  cat > ghd.yaml <<YAML
telemetry:
  gateway:
    url: http://127.0.0.1:$(cat port)
    token_file: token
    page_size: 2
    retries: 3
    retry_delay_ms: 10
YAML
}
stop_platform() { kill "$PLATFORM" 2>/dev/null; wait "$PLATFORM" 2>/dev/null; }

page1='{"readings":[{"t":"2026-11-30T06:05:00Z","device":"trv-0412","metric":"valve","value":35},{"t":"2026-11-30T06:10:00Z","device":"trv-0412","metric":"valve","value":40}],"next":"c2"}'
page2='{"readings":[{"t":"2026-11-30T06:15:00Z","device":"trv-0412","metric":"valve","value":45},{"t":"2026-11-30T06:20:00Z","device":"trv-9999","metric":"valve","value":1}],"next":"c3"}'

# Pages, with a 500 and a 429 on the way.
cat > script <<TXT
500 - {"error":"boom"}
200 - $page1
429 1 {}
200 - $page2
TXT
start_platform script
expect_exit 0 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00 --format json
stop_platform
expect_match "$OUT" '"pages": 2' "two pages"
expect_match "$OUT" '"new": 3' "three readings stored"
expect_match "$OUT" '"quarantined": 1' "unknown device quarantined"
expect_match "$OUT" '"retries": 2' "500 and 429 retried"
expect_match "$OUT" '"cursor": "c3"' "cursor advanced"
expect_match "$(cat requests.log)" "GET /api/v1/readings\\?since=&limit=2 HTTP/1.1" "first page asked from the start"
expect_match "$(cat requests.log)" "since=c3&limit=2" "then from the last cursor"

# The next pull starts from the cursor kept in the store.
printf '' > empty
start_platform empty
expect_exit 0 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00
stop_platform
expect_match "$(head -1 requests.log)" "since=c3" "resumes where it stopped"

# Truncated JSON: an error, and the cursor does not move.
echo "200 - TRUNCATED:$page1" > truncated
start_platform truncated
expect_exit 65 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00
stop_platform
expect_match "$ERR" "invalid or truncated JSON" "truncated page refused"
start_platform empty
ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00 >/dev/null
stop_platform
expect_match "$(head -1 requests.log)" "since=c3" "cursor unchanged after a bad page"

# Always 500: given up after the retries, exit 75 (try again later).
printf '500 - {}\n500 - {}\n500 - {}\n500 - {}\n500 - {}\n' > failing
start_platform failing
expect_exit 75 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00
stop_platform
expect_match "$ERR" "HTTP 500 after 4 attempt" "retries exhausted"

# A wrong token: 401, exit 77, said clearly.
printf 'wrong\n' > token
start_platform empty
expect_exit 77 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00
stop_platform
expect_match "$ERR" "HTTP 401: the token in .*token is wrong or expired" "401 explained"

# A token file others can read is refused, like ssh keys.
printf 's3cret-token\n' > token
chmod 644 token
start_platform empty
expect_exit 78 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00
stop_platform
expect_match "$ERR" "permissions 644 are too open" "token file permissions checked"

# Nothing listening: a transport error, retried, then exit 75.
chmod 600 token
sed -i 's|url: .*|url: http://127.0.0.1:1|' ghd.yaml
expect_exit 75 ghd-telemetry --config ghd.yaml pull --as-of 2026-11-30T12:00

pass
