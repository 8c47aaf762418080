#!/usr/bin/env bash
# Paying an approved recipient list of N graduates at once (`bekal list pay`), then again
# (every line a replay): wall time and peak memory by /usr/bin/time -v, on a new SQLite file.
# Usage: bash Benchmarks/documents/pay-list.sh [N] [BEKAL]   (default 1000, .build/debug/bekal)
set -euo pipefail
n=${1:-1000}
bekal=$(realpath "${2:-.build/debug/bekal}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
b() { "$bekal" "$@" --db b.sqlite; }
b init --name "Dinas Uji" >/dev/null
b track add --code tata-boga --name "Tata Boga" >/dev/null
b cohort add --code 2026 --training-start 2026-01-05 --training-end 2026-04-03 >/dev/null
python3 -c "
print('nama,angkatan,jurusan,status,tanggal_status')
for i in range(1, $n + 1): print(f'Peserta Uji {i},2026,tata-boga,lulus,2026-04-03')" > g.csv
b import beneficiaries g.csv >/dev/null
b budget receive --amount "$((n * 1500000 + 1000000))" --ref SP2D-1 --date 2026-11-02 >/dev/null
b list draft --cohort 2026 --actor admin >/dev/null
b list approve DP-2026-1 --sk 460/1 --sk-date 2026-11-02 --actor kepala >/dev/null
for run in first again; do
  /usr/bin/time -v "$bekal" list pay DP-2026-1 --db b.sqlite --date 2026-11-03 >/dev/null 2>time.txt
  echo "$run: $(grep 'Elapsed' time.txt | awk '{print $NF}') wall, $(grep 'Maximum resident' time.txt | awk '{print $NF}') KiB peak"
done
