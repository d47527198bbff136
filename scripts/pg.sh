#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server on 127.0.0.1 for the test suite.
# Usage: scripts/pg.sh start|stop|url    Data lives in .pg/ (ignored by git).
set -euo pipefail
PORT="${CROSSWIRE_PG_PORT:-54329}"
DIR="$(pwd)/.pg"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
URL="postgresql+psycopg://postgres@127.0.0.1:${PORT}/postgres"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "${1:-start}" in
  start)
    if [ -z "$BIN" ]; then echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; fi
    mkdir -p "$DIR"
    if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_pg "$BIN/initdb -D '$DIR/data' -U postgres --auth=trust >/dev/null"
    fi
    if ! as_pg "$BIN/pg_ctl -D '$DIR/data' status" >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR'\" -w start" >/dev/null
    fi
    echo "$URL"
    ;;
  stop)
    [ -n "$BIN" ] && as_pg "$BIN/pg_ctl -D '$DIR/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
