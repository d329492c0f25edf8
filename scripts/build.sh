#!/usr/bin/env bash
# Configures and builds into a build directory. Usage: scripts/build.sh [BUILD_DIR] [extra cmake args...]
# Warnings are errors here, as in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shift || true
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$root" -B "$build" -DOCEAN_WERROR=ON "$@" >/dev/null
cmake --build "$build" -j"$jobs"
