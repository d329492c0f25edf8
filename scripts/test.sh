#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite. Usage: scripts/test.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$build" -DOCEAN_BUILD_TESTS=ON "$@"
cd "$build"
ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)" --timeout 300
