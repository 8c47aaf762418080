#!/usr/bin/env bash
# Instructions per grant of bulk posting, both halves, by callgrind (which does not move with
# the machine's load): Bekal's transaction bodies (every check, the hash chain, the running
# balances, the case summary) and the plain inserts of the same rows. Needs valgrind.
#   Benchmarks/callgrind.sh            # 5,000 grants on a prepared file, about a minute
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-5000}
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/bekal-callgrind}
mkdir -p "$DIR"
swift build -c release --product bekal-bench 2>&1 | tail -1
# valgrind's debug-info reader gives up on the release binary: strip its debug info first.
objcopy --strip-debug .build/release/bekal-bench "$DIR/bekal-bench"
rm -f "$DIR"/prepared.sqlite*
"$DIR/bekal-bench" prepare "$DIR/prepared.sqlite" "$N" 0 > /dev/null
# The closures that run inside each half's write transaction (commit excluded from both).
BEKAL='$s11bekal_bench9postBekal2db5count5batchAA6TimingVSS_S2itKFyyKXEfU_y0D4Core13AftercarePort_AH0J12ReportSourceAH08CaseloadM0AH06LedgerK0AH07ListingK0AH07OutcomelM0AH08RegistryK0AH0lM0AH04UserK0pKXEfU_TA'
PLAIN='$s11bekal_bench9postPlain2db6source5count5batchAA6TimingVSS_SSS2itKFyyKXEfU1_y4GRDB8DatabaseCKXEfU_TA'
declare -A per
for half in BEKAL PLAIN; do
  rm -f "$DIR"/run.sqlite* "$DIR"/plain.sqlite*
  cp "$DIR/prepared.sqlite" "$DIR/run.sqlite"
  valgrind --tool=callgrind --callgrind-out-file="$DIR/$half.out" --toggle-collect="${!half}" \
    "$DIR/bekal-bench" post "$DIR/run.sqlite" "$DIR/plain.sqlite" "$N" "$N" > /dev/null 2>&1
  total=$(callgrind_annotate "$DIR/$half.out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
  per[$half]=$((total / N))
  echo "$half: $total instructions, $((total / N)) per grant"
done
python3 -c "print('ratio by instructions (plain per grant / Bekal per grant): %.3f' % (${per[PLAIN]} / ${per[BEKAL]}))"
