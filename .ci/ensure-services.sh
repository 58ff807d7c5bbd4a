#!/usr/bin/env bash
# The scale-out tests (test/scaleout/) run a real PostgreSQL and a real Redis from Debian's
# packages. Install them when missing and we may (root with apt); otherwise say how. The tests
# start throw-away instances themselves (test/support/services.ts) and, under CI=true, fail
# loudly when either is missing.
set -euo pipefail
have_postgres() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}
have_redis() {
  command -v redis-server >/dev/null 2>&1
}
missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the scale-out tests (apt-get install)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The packages' own clusters and services are not used: the tests start their own instances.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing ${missing[*]}; the scale-out tests need them: sudo apt-get install -y ${missing[*]}" >&2
fi
