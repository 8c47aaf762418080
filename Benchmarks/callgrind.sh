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
# Found by name, since their mangled names follow the store's protocol composition.
BEKAL=$(nm "$DIR/bekal-bench" | awk '{print $3}' | grep 'postBekal' | grep 'KXEfU_TA$' | head -1)
PLAIN=$(nm "$DIR/bekal-bench" | awk '{print $3}' | grep 'postPlain' | grep 'KXEfU1_y4GRDB8DatabaseCKXEfU_TA$' | head -1)
[ -n "$BEKAL" ] && [ -n "$PLAIN" ] || { echo "the two halves' closures were not found in the binary" >&2; exit 1; }
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
