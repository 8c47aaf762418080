#!/usr/bin/env bash
# The PostgreSQL figures of BENCHMARKS.md ("Many offices on one PostgreSQL server"): bulk
# posting with every check against plain inserts of the same rows on the same server, four
# offices posting at once against one, and the trial balance. A scratch PostgreSQL on a Unix
# socket (as the postgres user when run as root), default durability (fsync and
# synchronous_commit on), removed at the end.
#
#   bash Benchmarks/pg-bench/run.sh              # N=20000 grants, batch 1000; 4 offices × 4000
#   N=50000 OFFICES=4 PER_OFFICE=8000 bash Benchmarks/pg-bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${N:-20000}; BATCH=${BATCH:-1000}; OFFICES=${OFFICES:-4}; PER_OFFICE=${PER_OFFICE:-4000}
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
[ -x "$PGBIN/pg_ctl" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 1; }
swift build -c release --product bekal-pg-bench 2>&1 | tail -1
BENCH="$PWD/.build/release/bekal-pg-bench"

DIR="$(mktemp -d /tmp/pg-bench.XXXXXX)"
AS=(); PGUSER_="$(id -un)"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; AS=(runuser -u postgres --); PGUSER_=postgres; fi
stop() { "${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap stop EXIT INT TERM
"${AS[@]}" "$PGBIN/initdb" -D "$DIR/data" --auth=trust --no-locale -E UTF8 -U "$PGUSER_" >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p 54332 -k $DIR -c listen_addresses=''" -w start >/dev/null
for db in post offices; do "${AS[@]}" "$PGBIN/createdb" -h "$DIR" -p 54332 -U "$PGUSER_" "$db"; done
url() { echo "postgres://$PGUSER_@/$1?host=$DIR&port=54332"; }

echo "=== pg-bench $(date -u +%FT%TZ): $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$PGBIN/postgres" --version)"
echo "--- bulk posting: N=$N, batch $BATCH"
"$BENCH" post "$(url post)" "$N" "$BATCH"
echo "--- offices: $OFFICES × $PER_OFFICE grants, batch 500"
"$BENCH" offices "$(url offices)" "$OFFICES" "$PER_OFFICE" 500
echo "--- trial balance"
"$BENCH" trial-balance "$(url post)" 21
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
