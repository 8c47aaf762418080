#!/usr/bin/env bash
# Issue 10: a log-in flood must not freeze the app. A release build serves the demo behind a
# (pretended) proxy; 16 connections post wrong passwords as fast as they can, each from a new
# address and for a new name, so no log-in limit stops them and every one costs a bcrypt
# check. Meanwhile 4 connections load the bendahara's dashboard (p99 is the figure), and the
# real admin signs in from another address with the right password.
# Usage: bash Benchmarks/web/login-flood.sh [seconds, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-30}"
PORT="${BEKAL_BENCH_PORT:-18081}"
OUT="bench-out/web"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
swift build -c release --product bekal >/dev/null
BEKAL=.build/release/bekal
DB="$OUT/login-flood.sqlite"
rm -f "$DB" "$DB"-* "$DB.seal-key"
$BEKAL demo --db "$DB" >/dev/null
PASSWORD="bangku-taman-$RANDOM$RANDOM"
echo "$PASSWORD" | $BEKAL user add --db "$DB" --username bendahara --role bendahara --password-stdin >/dev/null
echo "$PASSWORD" | $BEKAL user add --db "$DB" --username admin --role admin --password-stdin >/dev/null
$BEKAL serve --db "$DB" --port "$PORT" --today 2013-01-02 --behind-proxy >"$OUT/login-flood-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/sehat" >/dev/null && break; sleep 0.1; done

login() {  # login USER ADDRESS JAR: prints the HTTP status of the log-in post
  local jar=$3; rm -f "$jar"
  local token; token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/masuk" | grep -o 'name="_csrf" value="[0-9a-f]*"' | sed 's/.*value="//;s/"//')
  curl -s -o /dev/null -w "%{http_code} %{time_total}" -c "$jar" -b "$jar" -H "X-Forwarded-For: $2" \
    --data "_csrf=$token&username=$1&password=$PASSWORD" "http://127.0.0.1:$PORT/masuk"
}
JAR="$OUT/flood-cookies.txt"
login bendahara 10.200.0.1 "$JAR" >/dev/null
SESSION=$(awk '$6 == "bekal_sesi" { print $7 }' "$JAR")
[ -n "$SESSION" ] || { echo "log-in failed" >&2; exit 1; }
# The flood's log-in form pair (the double-submit cookie and its token).
FLOODJAR="$OUT/flood-form.txt"; rm -f "$FLOODJAR"
export BEKAL_LOGIN_TOKEN=$(curl -s -c "$FLOODJAR" "http://127.0.0.1:$PORT/masuk" | grep -o 'name="_csrf" value="[0-9a-f]*"' | sed 's/.*value="//;s/"//')
export BEKAL_LOGIN_COOKIE="bekal_masuk=$(awk '$6 == "bekal_masuk" { print $7 }' "$FLOODJAR")"

echo "== quiet: GET / (bendahara dashboard), 4 connections, 10s"
wrk -t1 -c4 -d10s --latency -H "Cookie: bekal_sesi=$SESSION" "http://127.0.0.1:$PORT/" | tee "$OUT/flood-quiet.txt"

echo "== flood: POST /masuk, 16 connections, ${SECONDS_PER_RUN}s; meanwhile GET / with 4 connections"
wrk -t1 -c16 -d"${SECONDS_PER_RUN}s" --latency -s Benchmarks/web/login-flood.lua "http://127.0.0.1:$PORT/masuk" > "$OUT/flood-posts.txt" &
FLOOD=$!
sleep 3
wrk -t1 -c4 -d"$((SECONDS_PER_RUN - 8))s" --latency -H "Cookie: bekal_sesi=$SESSION" "http://127.0.0.1:$PORT/" > "$OUT/flood-pages.txt" &
PAGES=$!
sleep 5
ADMIN=$(login admin 10.100.0.7 "$OUT/flood-admin.txt")
wait $PAGES
wait $FLOOD
cat "$OUT/flood-pages.txt"
echo "-- the flood's own answers:"
cat "$OUT/flood-posts.txt"
echo "admin from another address during the flood, right password: HTTP $ADMIN (status and seconds)"
case "$ADMIN" in 303*) echo "admin got in" ;; *) echo "ADMIN WAS NOT LET IN" >&2; exit 1 ;; esac
