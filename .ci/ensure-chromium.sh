#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when missing and we may (root with apt);
# otherwise say how, and let the browser tests fail loudly.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "Chromium is not installed; the browser tests need it: sudo apt-get install -y chromium" >&2
fi
