#!/usr/bin/env bash
# The main job: sets up, builds, then has erp-host discover and load every plugin and show what it found.
# Usage: scripts/demo.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
"$root/scripts/setup.sh"
"$root/scripts/build.sh" "$build" -DOCEAN_BUILD_TESTS=OFF -DOCEAN_BUILD_BENCH=OFF
host="$build/bin/erp-host"
echo "== erp-host list: every plugin found, validated, loaded and negotiated =="
"$host" --plugins "$build/plugins" --manifests "$root/manifests" list
