#!/usr/bin/env bash
# Issue 13: wrk on loopback, 64 connections, against a release build serving the demo
# programme: the bendahara's and the pendamping's home pages with their charts, and the
# search in the header (as the bendahara, whose search reads the whole register and the
# book's entries by kuitansi, and as the pendamping, held to her caseload).
# Usage: bash Benchmarks/web/homes.sh [seconds per run, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-30}"
PORT="${BEKAL_BENCH_PORT:-18081}"
OUT="bench-out/web-homes"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# `bekal serve` runs the `bekal-serve` beside it: build both, or a stale server answers.
swift build -c release --product bekal --scratch-path .build-rel-web >/dev/null
swift build -c release --product bekal-serve --scratch-path .build-rel-web >/dev/null
BEKAL=.build-rel-web/release/bekal
DB="$OUT/homes.sqlite"
rm -f "$DB" "$DB"-*
$BEKAL demo --db "$DB" >/dev/null
$BEKAL settings set --db "$DB" --followup-until-months 36 >/dev/null
PASSWORD="bangku-taman-$RANDOM$RANDOM"
echo "$PASSWORD" | $BEKAL user add --db "$DB" --username pendamping1 --role pendamping --worker PSM-01 --password-stdin >/dev/null
echo "$PASSWORD" | $BEKAL user add --db "$DB" --username bendahara --role bendahara --password-stdin >/dev/null

$BEKAL serve --db "$DB" --port "$PORT" --today 2013-01-02 >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/sehat" >/dev/null && break; sleep 0.1; done

# Sign in like a browser: the log-in form's token, then the session cookie.
cookie_for() {
  local jar="$OUT/cookies-$1.txt"; rm -f "$jar"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/masuk" | grep -o 'name="_csrf" value="[0-9a-f]*"' | sed 's/.*value="//;s/"//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data "_csrf=$token&username=$1&password=$PASSWORD" "http://127.0.0.1:$PORT/masuk"
  local session; session=$(awk '$6 == "bekal_sesi" { print $7 }' "$jar")
  [ -n "$session" ] || { echo "log-in of $1 failed" >&2; exit 1; }
  echo "bekal_sesi=$session"
}
BENDAHARA=$(cookie_for bendahara)
PENDAMPING=$(cookie_for pendamping1)

run() { # name cookie path
  local status; status=$(curl -s -o "$OUT/$1.html" -w '%{http_code}' -H "Cookie: $2" "http://127.0.0.1:$PORT$3")
  [ "$status" = 200 ] || { echo "$3 answered $status" >&2; exit 1; }
  echo "== $1: GET $3 ($(wc -c <"$OUT/$1.html") bytes, $(grep -c '<svg' "$OUT/$1.html" || true) charts), 64 connections, ${SECONDS_PER_RUN}s"
  local before; before=$(server_ticks)
  wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H "Cookie: $2" "http://127.0.0.1:$PORT$3" | tee "$OUT/$1.txt"
  # On a machine shared with other work, requests per second move with the neighbours' load;
  # the server's own CPU time per request does much less.
  local after; after=$(server_ticks)
  if [ -n "$before" ] && [ -n "$after" ]; then
    awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" '/requests in/ { printf "  server CPU (user+system): %.2f ms per request\n", t * 1000 / hz / $1 }' "$OUT/$1.txt"
  fi
}
# CPU time of the server so far, in clock ticks; empty when it is not the bekal-serve process.
server_ticks() {
  [ "$(cat /proc/$SERVER/comm 2>/dev/null)" = bekal-serve ] && awk '{ print $14 + $15 }' /proc/$SERVER/stat
  return 0
}
run bendahara-home "$BENDAHARA" /
run pendamping-home "$PENDAMPING" /
run bendahara-search "$BENDAHARA" "/cari?q=siti"
run pendamping-search "$PENDAMPING" "/cari?q=siti"
run bendahara-kuitansi "$BENDAHARA" "/cari?q=KW%2FBMK"
