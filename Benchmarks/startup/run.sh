#!/usr/bin/env bash
# How fast a command starts (issue 11, item 7): `bekal --help` and `bekal report trial-balance`
# on the 1,000,000-entry books, beside a Swift hello-world (dynamic and -static-stdlib) and the
# sqlite3 shell reading the same balances, all in one hyperfine run.
#   bash Benchmarks/startup/run.sh                       # DB defaults to /tmp/bekal-bench/bekal.sqlite
#   DB=/path/to/books.sqlite RUNS=100 bash Benchmarks/startup/run.sh
# The 1,000,000-entry file comes from Benchmarks/run.sh (its prepare and post steps).
# Needs: apt-get install -y hyperfine sqlite3.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${DB:-/tmp/bekal-bench/bekal.sqlite}
RUNS=${RUNS:-60}
WORK=${TMPDIR:-/tmp}/bekal-startup
mkdir -p "$WORK"
[ -f "$DB" ] || { echo "no books at $DB: run Benchmarks/run.sh first (or set DB)" >&2; exit 1; }

# The build the README tells users to make.
swift build -c release --static-swift-stdlib --product bekal 2>&1 | tail -1
BEKAL=$PWD/.build/release/bekal
printf 'import Foundation\nprint("hello")\n' > "$WORK/hello.swift"
swiftc -O "$WORK/hello.swift" -o "$WORK/hello-dynamic"
swiftc -O -static-stdlib "$WORK/hello.swift" -o "$WORK/hello-static"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bekal: $(stat -c %s "$BEKAL") bytes; $(ldd "$BEKAL" | grep -c '=>') shared libraries: $(ldd "$BEKAL" | awk '/=>/ {print $1}' | paste -sd ' ')"
echo "books: $DB, $(sqlite3 "$DB" 'SELECT count(*) FROM journal_entry') entries"
# Warm the page cache for the file, so every command reads it from memory.
cat "$DB" > /dev/null
hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$WORK/startup.json" \
  -n 'hello (dynamic)' "$WORK/hello-dynamic" \
  -n 'hello (-static-stdlib)' "$WORK/hello-static" \
  -n 'sqlite3 balances' "sqlite3 $DB 'SELECT account_id, debit, credit FROM account_balance'" \
  -n 'bekal --help' "$BEKAL --help" \
  -n 'bekal report trial-balance' "$BEKAL report trial-balance --db $DB" > "$WORK/hyperfine.txt"
python3 - "$WORK/startup.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r for r in results if r["command"] == "hello (-static-stdlib)")
b = statistics.median(base["times"])
print(f"{'command':32} {'median':>9} {'mean ± sd':>17} {'× static hello':>15}")
for r in results:
    m = statistics.median(r["times"])
    print(f"{r['command']:32} {m*1000:7.2f} ms {r['mean']*1000:8.2f} ± {r['stddev']*1000:4.2f} ms {m/b:13.2f}×")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
