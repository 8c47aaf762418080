#!/usr/bin/env bash
# The office's paper at a busy office's scale (issue 14), each step its own process under
# /usr/bin/time -v (wall time, CPU time, peak memory):
#   a) the Buku Kas Umum PDF of a month of ENTRIES entries (10,000)
#   b) the same month's BKU as xlsx
#   c) the kuitansi of GRANTS grants (1,000) into one PDF (KuitansiPDF.writeAll, one per page)
#   d) the same kuitansi into GRANTS files
# Each step also prints its own split: reading the books (for the kuitansi: building them,
# audited) and writing the file. RUNS runs of each step, interleaved; every run is printed.
#
#   bash Benchmarks/documents/run.sh [ENTRIES] [GRANTS]      (RUNS=3; release build in .build-rel-bku)
set -euo pipefail
ENTRIES=${1:-10000}
GRANTS=${2:-1000}
RUNS=${RUNS:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${BENCH_DIR:-$(mktemp -d /tmp/bekal-documents-bench.XXXXXX)}
mkdir -p "$OUT"
cd "$ROOT"
swift build -c release --build-path .build-rel-bku --product bekal-documents-bench >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
BENCH=$ROOT/.build-rel-bku/release/bekal-documents-bench

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
"$BENCH" prepare "$OUT/books.sqlite" "$ENTRIES" "$GRANTS"

# measure NAME COMMAND...: the step's own line, then "NAME: wall s, CPU s, peak RSS MiB".
measure() {
    local name=$1; shift
    /usr/bin/time -v -o "$OUT/time.txt" "$@"
    awk -F': ' -v name="$name" '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
        /User time|System time/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "%s: %.2f s wall, %.2f s CPU, %.1f MiB max RSS\n", name, wall, cpu, rss }' "$OUT/time.txt"
}

for run in $(seq "$RUNS"); do
    echo "--- run $run"
    measure "a) BKU PDF" "$BENCH" bku-pdf "$OUT/books.sqlite" "$OUT/bku.pdf"
    measure "b) BKU xlsx" "$BENCH" bku-xlsx "$OUT/books.sqlite" "$OUT/bku.xlsx"
    measure "c) kuitansi, one PDF" "$BENCH" kuitansi-one "$OUT/books.sqlite" "$OUT/kuitansi.pdf"
    rm -rf "$OUT/kuitansi"
    measure "d) kuitansi, one file each" "$BENCH" kuitansi-files "$OUT/books.sqlite" "$OUT/kuitansi"
done
echo "files: bku.pdf $(pdfinfo "$OUT/bku.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages, $(du -h "$OUT/bku.pdf" | cut -f1);" \
     "bku.xlsx $(du -h "$OUT/bku.xlsx" | cut -f1); kuitansi.pdf $(pdfinfo "$OUT/kuitansi.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages," \
     "$(du -h "$OUT/kuitansi.pdf" | cut -f1); kuitansi/ $(ls "$OUT/kuitansi" | wc -l) files, $(du -sh "$OUT/kuitansi" | cut -f1)"
echo "in $OUT"
