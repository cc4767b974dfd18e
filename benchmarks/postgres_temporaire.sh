#!/usr/bin/env bash
# A throw-away PostgreSQL for the bench (the same set-up as .ci/run), then COMMAND on it:
#   bash benchmarks/postgres_temporaire.sh .venv/bin/python -m benchmarks
# DATABASE_URL points at a fresh, empty database (CPRO_BENCH_BASE_JETABLE=1: the bench's
# own); the server is stopped and its directory removed at the end, whatever happens.
# PGPORT: a free port by default.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PGBIN" ]; then
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
PGUSER_OS=postgres
id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home "$PGUSER_OS"
PGROOT=$(mktemp -d /tmp/cpro-bench-pg.XXXXXX)
chown "$PGUSER_OS" "$PGROOT"
# A port nobody listens on now (the kernel picks it), unless PGPORT says which.
PGPORT=${PGPORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
as_pg() { runuser -u "$PGUSER_OS" -- "$@"; }
as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U cpro --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
trap 'as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGROOT"' EXIT
if ! as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/log" -w -t 60 \
    -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1" start; then
  echo "PostgreSQL did not start on 127.0.0.1:$PGPORT; its log:" >&2
  cat "$PGROOT/log" >&2 || true
  exit 1
fi
as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U cpro cpro_bench
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
CPRO_BENCH_BASE_JETABLE=1 DATABASE_URL="postgres://cpro@127.0.0.1:$PGPORT/cpro_bench" "$@"
