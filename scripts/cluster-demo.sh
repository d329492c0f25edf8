#!/usr/bin/env bash
# Several erp-host nodes sharing TikTok Shop accounts through PostgreSQL (issue 16), end to end:
#
#   scripts/cluster-demo.sh [BUILD_DIR]      # KEEP=1 keeps the work directory (logs, config)
#
# Starts a throw-away PostgreSQL server (scripts/pg-test-server.sh), tts-sandbox with six shops,
# connects one account per shop through erp-host, then runs three `erp-host serve` nodes on one
# config. Shows the accounts spread 2-2-2 (`erp-host cluster`), every mirror equal to the
# sandbox's truth, then new orders arrive while one node is killed (kill -9): its accounts move to
# the others within the lease, and every mirror is exact again, no order lost or doubled.
# docs/RUN_SEVERAL_HOSTS.md explains what is going on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}

"$root/scripts/setup.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -DOCEAN_WERROR=ON -DOCEAN_BUILD_TESTS=OFF -DOCEAN_BUILD_BENCH=OFF > /dev/null
fi
cmake --build "$build" -j"$(nproc 2>/dev/null || echo 2)" --target erp-host tts-sandbox ocean_tiktok_shop
build=$(cd "$build" && pwd)

work=$(mktemp -d /tmp/ocean-cluster-demo.XXXXXX)
pg_dir=$(mktemp -d /tmp/ocean-cluster-demo-pg.XXXXXX)  # outside $work: the postgres user owns it
sandbox_pid=""
declare -A node_pid=()
cleanup() {
  for pid in "${node_pid[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${node_pid[@]}"; do wait "$pid" 2> /dev/null || true; done
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2> /dev/null || true; wait "$sandbox_pid" 2> /dev/null || true; fi
  "$root/scripts/pg-test-server.sh" stop "$pg_dir" > /dev/null 2>&1 || true
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT
step() { printf '\n== %s ==\n' "$*"; }

step "PostgreSQL: a throw-away server (as the postgres user when run as root)"
conninfo=$("$root/scripts/pg-test-server.sh" start "$pg_dir")
# shellcheck disable=SC2001  # a pattern, not a fixed string
echo "$conninfo" | sed 's/password=[^ ]*/password=***/'

step "tts-sandbox: six TikTok shops on loopback (HTTPS with its own CA)"
app_key=demo_cluster_key
app_secret=demo_cluster_secret_0123456789
service_id=7000000000000000016
mkfifo "$work/sandbox.out"
"$build/bin/tts-sandbox" --tls-dir "$work/tls" --shops 6 --products 5 --orders 100 --seed 16 \
  --webhook-time-factor 0.01 --app "$app_key:$app_secret:$service_id:https://erp.example.com/oauth/callback" \
  > "$work/sandbox.out" 2> "$work/sandbox.log" &
sandbox_pid=$!
read -r ready < "$work/sandbox.out"
base=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["base_https"])')
ca=$(printf '%s' "$ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ca_file"])')
sb() { curl -s --cacert "$ca" -H 'Content-Type: application/json' "$@"; }
echo "sandbox at $base"

step "one config for every node: the PostgreSQL store and one account per shop"
OCEAN_SECRET_STORE_KEY=$(openssl rand -hex 32)
export OCEAN_SECRET_STORE_KEY
sb "$base/_sandbox/shops" > "$work/shops.json"
CONNINFO=$conninfo BASE=$base CA=$ca WORK=$work APP_KEY=$app_key APP_SECRET=$app_secret SERVICE_ID=$service_id \
  python3 - << 'PY'
import json, os
shops = json.load(open(os.environ["WORK"] + "/shops.json"))["data"]["shops"]
accounts = []
for i, s in enumerate(shops, 1):
    base = os.environ["BASE"]
    accounts.append({"id": f"shop-{i}", "plugin": "tiktok_shop", "config": {
        "app_key": os.environ["APP_KEY"], "app_secret": os.environ["APP_SECRET"],
        "service_id": os.environ["SERVICE_ID"], "region": s["region"], "sync_interval": "5m",
        "webhook_url": f"https://erp.example.com/webhooks/shop-{i}",
        "api_base_url": base, "auth_base_url": base, "authorize_base_url": base, "ca_bundle": os.environ["CA"]}})
config = {"data_dir": os.environ["WORK"] + "/data", "store": {"postgresql": os.environ["CONNINFO"]},
          "accounts": accounts}
json.dump(config, open(os.environ["WORK"] + "/host.json", "w"), indent=2)
with open(os.environ["WORK"] + "/accounts.txt", "w") as out:
    for i, s in enumerate(shops, 1):
        out.write(f"shop-{i} {s['id']}\n")
PY
chmod 0600 "$work/host.json"
host=("$build/bin/erp-host" --plugins "$build/plugins" --manifests "$root/manifests" --config "$work/host.json")
cat "$work/accounts.txt"

step "connect every account (authorize URL, the seller's consent, account.connect)"
while read -r account shop; do
  url=$("${host[@]}" --json invoke "$account" account.authorize_url 2> /dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["response"]["url"])')
  location=$(curl -s -o /dev/null -w '%{redirect_url}' --cacert "$ca" "$url")
  code=$(printf '%s' "$location" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
  state=$(printf '%s' "$location" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')
  "${host[@]}" invoke "$account" account.connect \
    "{\"code\":\"$code\",\"state\":\"$state\",\"shop_id\":\"$shop\"}" > /dev/null 2>> "$work/connect.log"
  echo "$account connected to shop $shop"
done < "$work/accounts.txt"

# Not in a $(...) subshell: node_pid must be set here, so cleanup stops every node.
start_node() {
  "${host[@]}" --log-file "$work/$1.log" serve --node-id "$1" --tick-interval 500 > "$work/$1.out" 2>&1 &
  node_pid[$1]=$!
  for _ in $(seq 1 100); do grep -q '^listening on ' "$work/$1.out" 2> /dev/null && break; sleep 0.1; done
}
node_url() { sed -n 's/^listening on //p' "$work/$1.out" | head -n 1; }

# Every account's mirror (its schema in PostgreSQL) against the sandbox's truth: the same orders,
# each with the same JSON. Prints one line per account; exit 1 while any differs.
check_mirrors() {
  CONNINFO=$conninfo BASE=$base CA=$ca WORK=$work python3 - << 'PY'
import json, os, subprocess, sys
bad = 0
for line in open(os.environ["WORK"] + "/accounts.txt"):
    account, shop = line.split()
    truth = json.loads(subprocess.run(["curl", "-s", "--cacert", os.environ["CA"],
                       f"{os.environ['BASE']}/_sandbox/truth?shop_id={shop}"], capture_output=True, text=True).stdout)
    orders = {o["id"]: o for o in truth["data"]["orders"]}
    schema = "acct_" + account.replace("-", "_")
    rows = subprocess.run(["psql", os.environ["CONNINFO"], "-tAF", "\t", "-c",
                           f"SELECT order_id, raw_json FROM {schema}.orders"], capture_output=True, text=True).stdout
    mirror = {}
    for row in rows.splitlines():
        if row:
            oid, raw = row.split("\t", 1)
            mirror[oid] = json.loads(raw)
    equal = sum(1 for oid, o in orders.items() if mirror.get(oid) == o)
    ok = equal == len(orders) == len(mirror)
    bad += not ok
    print(f"  {account}: {len(mirror)} orders mirrored, {equal} of {len(orders)} equal to the truth"
          + ("" if ok else "  <- not yet"))
sys.exit(1 if bad else 0)
PY
}
wait_mirrors() {
  for _ in $(seq 1 60); do check_mirrors > "$work/check.txt" && break; sleep 1; done
  cat "$work/check.txt"
  check_mirrors > /dev/null
}

step "three erp-host serve nodes on the same config"
start_node n1
start_node n2
start_node n3
n1=$(node_url n1)
echo "n1 at $n1 (the sandbox pushes its webhooks there; any node takes any account's webhooks)"
sb -d "{\"webhook_redirects\":[\"https://erp.example.com=$n1\"]}" "$base/_sandbox/settings" > /dev/null
for _ in $(seq 1 30); do
  "${host[@]}" --json cluster 2> /dev/null | python3 -c '
import json, sys
c = json.load(sys.stdin)
sys.exit(0 if sorted(len(n["accounts"]) for n in c["nodes"] if n["alive"]) == [2, 2, 2] else 1)' && break
  sleep 1
done
"${host[@]}" cluster

step "each node ran the first sync of its own accounts: every mirror equals the truth"
wait_mirrors

step "new orders arrive while node n2 is killed (kill -9)"
victims=$("${host[@]}" --json cluster | python3 -c '
import json, sys
print(" ".join(a["id"] for a in json.load(sys.stdin)["accounts"] if a.get("owner") == "n2"))')
while read -r account shop; do
  sb -d "{\"shop_id\":\"$shop\",\"count\":3}" "$base/_sandbox/orders" > /dev/null
done < "$work/accounts.txt"
kill -9 "${node_pid[n2]}"
wait "${node_pid[n2]}" 2> /dev/null || true
unset 'node_pid[n2]'
killed_ns=$(date +%s%N)
since_kill() { printf '%d.%d' $((($(date +%s%N) - killed_ns) / 1000000000)) $((($(date +%s%N) - killed_ns) / 100000000 % 10)); }
echo "n2 owned: $victims; 18 new orders placed"
for _ in $(seq 1 60); do
  if "${host[@]}" --json cluster | VICTIMS=$victims python3 -c '
import json, os, sys
c = json.load(sys.stdin)
owners = {a["id"]: a.get("owner") for a in c["accounts"] if a["state"] == "owned"}
sys.exit(0 if all(owners.get(v) not in (None, "n2") for v in os.environ["VICTIMS"].split()) else 1)'; then break; fi
  sleep 0.5
done
echo "their leases moved $(since_kill) s after the kill (lease 15 s, renewed every 3 s):"
"${host[@]}" cluster

step "every mirror exact again: the orders pushed meanwhile applied once by the new owners"
wait_mirrors
echo "all equal $(since_kill) s after the kill"
grep -h '\[cluster\]' "$work/n1.log" "$work/n3.log" | sed -E 's/^[0-9T:.Z-]+ //' | tail -n 8
