#!/usr/bin/env bash
# Sourced by scripts/test.sh: a throwaway PostgreSQL cluster for the store tests, from Debian's packages, on
# 127.0.0.1 only, stopped and deleted when the sourcing shell exits. Exports PERFEVAL_TEST_PG.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (the store tests run against a real server)" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgport=${PERFEVAL_TEST_PG_PORT:-55432}
pgdata=$(mktemp -d /tmp/perfeval-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdata"
as_pg "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
  -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop_test_postgres() { as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdata"; }
trap stop_test_postgres EXIT
export PERFEVAL_TEST_PG="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
echo "test PostgreSQL on 127.0.0.1:$pgport" >&2
