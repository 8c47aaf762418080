#!/usr/bin/env bash
# Two `bekal serve` processes on one PostgreSQL database (issue 12, item 4), as behind one
# address: a scratch PostgreSQL on a Unix socket (as the postgres user: it refuses to run as
# root), the demo programme loaded into it, two release `bekal serve` on two ports, and wrk on
# the visit POST with 64 connections split over both (32 each, at once).
#
# Each server gets the session that was made on the *other* one (pendamping1 signs in on B and
# posts to A, pendamping2 signs in on A and posts to B): the load runs on shared sessions.
# Then: visits in the database after minus before against the accepted answers (303).
#
#   bash Benchmarks/two-serve/run.sh [seconds, default 30]
#   SYNC_COMMIT=off bash Benchmarks/two-serve/run.sh 30   # without the WAL flush at each commit
#   BEKAL_NO_BUILD=1 …                                     # use the release build as it is
#   BEKAL_ONE_SERVER=1 …                                   # control: all 64 connections on one of the two
# Needs: postgresql (initdb, pg_ctl, psql), wrk, curl; run as root (or as a user that may run initdb).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
SECONDS_PER_RUN="${1:-30}"
PGPORT_="${BEKAL_BENCH_PGPORT:-54331}"
PORT_A="${BEKAL_BENCH_PORT_A:-18181}"
PORT_B="${BEKAL_BENCH_PORT_B:-18182}"
OUT="$PWD/bench-out/two-serve"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[ -x "$PGBIN/pg_ctl" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }

SCRATCH="${BEKAL_SCRATCH:-$PWD/.build-rel-web}"
if [ -z "${BEKAL_NO_BUILD:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product bekal-serve 2>&1 | tail -1
    swift build -c release --scratch-path "$SCRATCH" --product bekal 2>&1 | tail -1
fi
BEKAL="$SCRATCH/release/bekal"

echo "=== two-serve run $(date -u +%FT%TZ), ${SECONDS_PER_RUN}s"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgresql: $("$PGBIN/postgres" --version); $(wrk --version 2>&1 | head -1)"

DIR="$(mktemp -d /tmp/two-serve.XXXXXX)"
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; AS=(runuser -u postgres --); PGUSER_=postgres; else PGUSER_="$(id -un)"; fi
PIDS=()
stop() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT INT TERM
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" --auth=trust --no-locale -E UTF8 -U "$PGUSER_" >/dev/null
# Default durability (fsync and synchronous_commit on), as an office's server runs;
# SYNC_COMMIT=off measures without the WAL flush at each commit.
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $PGPORT_ -k $DIR -c listen_addresses='' -c max_connections=50 -c synchronous_commit=${SYNC_COMMIT:-on}" -w start >/dev/null
"${AS[@]}" "$PGBIN/createdb" -h "$DIR" -p "$PGPORT_" -U "$PGUSER_" bekal
DB="postgres://$PGUSER_@/bekal?host=$DIR&port=$PGPORT_"
psql_() { "$PGBIN/psql" -h "$DIR" -p "$PGPORT_" -U "$PGUSER_" -d bekal -Atc "$1"; }
echo "server: $(psql_ 'SHOW server_version'), fsync $(psql_ 'SHOW fsync'), synchronous_commit $(psql_ 'SHOW synchronous_commit')"

cd "$OUT"   # the seal key file goes here
rm -f bekal.seal-key
"$BEKAL" demo --db "$DB" >/dev/null
"$BEKAL" settings set --db "$DB" --followup-until-months 36 >/dev/null
# The office's tables are in a schema of its own (kantor_…) when the database holds offices.
OFFICE_SCHEMA=$(psql_ "SELECT coalesce(min(nspname), 'public') FROM pg_namespace WHERE nspname LIKE 'kantor\_%'")
export PGOPTIONS="-c search_path=$OFFICE_SCHEMA"
PASSWORD="bangku-taman-$RANDOM$RANDOM"
for n in 1 2; do
    echo "$PASSWORD" | "$BEKAL" user add --db "$DB" --username "pendamping$n" --role pendamping --worker "PSM-0$n" --password-stdin >/dev/null
done

for port in "$PORT_A" "$PORT_B"; do
    "$BEKAL" serve --db "$DB" --port "$port" --today 2013-01-02 >"$OUT/serve-$port.log" 2>&1 &
    PIDS+=($!)
done
for port in "$PORT_A" "$PORT_B"; do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/sehat" >/dev/null && break; sleep 0.1; done
done

# signin USER PORT: signs in like a browser on PORT; prints the session cookie's value.
signin() {
    local jar="$OUT/cookies-$1.txt"; rm -f "$jar"
    local token
    token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$2/masuk" | grep -o 'name="_csrf" value="[0-9a-f]*"' | sed 's/.*value="//;s/"//')
    curl -s -o /dev/null -c "$jar" -b "$jar" --data "_csrf=$token&username=$1&password=$PASSWORD" "http://127.0.0.1:$2/masuk"
    awk '$6 == "bekal_sesi" { print $7 }' "$jar"
}
# people WORKER: her caseload's codes, comma-separated.
people() {
    psql_ "SELECT string_agg('B-' || lpad(a.beneficiary_id::text, 5, '0'), ',' ORDER BY a.beneficiary_id)
           FROM case_assignment a JOIN worker w ON w.id = a.worker_id
           WHERE w.code = '$1' AND a.to_date IS NULL AND a.beneficiary_id IS NOT NULL"
}
# drive USER SIGN_IN_PORT LOAD_PORT WORKER: wrk on LOAD_PORT with the session made on SIGN_IN_PORT.
drive() {
    local session csrf
    session=$(signin "$1" "$2")
    [ -n "$session" ] || { echo "log-in of $1 failed" >&2; exit 1; }
    csrf=$(curl -s -H "Cookie: bekal_sesi=$session" "http://127.0.0.1:$3/kunjungan/baru" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
    [ -n "$csrf" ] || { echo "the session of $1 made on :$2 is not known on :$3" >&2; exit 1; }
    BEKAL_COOKIE="bekal_sesi=$session" BEKAL_CSRF="$csrf" BEKAL_PEOPLE="$(people "$4")" \
    BEKAL_FIRST_DAY=$(( $(date -u -d 2010-04-01 +%s) / 86400 )) BEKAL_COUNT_FILE="$OUT/accepted-$1.txt" \
        wrk -t1 -c32 -d"${SECONDS_PER_RUN}s" --latency -s "${BEKAL_LUA:-$ROOT/Benchmarks/web/visit-post.lua}" "http://127.0.0.1:$3/kunjungan/baru" \
        > "$OUT/wrk-$1.txt"
}

BEFORE=$(psql_ "SELECT count(*) FROM visit")
LOAD_B=$([ -n "${BEKAL_ONE_SERVER:-}" ] && echo "$PORT_A" || echo "$PORT_B")
echo "== POST /kunjungan/baru, 64 connections: 32 on :$PORT_A (pendamping1, signed in on :$PORT_B), 32 on :$LOAD_B (pendamping2, signed in on :$PORT_A)"
drive pendamping1 "$PORT_B" "$PORT_A" PSM-01 &
W1=$!
# BEKAL_ONE_SERVER=1: all 64 connections on :$PORT_A (a control: the same load on one server).
drive pendamping2 "$PORT_A" "$LOAD_B" PSM-02 &
W2=$!
wait $W1; wait $W2
sleep 1   # the requests in flight when wrk stopped
AFTER=$(psql_ "SELECT count(*) FROM visit")
for user in pendamping1 pendamping2; do echo "--- $user"; cat "$OUT/wrk-$user.txt"; done

# Both runs' latencies: wrk prints its percentiles per run; the combined p50/p99 are given as
# the two runs' (they ran at once, on equal halves of the connections).
A1=$(cat "$OUT/accepted-pendamping1.txt"); A2=$(cat "$OUT/accepted-pendamping2.txt")
ACCEPTED=$((A1 + A2)); NEW=$((AFTER - BEFORE))
ERRORS=$(cat "$OUT"/wrk-*.txt | awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i } /Non-2xx or 3xx/ { s += $NF } END { print s + 0 }')
echo "summary: p50 $(grep -h ' 50% ' "$OUT"/wrk-*.txt | awk '{print $2}' | paste -sd/), p99 $(grep -h ' 99% ' "$OUT"/wrk-*.txt | awk '{print $2}' | paste -sd/) (pendamping1 on :$PORT_A / pendamping2 on :$LOAD_B)"
echo "requests/s: $(grep -h 'Requests/sec' "$OUT"/wrk-*.txt | awk '{s += $2} END {printf "%.0f", s}') together; errors (socket errors, timeouts, non-2xx/3xx): $ERRORS"
echo "visits before: $BEFORE, after: $AFTER, new: $NEW; accepted answers (303): $ACCEPTED ($A1 + $A2)"
echo "office schema: $OFFICE_SCHEMA; sessions in the database: $(psql_ 'SELECT count(*) FROM web_session'); keys are digests: $(psql_ "SELECT bool_and(key ~ '^[0-9a-f]{64}\$') FROM web_session")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
# wrk stops with up to one request in flight per connection, which a server may still write.
if [ "$NEW" -lt "$ACCEPTED" ]; then echo "LOST WRITES: $ACCEPTED accepted, $NEW new rows" >&2; exit 1; fi
if [ $((NEW - ACCEPTED)) -gt 64 ]; then echo "EXTRA WRITES: $((NEW - ACCEPTED)) rows beyond the accepted answers and in-flight requests" >&2; exit 1; fi
echo "no lost writes: $((NEW - ACCEPTED)) rows for requests in flight when wrk stopped (at most 64)"
