#!/usr/bin/env bash
# The research-export test runs examples/research.py with pandas. Install Debian's python3-pandas
# when no Python on the machine has pandas and we may (root with apt); otherwise say how. Under
# CI=true the test fails loudly when pandas is missing.
set -euo pipefail
for python in python3 /usr/bin/python3; do
  if command -v "$python" >/dev/null 2>&1 && "$python" -c 'import pandas' >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing python3-pandas for the research-export example (apt-get install)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3 python3-pandas >/dev/null
else
  echo "No Python with pandas; the research-export example needs it: sudo apt-get install -y python3-pandas" >&2
fi
