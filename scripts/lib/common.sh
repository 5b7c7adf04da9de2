# Shared by the scripts in scripts/: installing what the build needs, and
# configuring and building a tree. Sourced, not run.

GHD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Debian packages the build, the tests and the benchmarks need.
GHD_PACKAGES=(
  cmake ninja-build g++ pkg-config ccache
  libcli11-dev libsqlitecpp-dev libsqlite3-dev sqlite3 libfmt-dev libcurl4-openssl-dev
  libyaml-cpp-dev catch2 nlohmann-json3-dev zlib1g-dev groff-base bc
)

log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

# Installs the packages that are missing, with apt-get (as root, or via sudo).
ensure_packages() {
  local missing=()
  local p
  for p in "${GHD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      log "error: missing packages and not root: ${missing[*]}"
      return 69
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 69
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 69
}

# build_tree DIR [cmake options...]: configures (once) and builds DIR.
build_tree() {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$GHD_ROOT" -B "$dir" -G Ninja "$@" >&2 || return 1
  fi
  cmake --build "$dir" >&2
}
