#!/usr/bin/env bash
# First clean release build of each client alone, one after the other (never two builds at once):
# rm -rf .build, resolve the packages (timed apart: it clones every package of the graph, for
# either product), then `swift build -c release --product X`. Then lines of code and binary sizes.
set -euo pipefail
cd "$(dirname "$0")"
echo "=== build times $(date -u +%FT%TZ), $(nproc) cores; command: bash Benchmarks/pg-spike/build-times.sh"
for product in pg-spike-libpq pg-spike-nio; do
    rm -rf .build
    echo "--- $product: load before $(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s.%N)
    swift package resolve >/dev/null 2>&1
    echo "resolve (clone from the local mirror): $(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)") s"
    /usr/bin/time -f "build: %e s wall, %U s user, %S s sys, %M KB max RSS" swift build -c release --product "$product" 2>&1 | tail -2
    bin="$(swift build -c release --show-bin-path)/$product"
    strip -o "/tmp/$product.stripped" "$bin"
    echo "binary: $(stat -c %s "$bin") bytes ($(( $(stat -c %s "$bin") / 1024 )) KiB), stripped $(stat -c %s "/tmp/$product.stripped") bytes ($(( $(stat -c %s "/tmp/$product.stripped") / 1024 )) KiB)"
    echo "linked: $(ldd "$bin" | awk '{print $1}' | grep -E 'libpq|libssl|libcrypto|libswift|Foundation|dispatch' | paste -sd ' ')"
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "/tmp/$product.stripped"
done
# Leave both built for run.sh (the libpq product again, incrementally).
swift build -c release --product pg-spike-libpq 2>&1 | tail -1
echo "--- lines of code (non-blank, non-comment), by part"
loc() { cat "$@" | grep -v '^\s*$' | grep -v '^\s*//' | wc -l; }
echo "(B) libpq client: Sources/LibPQStore/LibPQStore.swift $(loc Sources/LibPQStore/LibPQStore.swift), Sources/CLibPQ (module map + shim) $(loc Sources/CLibPQ/module.modulemap Sources/CLibPQ/shim.h), main $(loc Sources/pg-spike-libpq/main.swift)"
echo "(A) postgres-nio client behind the sync port: Sources/NIOStore/NIOStore.swift $(loc Sources/NIOStore/NIOStore.swift), main (all three modes) $(loc Sources/pg-spike-nio/main.swift)"
echo "(A') async variant: Sources/NIOStore/NIOAsyncStore.swift $(loc Sources/NIOStore/NIOAsyncStore.swift), and the core made async for it, Sources/GrantPath/Async.swift $(loc Sources/GrantPath/Async.swift)"
echo "shared (both): Port.swift $(loc Sources/GrantPath/Port.swift), Grant.swift $(loc Sources/GrantPath/Grant.swift), SQL.swift $(loc Sources/GrantPath/SQL.swift), Harness.swift+System.swift+SHA256.swift $(loc Sources/GrantPath/Harness.swift Sources/GrantPath/System.swift Sources/GrantPath/SHA256.swift)"
