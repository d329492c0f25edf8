#!/usr/bin/env bash
# The main job: sets up and builds, starts tts-sandbox (the local TikTok Shop API) and has erp-host
# drive the TikTok Shop plugin against it end to end: discover and load every plugin, print the
# seller authorization URL, complete consent through the sandbox's consent page, connect, show the
# account and its shop (webhooks subscribed), sync orders and products, then serve: a new order is
# pushed by the platform, verified, stored, applied on tick and read back from the mirror.
#
# Usage: scripts/demo.sh [BUILD_DIR]   (default: build/)
# An existing build directory is used as it is configured (tests and benchmarks stay as they were);
# only a fresh one is configured, without tests and benchmarks. Only the programs and plugins the
# demo runs are built.
# JSON answers are shown shortened (scripts/demo_summary.py). Everything the demo writes (sandbox TLS
# files, host config, plugin data, every full answer) goes into a temporary directory that is removed
# at the end; set KEEP=1 to keep it (the end of the demo says what is where and what to try).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

"$root/scripts/setup.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DOCEAN_WERROR=ON -DOCEAN_BUILD_TESTS=OFF -DOCEAN_BUILD_BENCH=OFF > /dev/null
fi
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target erp-host tts-sandbox ocean_tiktok_shop ocean_shopee \
  ocean_tokopedia
build=$(cd "$build" && pwd)

work=$(mktemp -d /tmp/ocean-demo.XXXXXX)
mkdir -p "$work/answers"
sandbox_pid=""
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true; fi
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

step() { printf '\n== %s ==\n' "$*"; }

# A value of a flat JSON field from one line of JSON, without needing jq on the machine.
json_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" | head -n 1; }

# erp-host's log lines (stderr), each shown once: every erp-host call starts the account again and
# logs the same "account ... started" line, which says something only the first time.
touch "$work/seen.log" "$work/erp-host.log"
show_new_log() {
  local line key
  while IFS= read -r line; do
    # Lines differ by their timestamp alone when a call repeats what an earlier one logged.
    key=$(printf '%s' "$line" | sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z ?//')
    grep -qxF -- "$key" "$work/seen.log" && continue
    printf '%s\n' "$key" >> "$work/seen.log"
    printf '%s\n' "$line"
  done < "$1"
  cat "$1" >> "$work/erp-host.log"
}

# Runs erp-host: what it prints is shortened on screen (JSON answers as a few lines, live progress as
# it comes) and kept whole in $work/answers/NN-NAME.txt.
calls=0
host_call() {
  local name=$1 rc=0 file
  shift
  calls=$((calls + 1))
  file=$work/answers/$(printf '%02d' "$calls")-$name.txt
  "${host[@]}" "$@" 2> "$work/stderr.last" | tee "$file" | python3 "$root/scripts/demo_summary.py" || rc=$?
  show_new_log "$work/stderr.last"
  return "$rc"
}

host=("$build/bin/erp-host" --plugins "$build/plugins" --manifests "$root/manifests")

step "erp-host list: every plugin found, its manifest validated, loaded and negotiated"
"${host[@]}" list | cut -c1-160

step "tts-sandbox: the TikTok Shop API on loopback (HTTPS with its own CA)"
mkfifo "$work/sandbox.out"
"$build/bin/tts-sandbox" --tls-dir "$work/tls" --shops 1 --products 20 --orders 300 --seed 42 \
  --app "demo_app_key:demo_app_secret:7000000000000000042:https://erp.example.com/oauth/callback" \
  > "$work/sandbox.out" 2> "$work/sandbox.log" &
sandbox_pid=$!
read -r ready < "$work/sandbox.out"
base=$(printf '%s' "$ready" | json_field base_https)
ca=$(printf '%s' "$ready" | json_field ca_file)
echo "sandbox at $base (CA $ca)"

# The key the plugin encrypts tokens and the app secret with comes from the host's secret service;
# erp-host reads it from the environment. A real host keeps it in its vault.
OCEAN_SECRET_STORE_KEY=$(openssl rand -hex 32)
export OCEAN_SECRET_STORE_KEY
if [ "${KEEP:-0}" = 1 ]; then (umask 077 && printf '%s\n' "$OCEAN_SECRET_STORE_KEY" > "$work/store.key"); fi

cat > "$work/host.json" <<JSON
{
  "data_dir": "$work/data",
  "default_account": "tiktok-us",
  "accounts": [
    {"id": "tiktok-us", "plugin": "tiktok_shop",
     "config": {"app_key": "demo_app_key", "app_secret": "demo_app_secret",
                "service_id": "7000000000000000042", "region": "US",
                "api_base_url": "$base", "auth_base_url": "$base", "authorize_base_url": "$base",
                "ca_bundle": "$ca", "sync_interval": "15m", "safety_buffer": 2,
                "webhook_url": "https://erp.example.com/webhooks/tiktok-us"}},
    {"id": "shopee-sg", "plugin": "shopee"}
  ]
}
JSON
host+=(--config "$work/host.json")

step "accounts from the host config (one instance per shop account)"
host_call accounts accounts

step "account.authorize_url: the link the seller opens"
auth_json=$("${host[@]}" --json invoke tiktok-us account.authorize_url '{}' 2> "$work/stderr.last")
show_new_log "$work/stderr.last"
url=$(printf '%s' "$auth_json" | json_field url)
echo "$url"

step "the seller consents (the sandbox's consent page answers 302 to the app's redirect URL)"
location=$(curl -s -o /dev/null -w '%{redirect_url}' --cacert "$ca" "$url")
echo "redirected to: $location"
code=$(printf '%s' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
state=$(printf '%s' "$location" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')

step "account.connect: auth code -> tokens -> authorized shops (tokens stored encrypted)"
host_call connect invoke tiktok-us account.connect "{\"code\":\"$code\",\"state\":\"$state\"}"

step "account.status"
host_call status invoke tiktok-us account.status '{}'

# Capabilities that later work adds; a plugin that does not offer one yet answers UNSUPPORTED and
# the demo says so instead of pretending.
try_invoke() {
  local cap=$1 req=$2 rc=0
  step "$cap $req"
  host_call "$cap" invoke tiktok-us "$cap" "$req" || rc=$?
  if [ "$rc" -ne 0 ]; then echo "($cap answered exit code $rc; see the message above)"; fi
}
try_invoke sync.run '{"kinds":["products","orders"]}'
try_invoke orders.search '{"limit":2}'
try_invoke sync.status '{}'

step "erp-host serve: the webhook listener and the tick loop"
mkfifo "$work/serve.out"
"${host[@]}" serve --listen 127.0.0.1:0 --tick-interval 500 > "$work/serve.out" 2> "$work/serve.log" &
serve_pid=$!
exec 3< "$work/serve.out"
read -r listening <&3
serve_url=${listening#listening on }
echo "$listening"
cat <&3 > "$work/serve.events" &
# The sandbox stands in for DNS: erp.example.com (the configured webhook_url's host) is this listener.
curl -s --cacert "$ca" -H 'Content-Type: application/json' \
  -d "{\"webhook_redirects\":[\"https://erp.example.com=$serve_url\"]}" "$base/_sandbox/settings" > /dev/null

step "a buyer places an order on TikTok Shop: the platform pushes ORDER_STATUS_CHANGE to erp-host"
shop_id=$("${host[@]}" --json invoke tiktok-us account.status '{}' 2>> "$work/erp-host.log" |
  sed -n 's/.*"shop":{"id":"\([^"]*\)".*/\1/p' | head -n 1)
order_id=$(curl -s --cacert "$ca" -H 'Content-Type: application/json' -d "{\"shop_id\":\"$shop_id\",\"count\":1}" \
  "$base/_sandbox/orders" | grep -o '"id":"[0-9]*"' | head -n 1 | cut -d'"' -f4)
echo "new order $order_id"
for _ in $(seq 1 40); do
  if curl -s --cacert "$ca" "$base/_sandbox/webhook_deliveries" | grep -q '"outcome":"delivered"'; then break; fi
  sleep 0.25
done
echo "webhook deliveries by outcome:"
curl -s --cacert "$ca" "$base/_sandbox/webhook_deliveries" | grep -o '"outcome":"[a-z_]*"' | sort | uniq -c
sleep 2  # a few ticks: the stored notification is applied by fetching the order
kill -TERM "$serve_pid"; wait "$serve_pid" || true; serve_pid=""
exec 3<&-
echo "what serve printed:"
python3 "$root/scripts/demo_summary.py" < "$work/serve.events"

step "orders.get: the pushed order is in the ERP's mirror"
host_call orders.get invoke tiktok-us orders.get "{\"id\":\"$order_id\"}"

step "the Shopee stub answers UNSUPPORTED, saying what would go there"
host_call shopee invoke shopee-sg orders.search '{}' || echo "(exit code $?, as expected for a stub)"

step "done"
echo "requests the sandbox saw:"
curl -s --cacert "$ca" "$base/_sandbox/requests" | grep -o '"path":"[^"]*"' | sort | uniq -c

step "what to try next"
if [ "${KEEP:-0}" = 1 ]; then
  cat <<TEXT
The demo's files are kept in $work:
  host.json     the host config (accounts and their plugin config)
  data/         each account's SQLite store (the mirror, tokens encrypted)
  answers/      every answer shown shortened above, whole
  store.key     the key of the token store (a demo convenience; a real host keeps it in its vault)
  erp-host.log, sandbox.log, serve.log, serve.events   what the programs logged and printed
The sandbox has stopped, but the mirror is local, so these read it:
  export OCEAN_SECRET_STORE_KEY=\$(cat $work/store.key)
  ${host[*]} invoke tiktok-us orders.search '{"limit":5}'
  ${host[*]} invoke tiktok-us orders.get '{"id":"$order_id"}'
  ${host[*]} features tiktok-us
TEXT
else
  echo "Run it again with KEEP=1 to keep the files (host config, stores, every full answer) and get"
  echo "commands that read the mirror afterwards."
fi
cat <<TEXT
Every command and its options: $build/bin/erp-host help (also: help invoke, help serve).
Each capability's request fields: plugins/tiktok_shop/src/capability/table.cpp. Guides: docs/TIKTOK_SHOP.md,
docs/SYNC.md, docs/OPERATIONS.md, docs/CATALOG.md, docs/FINANCE.md; the sandbox's switches: sandbox/README.md.
The tests drive the same pieces: scripts/test.sh.
TEXT
