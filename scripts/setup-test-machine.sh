#!/usr/bin/env bash
# Sets up a fresh Debian machine to run the test suite: the system libraries
# Qt needs offscreen, a PostgreSQL server for the several-desks tests, and a
# virtual environment with wuye-desk and its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 postgresql; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
