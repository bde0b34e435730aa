# Sourced by the deployment tests. Arguments of every test:
#   $1 = source directory, $2 = build directory holding collector/ebill-collector
#   and api/ebill-api (empty when this tree does not build them).
set -euo pipefail
SRC="$(cd "${1:?source dir}" && pwd)"
BUILD="${2:-}"
TMP="$(mktemp -d /tmp/ebill-deploy-test.XXXXXX)"
trap 'rm -rf "$TMP"' EXIT
failures=0

skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
finish() {
  if ((failures)); then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}

# The built programs, or a skip saying why they are not there.
require_programs() {
  [[ -n "$BUILD" ]] || skip "this tree does not build ebill-collector and ebill-api (no collector/ or api/ targets)"
  local bin
  for bin in collector/ebill-collector api/ebill-api; do
    [[ -x "$BUILD/$bin" ]] || skip "$BUILD/$bin is not built"
  done
}

# Stages scripts/install (without building) under the directory $1.
stage_install() {
  (cd "$SRC" && DESTDIR="$1" PREFIX="${2:-/usr/local}" scripts/install --skip-build --build-dir "$BUILD")
}
