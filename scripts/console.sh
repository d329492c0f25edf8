#!/usr/bin/env bash
# The web console on the sandbox: sets up and builds what it needs, starts tts-sandbox (the local
# TikTok Shop API) and `erp-host serve --console`, and prints the console's URL and a fresh login
# token. Open the URL, log in, configure the TikTok Shop account in the dialog, Connect & Authorize
# (the sandbox's consent page sends the browser back to the console), Sync now, see the dashboards.
# Stop with Ctrl-C; everything it wrote (in a temporary directory) is removed.
#
# Usage: scripts/console.sh [BUILD_DIR]   (default build/; PORT=8088 by default, loopback only)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
port=${PORT:-8088}

"$root/scripts/setup.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DOCEAN_WERROR=ON -DOCEAN_BUILD_TESTS=OFF -DOCEAN_BUILD_BENCH=OFF > /dev/null
fi
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target erp-host tts-sandbox ocean_tiktok_shop ocean_shopee \
  ocean_tokopedia
build=$(cd "$build" && pwd)

work=$(mktemp -d /tmp/ocean-console.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

mkfifo "$work/sandbox.out"
"$build/bin/tts-sandbox" --tls-dir "$work/tls" --shops 1 --products 20 --orders 300 --seed 42 --latency-ms 100 \
  --app "demo_app_key:demo_app_secret:7000000000000000042:http://127.0.0.1:$port/console/oauth/callback" \
  > "$work/sandbox.out" 2> "$work/sandbox.log" &
pids+=($!)
read -r ready < "$work/sandbox.out"
base=$(printf '%s' "$ready" | json_field base_https)
ca=$(printf '%s' "$ready" | json_field ca_file)

# The console's login token and the plugin's store key come from the host's secrets service;
# here from the environment, fresh for this run.
OCEAN_SECRET_CONSOLE_TOKEN=$(openssl rand -hex 16)
OCEAN_SECRET_STORE_KEY=$(openssl rand -hex 32)
export OCEAN_SECRET_CONSOLE_TOKEN OCEAN_SECRET_STORE_KEY
(umask 077 && cat > "$work/host.json" <<JSON
{
  "data_dir": "$work/data",
  "default_account": "tiktok-us",
  "accounts": [
    {"id": "tiktok-us", "plugin": "tiktok_shop",
     "config": {"app_key": "demo_app_key", "app_secret": "demo_app_secret", "service_id": "7000000000000000042",
                "region": "US", "api_base_url": "$base", "auth_base_url": "$base", "authorize_base_url": "$base",
                "ca_bundle": "$ca", "sync_interval": "manual",
                "features": {"live_shopping": true, "affiliate_program": true, "shop_analytics": true}}},
    {"id": "shopee-sg", "plugin": "shopee"}
  ]
}
JSON
)
# A secret saved from the console's dialog goes here; the host config gets {"secret": NAME}.
(umask 077 && printf '{}' > "$work/secrets.json")
mkfifo "$work/serve.out"
"$build/bin/erp-host" --plugins "$build/plugins" --manifests "$root/manifests" --config "$work/host.json" \
  --secrets "$work/secrets.json" serve --listen "127.0.0.1:$port" --console > "$work/serve.out" 2> "$work/erp-host.log" &
pids+=($!)
exec 3< "$work/serve.out"
read -r _listening <&3
read -r console_line <&3
cat <&3 > /dev/null &
cat <<TEXT

  ${console_line%% (*}
  login token: $OCEAN_SECRET_CONSOLE_TOKEN

Open the URL, log in with the token, then: Accounts -> Configure (the dialog from the plugin's schema),
Connect & Authorize (the sandbox's consent page approves at once and returns to the console),
Sync -> Sync now, Dashboards. erp-host's log: $work/erp-host.log. Ctrl-C stops everything.
TEXT
wait "${pids[1]}"
