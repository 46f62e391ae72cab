#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests, on a loopback port, and
# prints the shell lines that export its address:
#
#     eval "$(bash scripts/start-test-postgres.sh)"    # sets WUYE_DESK_TEST_PG(_DIR)
#     ...run the tests...
#     bash scripts/start-test-postgres.sh --stop "$WUYE_DESK_TEST_PG_DIR"
#
# The cluster lives in a new temporary folder, trusts local connections, runs
# without fsync (nothing in it is worth keeping) and, when this script runs as
# root, as the `postgres` OS user (PostgreSQL refuses to run as root). It needs
# the server binaries of Debian's `postgresql` package (setup-test-machine.sh).
set -euo pipefail

as_owner() {
    # from / : the postgres user may not be allowed into the current folder
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

find_bin() {
    if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$dir" ]; then echo "$dir"; return; fi
    dirname "$(command -v pg_ctl)"
}

BIN=$(find_bin)
if [ ! -x "$BIN/pg_ctl" ]; then
    echo "start-test-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi

if [ "${1:-}" = "--stop" ]; then
    dir=${2:?usage: start-test-postgres.sh --stop DIR}
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$dir" in /tmp/*|"${TMPDIR:-/tmp}"/*) rm -rf "$dir" ;; esac
    exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/wuye-test-pg.XXXXXX")
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
port=${WUYE_DESK_TEST_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

as_owner "$BIN/initdb" -D "$dir/data" -U wuye --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
as_owner "$BIN/createdb" -h 127.0.0.1 -p "$port" -U wuye wuye_test

echo "export WUYE_DESK_TEST_PG=postgresql+psycopg://wuye@127.0.0.1:$port/wuye_test"
echo "export WUYE_DESK_TEST_PG_DIR=$dir"
echo "start-test-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)" >&2
