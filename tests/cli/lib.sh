# Shared helpers for the command-line tests. Each test script sources this,
# runs commands against a scratch database and calls `pass` at the end.
set -u
: "${GHD_BIN:?GHD_BIN must name the folder of the built tools}"
: "${GHD_SOURCE:?GHD_SOURCE must name the source tree}"
GHD_BIN=$(cd "$GHD_BIN" && pwd)
GHD_SOURCE=$(cd "$GHD_SOURCE" && pwd)
[ -n "${GHD_BUILD:-}" ] && GHD_BUILD=$(cd "$GHD_BUILD" && pwd)
export PATH="$GHD_BIN:$PATH"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/ghd-cli.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
export GHD_DB="$SCRATCH/ghd.db"
export GHD_ACTOR=tester
export NO_COLOR=1
unset GHD_CONFIG
cd "$SCRATCH" || exit 1
DATA="$GHD_SOURCE/tests/data"
SAMPLES="$GHD_SOURCE/samples"
failures=0
checks=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# expect_exit CODE COMMAND...: runs COMMAND, keeps its stdout in $OUT and
# stderr in $ERR, and checks its exit status.
expect_exit() {
  local want=$1
  shift
  checks=$((checks + 1))
  "$@" >"$SCRATCH/.out" 2>"$SCRATCH/.err"
  local got=$?
  OUT=$(cat "$SCRATCH/.out")
  ERR=$(cat "$SCRATCH/.err")
  if [ "$got" -ne "$want" ]; then
    fail "'$*' exited $got, expected $want"
    echo "  stdout: $OUT" >&2
    echo "  stderr: $ERR" >&2
  fi
}

# expect_eq ACTUAL EXPECTED LABEL
expect_eq() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

# expect_match TEXT PATTERN LABEL (grep -E)
expect_match() {
  checks=$((checks + 1))
  printf '%s' "$1" | grep -Eq -- "$2" || fail "$3: '$2' not found in: $1"
}

count_requests() { ghd-request list --format ids 2>/dev/null | wc -l | tr -d ' '; }

pass() {
  if [ "$failures" -ne 0 ]; then
    echo "$(basename "$0"): $failures of $checks checks failed" >&2
    exit 1
  fi
  echo "$(basename "$0"): $checks checks passed"
}
