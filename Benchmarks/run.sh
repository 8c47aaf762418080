#!/usr/bin/env bash
# Builds release and runs every measurement of BENCHMARKS.md; figures go to $BENCH_DIR/figures.txt.
#   N=1000000 BATCH=10000 HLEDGER_N=1000000 DISBURSE_RUNS=40 Benchmarks/run.sh
# Needs: apt-get install -y ledger hledger hyperfine (and python3 for the median).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
BATCH=${BATCH:-10000}
HLEDGER_N=${HLEDGER_N:-$N}
DISBURSE_RUNS=${DISBURSE_RUNS:-40}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/bekal-bench}
mkdir -p "$DIR"
OUT="$DIR/figures.txt"
: > "$OUT"
say() { echo "$*" | tee -a "$OUT"; }
# timed OUTPUT COMMAND...: runs COMMAND with stdout to OUTPUT, prints its wall time and peak memory.
timed() { local out=$1; shift; /usr/bin/time -f "%e s wall, %M KB max RSS" -o "$DIR/time.txt" "$@" > "$out"; cat "$DIR/time.txt"; }

swift build -c release 2>&1 | grep -E "error|warning|Compiling|Build complete" | tail -2
BENCH=$PWD/.build/release/bekal-bench
BEKAL=$PWD/.build/release/bekal

say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "tools: $(ledger --version | head -1); $(hledger --version); $(hyperfine --version)"
say "N=$N BATCH=$BATCH HLEDGER_N=$HLEDGER_N DISBURSE_RUNS=$DISBURSE_RUNS"

rm -f "$DIR"/bekal.sqlite* "$DIR"/plain.sqlite* "$DIR"/*.journal
EXTRA=$((DISBURSE_RUNS + 1))
say "--- prepare (not timed): $N beneficiaries enrolled and completed, $EXTRA more for disburse runs"
"$BENCH" prepare "$DIR/bekal.sqlite" "$N" "$EXTRA" | tee -a "$OUT"

say "--- a) bulk posting: Operations.disburseGrant in store.write batches, then plain inserts of the same rows (on a copy made first)"
"$BENCH" post "$DIR/bekal.sqlite" "$DIR/plain.sqlite" "$N" "$BATCH" | tee -a "$OUT"
say "database: $(du -h "$DIR/bekal.sqlite" | cut -f1)"
say "bekal verify: $(timed "$DIR/verify.out" "$BEKAL" verify --db "$DIR/bekal.sqlite") $(head -1 "$DIR/verify.out")"

say "--- b) trial balance on the $N-grant database"
"$BENCH" trial-balance "$DIR/bekal.sqlite" 21 | tee -a "$OUT"
hyperfine -N --warmup 2 --runs 20 --export-json "$DIR/tb.json" \
  "$BEKAL report trial-balance --db $DIR/bekal.sqlite --format json" > /dev/null
say "bekal report trial-balance process: median $(python3 -c "import json,statistics;print('%.1f ms' % (1000*statistics.median(json.load(open('$DIR/tb.json'))['results'][0]['times'])))")"
say "export journal: $(timed /dev/null "$BEKAL" export journal --db "$DIR/bekal.sqlite" --out "$DIR/books.journal"), $(du -h "$DIR/books.journal" | cut -f1)"
say "ledger -f books.journal bal: $(timed "$DIR/ledger.out" ledger -f "$DIR/books.journal" bal)"
say "  ledger cash: $(grep '1101 Kas' "$DIR/ledger.out" | xargs)"
JOURNAL=$DIR/books.journal
if [ "$HLEDGER_N" != "$N" ]; then
  # The first HLEDGER_N grants (and the budget entry before them): entries are in chain order.
  JOURNAL=$DIR/books-$HLEDGER_N.journal
  awk -v stop="(#$((HLEDGER_N + 2)))" '$2 == stop { exit } { print }' "$DIR/books.journal" > "$JOURNAL"
  say "hledger on the first $HLEDGER_N grants only; ledger on the same file for comparison: $(timed /dev/null ledger -f "$JOURNAL" bal)"
fi
say "hledger -f $(basename "$JOURNAL") bal: $(timed "$DIR/hledger.out" hledger -f "$JOURNAL" bal)"
say "  hledger cash: $(grep '1101 Kas' "$DIR/hledger.out" | xargs)"
say "  bekal cash:   $("$BEKAL" report trial-balance --db "$DIR/bekal.sqlite" --format csv | grep '1101' | head -1)"

say "--- c) one bekal grant disburse process, a new beneficiary and reference each run"
FIRST=$((N + 2)); LAST=$((N + 1 + DISBURSE_RUNS))
"$BEKAL" grant disburse --db "$DIR/bekal.sqlite" --beneficiary "$((N + 1))" --ref "WARM-UP" --date 2026-11-02 > /dev/null
hyperfine -N --runs 1 --parameter-scan k "$FIRST" "$LAST" --export-json "$DIR/disburse.json" \
  "$BEKAL grant disburse --db $DIR/bekal.sqlite --beneficiary {k} --ref KW-X{k} --date 2026-11-02" > /dev/null
say "bekal grant disburse: $(python3 -c "
import json, statistics
t = [r['times'][0] for r in json.load(open('$DIR/disburse.json'))['results']]
print('median %.1f ms, min %.1f, max %.1f over %d runs' % (1000*statistics.median(t), 1000*min(t), 1000*max(t), len(t)))")"
say "verify after the disburse runs: $("$BEKAL" verify --db "$DIR/bekal.sqlite" | head -1)"
