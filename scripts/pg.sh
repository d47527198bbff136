#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server on 127.0.0.1 for the test suite.
# Usage: scripts/pg.sh start|stop|url    Data lives in .pg/ (ignored by git).
set -euo pipefail
DIR="$(pwd)/.pg"
PORT="${CROSSWIRE_PG_PORT:-54329}"
# the port this checkout's server was started on (another server may have held the default one)
[ -f "$DIR/port" ] && PORT="$(cat "$DIR/port")"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
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
      # a port held by something else (another checkout's server): take the next free one
      for _ in $(seq 1 20); do busy "$PORT" || break; PORT=$((PORT + 1)); done
      as_pg "$BIN/pg_ctl -D '$DIR/data' -l '$DIR/log' -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DIR'\" -w start" >/dev/null
      echo "$PORT" > "$DIR/port"
    fi
    echo "postgresql+psycopg://postgres@127.0.0.1:${PORT}/postgres"
    ;;
  stop)
    [ -n "$BIN" ] && as_pg "$BIN/pg_ctl -D '$DIR/data' -m fast stop" >/dev/null 2>&1 || true
    ;;
  url) echo "postgresql+psycopg://postgres@127.0.0.1:${PORT}/postgres" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
