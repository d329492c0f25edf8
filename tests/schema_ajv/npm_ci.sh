#!/usr/bin/env bash
# Installs Ajv for check_schemas.mjs from the committed package-lock.json (npm ci), only when
# node_modules is missing or older than the lock file, so a second run costs a stat call.
# Run by scripts/setup.sh and by ctest (the fixture schema_ajv_npm_ci). Fails, never skips, when
# node or npm is missing: the strict-mode check must not pass by not running.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "FAIL: node and npm are needed for the Ajv strict-mode schema check (scripts/setup.sh installs nodejs and npm)" >&2
  exit 1
fi
stamp=$here/node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt "$here/package-lock.json" ] && [ -d "$here/node_modules/ajv" ]; then
  exit 0
fi
echo "npm ci in $here" >&2
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
