#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL 15 for the test run, as STACK.md describes.
# usage: postgres-fixture.sh start|stop STATE_DIR
# start writes STATE_DIR/state.env with SKILLEX_TEST_PG_URL; it fails loudly if PostgreSQL
# cannot start, so that the PostgreSQL tests fail rather than being skipped.
set -euo pipefail
action=${1:?start or stop}
state_dir=${2:?state dir}
state="$state_dir/state.env"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "postgres-fixture: PostgreSQL is not installed (scripts/bootstrap installs it)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_existing() {
  [ -f "$state" ] || return 0
  # shellcheck disable=SC1090
  source "$state"
  if [ -n "${PG_DATA:-}" ] && [ -d "$PG_DATA" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_ROOT"
  fi
  rm -f "$state"
}

case "$action" in
stop)
  stop_existing
  echo "postgres-fixture: stopped"
  ;;
start)
  mkdir -p "$state_dir"
  stop_existing
  root=$(mktemp -d /tmp/skillex-pg.XXXXXX)
  chmod 755 "$root"
  mkdir -p "$root/data" "$root/sock"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$root"
  as_owner "$pg_bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; echo "postgres-fixture: initdb failed" >&2; exit 1; }
  for attempt in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 30000 ))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if as_owner "$pg_bin/pg_ctl" -D "$root/data" -w -t 30 -l "$root/server.log" \
         -o "-p $port -k $root/sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
      cat >"$state" <<STATE
PG_ROOT=$root
PG_DATA=$root/data
PG_PORT=$port
SKILLEX_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres
STATE
      echo "postgres-fixture: PostgreSQL running on 127.0.0.1:$port ($root)"
      exit 0
    fi
  done
  cat "$root/server.log" >&2 || true
  echo "postgres-fixture: PostgreSQL did not start" >&2
  exit 1
  ;;
*)
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
  ;;
esac
