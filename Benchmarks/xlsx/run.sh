#!/usr/bin/env bash
# Exports a synthetic 1,000,000-row cash book three ways in the same run and prints wall time
# and peak memory (/usr/bin/time -v) for each:
#   swift   bekal-xlsx-bench: BekalExport's streaming Table renderer (release build)
#   c       c_cashbook.c: the same cells straight through libxlsxwriter
#   python  py_cashbook.py: Python XlsxWriter, constant_memory
# All three use constant-memory mode. Swift and C are run RUNS times, interleaved, and the
# median is reported; Python once. The Swift and C sheets are checked to be identical.
#
#   bash Benchmarks/xlsx/run.sh [ROWS]        (RUNS=3 by default; needs libxlsxwriter-dev)
set -euo pipefail
ROWS=${1:-1000000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(mktemp -d /tmp/bekal-xlsx-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

cd "$ROOT"
swift build -c release --product bekal-xlsx-bench >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
cc -O2 -Wall -o "$OUT/c_cashbook" Benchmarks/xlsx/c_cashbook.c $(pkg-config --cflags --libs xlsxwriter)
python3 -c 'import xlsxwriter' 2>/dev/null || pip install --quiet XlsxWriter

# measure NAME COMMAND...: appends "NAME wall-seconds KiB cpu-seconds" to $OUT/results.
# CPU time (user + system) is reported beside wall time: the machine is shared, and CPU time
# moves less when other work competes for the cores.
measure() {
    local name=$1; shift
    /usr/bin/time -v -o "$OUT/time.txt" "$@" >/dev/null
    local wall kib
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {sum += $2} END {printf "%.2f", sum}' "$OUT/time.txt")
    echo "$name $wall $kib $cpu" >>"$OUT/results"
}

for run in $(seq "$RUNS"); do
    measure c "$OUT/c_cashbook" "$OUT/c.xlsx" "$ROWS"
    measure swift "$ROOT/.build/release/bekal-xlsx-bench" "$OUT/swift.xlsx" "$ROWS"
done
measure python python3 Benchmarks/xlsx/py_cashbook.py "$OUT/python.xlsx" "$ROWS"

# Same cells: the sheet XML of the C and Swift files must be byte for byte the same.
for f in c swift; do mkdir -p "$OUT/$f" && (cd "$OUT/$f" && unzip -q "../$f.xlsx" xl/worksheets/sheet1.xml); done
if cmp -s "$OUT/c/xl/worksheets/sheet1.xml" "$OUT/swift/xl/worksheets/sheet1.xml"; then same="identical"; else same="DIFFERENT"; fi

median() { grep "^$1 " "$OUT/results" | awk '{print $'"$2"'}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c_s=$(median c 2); c_k=$(median c 3); c_c=$(median c 4)
s_s=$(median swift 2); s_k=$(median swift 3); s_c=$(median swift 4)
p_s=$(median python 2); p_k=$(median python 3); p_c=$(median python 4)
size=$(stat -c %s "$OUT/swift.xlsx")

echo "cash book, $ROWS rows x 6 columns, constant-memory mode, $(nproc) cores; median of $RUNS (python: 1 run)"
row() { printf '%-28s %9.2f %9.2f %14.1f %10.2f %10.2f\n' "$1" "$2" "$3" "$(echo "$4/1024" | bc -l)" "$(echo "$2/$c_s" | bc -l)" "$(echo "$3/$c_c" | bc -l)"; }
printf '%-28s %9s %9s %14s %10s %10s\n' "writer" "wall (s)" "CPU (s)" "peak RSS (MiB)" "x C wall" "x C CPU"
row "C libxlsxwriter 1.1.4" "$c_s" "$c_c" "$c_k"
row "Swift BekalExport (release)" "$s_s" "$s_c" "$s_k"
row "Python XlsxWriter $(python3 -c 'import xlsxwriter; print(xlsxwriter.__version__)')" "$p_s" "$p_c" "$p_k"
echo "file size: $size bytes; Swift and C sheet1.xml: $same"
echo "all runs (name, wall s, KiB, CPU s):"; sed 's/^/  /' "$OUT/results"
