#!/usr/bin/env bash
# The PostgreSQL spike on the grant path: starts a scratch PostgreSQL 15 on a Unix socket (as the
# postgres user: it refuses to run as root), runs each client on a fresh copy of the same
# programme, checks what each wrote, and always stops the server.
#
#   bash Benchmarks/pg-spike/run.sh                      # nio, libpq and the libpq-unprepared control; order A B C C B A
#   CLIENTS="libpq" ROUNDS=1 bash Benchmarks/pg-spike/run.sh
#   CLIENTS="nio nio-async nio-async-loop libpq" bash Benchmarks/pg-spike/run.sh   # with the async variants
# Clients: nio = (A) postgres-nio behind the synchronous port (.wait() on futures); libpq = (B);
# libpq-unprepared = (B) with PQexecParams (an unnamed statement per call, as postgres-nio sends them), a control;
# libpq-generic = (B) with the server's default plan_cache_mode (generic plans picked on small tables: slow bulk);
# nio-async / nio-async-loop = postgres-nio with the port made async, from the main actor / pinned to the loop.
#   SPIKE_BULK=2000 SPIKE_LATENCY=200 bash Benchmarks/pg-spike/run.sh   # a quick check
#   SYNC_COMMIT=off bash Benchmarks/pg-spike/run.sh      # without the WAL flush at each commit
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
cd "$HERE"
PORT=54329
# The command as given (the variables set on it), for the figures.
GIVEN="$(for v in CLIENTS ROUNDS SYNC_COMMIT BENEFICIARIES SPIKE_WARMUP SPIKE_LATENCY SPIKE_BULK SPIKE_BATCH SPIKE_WRITERS SPIKE_PER_WRITER; do
    if [ -n "${!v:-}" ]; then printf '%s=%q ' "$v" "${!v}"; fi; done)"
ROUNDS="${ROUNDS:-2}"
CLIENTS="${CLIENTS:-nio libpq libpq-unprepared}"
SYNC_COMMIT="${SYNC_COMMIT:-on}"
BENEFICIARIES="${BENEFICIARIES:-110000}"
PGBIN=/usr/lib/postgresql/15/bin
command -v initdb >/dev/null 2>&1 && PGBIN="$(dirname "$(readlink -f "$(command -v initdb)")")"

echo "=== pg-spike run $(date -u +%FT%TZ)"
echo "command: ${GIVEN}bash Benchmarks/pg-spike/run.sh  (clients: $CLIENTS; rounds: $ROUNDS)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, kernel $(uname -r)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "swift: $(swift --version 2>&1 | head -1)"
echo "postgresql: $("$PGBIN/postgres" --version); libpq $(pkg-config --modversion libpq)"
echo "settings: SPIKE_WARMUP=${SPIKE_WARMUP:-200} SPIKE_LATENCY=${SPIKE_LATENCY:-2000} SPIKE_BULK=${SPIKE_BULK:-100000} SPIKE_BATCH=${SPIKE_BATCH:-1000} SPIKE_WRITERS=${SPIKE_WRITERS:-4} SPIKE_PER_WRITER=${SPIKE_PER_WRITER:-1000} beneficiaries=$BENEFICIARIES synchronous_commit=$SYNC_COMMIT"

# Build first (incremental; one build at a time), so no build runs while the server is measured.
binary() { case "$1" in libpq|libpq-*) echo pg-spike-libpq ;; nio|nio-*) echo pg-spike-nio ;; *) echo "unknown client $1" >&2; exit 2 ;; esac; }
mode() { case "$1" in libpq-unprepared) echo --unprepared ;; libpq-generic) echo --generic ;; nio) echo --wait ;; nio-async) echo --async ;; nio-async-loop) echo --async-loop ;; *) echo "" ;; esac; }
for b in $(for c in $CLIENTS; do binary "$c"; done | sort -u); do swift build -c release --product "$b" 2>&1 | tail -1; done
echo "packages: $(grep -o '"location" : "[^"]*"\|"version" : "[^"]*"' Package.resolved 2>/dev/null | sed 's/.*: "//; s/"$//; s#https://github.com/##; s/\.git$//' | paste -sd ' ' | sed 's/ \([0-9][0-9.]*\)/@\1,/g; s/,$//')"
BIN="$(swift build -c release --show-bin-path)"

DIR="$(mktemp -d /tmp/pg-spike.XXXXXX)"
chown postgres "$DIR"
stop() {
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT INT TERM
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" --auth=trust --no-locale -E UTF8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PORT -k $DIR -c listen_addresses='' -c synchronous_commit=$SYNC_COMMIT -c autovacuum=off" -w start >/dev/null
export PGHOST="$DIR" PGPORT="$PORT" PGUSER=postgres PGDATABASE=spike
echo "server: $(psql -d postgres -Atc 'SHOW server_version') on $DIR/.s.PGSQL.$PORT; shared_buffers $(psql -d postgres -Atc 'SHOW shared_buffers'), fsync $(psql -d postgres -Atc 'SHOW fsync'), synchronous_commit $(psql -d postgres -Atc "SHOW synchronous_commit"), autovacuum $(psql -d postgres -Atc "SHOW autovacuum") (the client runs ANALYZE after its warm-up and before the back-dated grant)"

fresh() {
    runuser -u postgres -- dropdb -h "$DIR" -p "$PORT" --if-exists spike
    runuser -u postgres -- createdb -h "$DIR" -p "$PORT" spike
    psql -q -v n="$BENEFICIARIES" -f schema.sql >/dev/null
    psql -q -d spike -c CHECKPOINT >/dev/null
}

order=""
for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2 == 1)); then order="$order $CLIENTS"; else order="$order $(echo "$CLIENTS" | tr ' ' '\n' | tac | tr '\n' ' ')"; fi
done
status=0
for c in $order; do
    echo
    echo "--- $c: fresh database with $BENEFICIARIES beneficiaries; load $(cut -d' ' -f1-3 /proc/loadavg)"
    fresh
    if ! "$BIN/$(binary "$c")" $(mode "$c"); then echo "FAILED: $c"; status=1; fi
    psql -f check.sql
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
