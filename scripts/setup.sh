#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs (scripts/setup.sh --fuzz: also clang and libFuzzer;
# PostgreSQL 15 is there for the tests, which start their own throw-away servers with
# scripts/pg-test-server.sh), then Ajv for the schema check (tests/schema_ajv/npm_ci.sh: npm ci from the committed
# lock file) and playwright-core for the console's browser test (tests/console_browser/npm_ci.sh), which
# drives Debian's chromium. Idempotent: when everything is already installed it only runs dpkg-query and a stat
# call and exits in well under a second.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev
  catch2 openssl ca-certificates curl python3
  postgresql libpq-dev
  chromium
)
# node and npm for the Ajv strict-mode schema check; a node installed another way (nodesource)
# is used as it is.
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  packages+=(nodejs npm)
fi

# --fuzz: also clang and its libFuzzer runtime (for scripts/fuzz-smoke.sh; Debian 12 has clang 14).
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

root=$(cd "$(dirname "$0")/.." && pwd)
if [ ${#missing[@]} -eq 0 ]; then
  "$root/tests/schema_ajv/npm_ci.sh"
  "$root/tests/console_browser/npm_ci.sh"
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Never the unversioned libboost-dev: it would replace 1.81 with 1.74.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
"$root/tests/schema_ajv/npm_ci.sh"
"$root/tests/console_browser/npm_ci.sh"
