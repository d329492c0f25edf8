#!/usr/bin/env bash
# Builds the libFuzzer targets under fuzz/ with clang (-DOCEAN_FUZZ=ON, ASan + UBSan) and runs
# each briefly from its committed seed corpus. Inputs up to 100 KB, so long-string cases are
# reached. New inputs the fuzzer finds go to a temporary directory, never into the tree.
#   scripts/fuzz-smoke.sh [BUILD_DIR] [SECONDS_PER_TARGET]
# A crash, leak, timeout or abort fails the script and leaves the reproducer in BUILD_DIR/fuzz-crashes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-fuzz}
seconds=${2:-8}
"$root/scripts/setup.sh" --fuzz
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DOCEAN_FUZZ=ON \
  -DOCEAN_BUILD_TESTS=OFF -DOCEAN_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target fuzz_all -j"$(nproc 2>/dev/null || echo 2)"

crashes="$build/fuzz-crashes"
mkdir -p "$crashes"
found=$(mktemp -d)
trap 'rm -rf "$found"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in "$build"/bin/fuzz_*; do
  name=$(basename "$target")
  corpus="$root/fuzz/corpus/${name#fuzz_}"
  mkdir -p "$found/$name"
  echo "== $name: ${seconds}s from $(find "$corpus" -type f | wc -l) seeds =="
  "$target" "$found/$name" "$corpus" -max_len=102400 -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -artifact_prefix="$crashes/$name-" -print_final_stats=1 2>&1 | tail -n 12
done
