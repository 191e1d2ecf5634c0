#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL 15 server for tests and benchmarks.
#   scripts/postgres.sh start DIR PORT   -> prints the DATABASE_URL to use
#   scripts/postgres.sh stop DIR
# As root the server runs as the unprivileged user "chronicle-pg" (created if
# missing); otherwise as the current user. Data lives in DIR only.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:?start|stop}; dir=${2:?data directory}; port=${3:-54329}

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    su -s /bin/sh chronicle-pg -c "$*"
  else
    sh -c "$*"
  fi
}

case "$cmd" in
  start)
    if [ "$(id -u)" = 0 ] && ! id chronicle-pg >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin chronicle-pg
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown chronicle-pg "$dir"
    chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb -D '$dir' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    as_pg "$PGBIN/pg_ctl -D '$dir' -l '$dir/server.log' -w -t 60 \
      -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    # Create the database unless it is already there (a second start).
    "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres chronicle 2>/dev/null || true
    echo "postgres://postgres@127.0.0.1:$port/chronicle"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
