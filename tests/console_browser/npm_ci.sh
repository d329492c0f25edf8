#!/usr/bin/env bash
# Installs playwright-core for the console browser test from the committed package-lock.json (npm ci),
# only when node_modules is missing or older than the lock file. playwright-core downloads no
# browser: the test drives Debian's chromium (/usr/bin/chromium, installed by scripts/setup.sh).
# Run by scripts/setup.sh and by ctest (the fixture console_browser_npm_ci). Fails, never skips,
# when node or npm is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "FAIL: node and npm are needed for the console browser test (scripts/setup.sh installs nodejs and npm)" >&2
  exit 1
fi
stamp=$here/node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt "$here/package-lock.json" ] && [ -d "$here/node_modules/playwright-core" ]; then
  exit 0
fi
echo "npm ci in $here" >&2
(cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
