#!/usr/bin/env bash
# Builds only the tests that exercise concurrency with ThreadSanitizer and runs them.
# Usage: scripts/tsan.sh [BUILD_DIR]   (default build-tsan)
#
# What runs, and why these:
#   - test_abi's thread cases: last_error read beside concurrent handle_webhook on every plugin
#     (tests/abi/test_last_error_threads.cpp) and the example plugin's webhook-beside-invoke case;
#   - erp-host serve (tests/host_serve): ticks and webhook intake on separate threads, with the probe
#     plugin and with the real TikTok Shop plugin;
#   - the TikTok plugin's webhook intake beside a running sync on one instance (tests/tiktok_abi,
#     through the C ABI) and its webhook cases against tts-sandbox (tests/tiktok_sync, cases with
#     "webhook" in their name); the sandbox's sender and server threads run under TSan too;
#   - the host-wide LIVE calendar shared by two accounts (tests/tiktok_ops unit case);
#   - erp-host serve's /healthz, /readyz and /metrics: the tick thread refreshes the plugin's
#     health/metrics snapshot while listener threads serve it (tests/service);
#   - erp-host serve --console (tests/console, tests/console_browser): listener threads, a "Sync now"
#     worker, server-sent event streams and the plugins' event listener, driven by requests and by
#     chromium (node and chromium are not instrumented; the erp-host and tts-sandbox under test are).
# Any report stops the process that found it (halt_on_error), so a race fails its test.
# Suppressions (scripts/tsan.supp) are only for third-party code and each says why.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)
targets=(test_abi test_host_serve test_host_serve_units test_host_serve_tiktok test_tiktok_abi
         test_tiktok_sync_sandbox test_tiktok_ops_unit test_service_serve test_console_server)
cmake -S "$root" -B "$build" -DOCEAN_WERROR=ON -DOCEAN_SANITIZE=thread -DOCEAN_BUILD_TESTS=ON \
      -DOCEAN_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]}"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$root/scripts/tsan.supp ${TSAN_OPTIONS:-}"
cd "$build"
ctest --output-on-failure -j"$jobs" --timeout 600 \
  -R '^test_abi:.*(concurrently|beside it)|^test_host_serve|^test_tiktok_abi:webhook intake|^test_tiktok_sync_sandbox:.*webhook|^test_tiktok_ops_unit:host-wide LIVE calendar|^test_service_serve|^test_console_server|^console_browser$'
