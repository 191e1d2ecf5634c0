#!/usr/bin/env bash
# The whole test suite, twice: on SQLite and on a real PostgreSQL 15 server
# that this script starts (and stops) itself. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/browser.sh
bash scripts/debian.sh /usr/sbin/nginx nginx  # bench/tests/test_nginx.py runs the deployment's proxy

# Two workers (the machines have two cores); files stay whole on one worker.
PYTEST=(.venv/bin/python -m pytest -q -n "${CHRONICLE_TEST_WORKERS:-2}" --dist loadfile)

unset DATABASE_URL
echo "=== Test suite on SQLite ==="
"${PYTEST[@]}" "$@"

pgdir=$(mktemp -d /tmp/chronicle-pg.XXXXXX)
chmod 755 "$pgdir"  # the server's unprivileged user must reach its data directory
# A port nothing holds now (a fixed one can be held by another server or by any
# client connection that was given it as its local port).
port=${CHRONICLE_PG_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cleanup() { bash scripts/postgres.sh stop "$pgdir/data"; rm -rf "$pgdir"; }
trap cleanup EXIT
DATABASE_URL=$(bash scripts/postgres.sh start "$pgdir/data" "$port")
export DATABASE_URL
echo "=== Test suite on PostgreSQL ($(/usr/lib/postgresql/15/bin/postgres --version)) ==="
"${PYTEST[@]}" "$@"
