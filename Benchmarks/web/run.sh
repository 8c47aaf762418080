#!/usr/bin/env bash
# The web app under load (issue 5): wrk on loopback, 64 connections, against a release build
# serving the demo programme, signed in as pendamping1 (worker PSM-01).
#   1. GET /            the pendamping's dashboard (her due list)
#   2. POST /kunjungan/baru  the visit form, every request a different visit
# Then: visits in the database after minus before must equal the accepted (2xx/3xx) answers.
# Usage: bash Benchmarks/web/run.sh [seconds per run, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-30}"
PORT="${BEKAL_BENCH_PORT:-18080}"
OUT="bench-out/web"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# `bekal serve` runs the `bekal-serve` beside it: build both, or a stale server answers.
swift build -c release --product bekal >/dev/null
swift build -c release --product bekal-serve >/dev/null
BEKAL=.build/release/bekal
DB="$OUT/web-bench.sqlite"
rm -f "$DB" "$DB"-*
$BEKAL demo --db "$DB" >/dev/null
# As `bekal serve --demo` does: follow up until month 36, so the 2010 cohort is due in Jan 2013.
$BEKAL settings set --db "$DB" --followup-until-months 36 >/dev/null
PASSWORD="bangku-taman-$RANDOM$RANDOM"
echo "$PASSWORD" | $BEKAL user add --db "$DB" --username pendamping1 --role pendamping --worker PSM-01 --password-stdin >/dev/null

$BEKAL serve --db "$DB" --port "$PORT" --today 2013-01-02 >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/sehat" >/dev/null && break; sleep 0.1; done

# Sign in like a browser: the log-in form's token, then the session cookie.
JAR="$OUT/cookies.txt"; rm -f "$JAR"
LOGIN_TOKEN=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/masuk" | grep -o 'name="_csrf" value="[0-9a-f]*"' | sed 's/.*value="//;s/"//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data "_csrf=$LOGIN_TOKEN&username=pendamping1&password=$PASSWORD" "http://127.0.0.1:$PORT/masuk"
SESSION=$(awk '$6 == "bekal_sesi" { print $7 }' "$JAR")
[ -n "$SESSION" ] || { echo "log-in failed" >&2; exit 1; }
export BEKAL_COOKIE="bekal_sesi=$SESSION"
export BEKAL_CSRF=$(curl -s -H "Cookie: $BEKAL_COOKIE" "http://127.0.0.1:$PORT/kunjungan/baru" | grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')

# Her caseload's people (codes), from the database.
export BEKAL_PEOPLE=$(python3 - "$DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""
  SELECT printf('B-%05d', a.beneficiary_id) FROM case_assignment a JOIN worker w ON w.id = a.worker_id
  WHERE w.code = 'PSM-01' AND a.to_date IS NULL AND a.beneficiary_id IS NOT NULL ORDER BY 1""").fetchall()
print(",".join(r[0] for r in rows))
PY
)
# Visits dated from 1 Apr 2010 on (after every demo training began); the office's date is 2 Jan 2013.
export BEKAL_FIRST_DAY=$(( $(date -u -d 2010-04-01 +%s) / 86400 ))
export BEKAL_COUNT_FILE="$OUT/accepted.txt"
count_visits() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM visit').fetchone()[0])" "$DB"; }

echo "== GET / (pendamping dashboard), 64 connections, ${SECONDS_PER_RUN}s"
wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H "Cookie: $BEKAL_COOKIE" "http://127.0.0.1:$PORT/" | tee "$OUT/dashboard.txt"

BEFORE=$(count_visits)
echo "== POST /kunjungan/baru (visit form), 64 connections, ${SECONDS_PER_RUN}s"
wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -s Benchmarks/web/visit-post.lua "http://127.0.0.1:$PORT/kunjungan/baru" | tee "$OUT/visit-post.txt"
AFTER=$(count_visits)
ACCEPTED=$(cat "$BEKAL_COUNT_FILE")
echo "visits before: $BEFORE, after: $AFTER, new: $((AFTER - BEFORE)), accepted answers: $ACCEPTED"
# wrk stops with up to one request in flight per connection: the server may write those
# visits after wrk stopped reading. So every accepted answer must be a row (no lost write),
# and at most 64 rows may have no answer that wrk counted.
NEW=$((AFTER - BEFORE))
if [ "$NEW" -lt "$ACCEPTED" ]; then echo "LOST WRITES: $ACCEPTED accepted, $NEW new rows" >&2; exit 1; fi
if [ $((NEW - ACCEPTED)) -gt 64 ]; then echo "EXTRA WRITES: $((NEW - ACCEPTED)) rows beyond the accepted answers and in-flight requests" >&2; exit 1; fi
echo "no lost writes ($((NEW - ACCEPTED)) written while in flight when wrk stopped)"
