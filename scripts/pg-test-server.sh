#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and demos.
#
#   scripts/pg-test-server.sh start DIR [PORT]   # prints one line: the libpq connection string
#   scripts/pg-test-server.sh stop DIR           # stops the server and removes DIR
#
# DIR must not exist or be empty, and (as root) its parent must be open to the `postgres` user: /tmp
# is. PORT defaults to a free one; PG_MAX_CONNECTIONS to 1000 (a cluster test holds a few hundred).
# The server listens on 127.0.0.1 only (password required, SCRAM) and on a Unix socket inside DIR. PostgreSQL refuses to run as root, so
# when this runs as root the server runs as the `postgres` user Debian's package creates, and DIR
# is handed to that user. Durability is traded for speed (fsync off) unless PG_DURABLE=1: tests kill
# clients, never this server, so nothing they check depends on the server's fsync.
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
action=$1
dir=$(realpath -m "$2")
# The server user may not be allowed into the caller's directory (a clone under /root); initdb and
# pg_ctl fail when they cannot read their working directory.
cd /

pg_bin() {
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1 || true)
  if [ -z "$candidate" ] || [ ! -x "$candidate/initdb" ]; then
    echo "pg-test-server: PostgreSQL server binaries not found under /usr/lib/postgresql (run scripts/setup.sh)" >&2
    exit 1
  fi
  echo "$candidate"
}

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local port=${1:-$(free_port)}
  local bin
  bin=$(pg_bin)
  mkdir -p "$dir"
  if [ -n "$(ls -A "$dir")" ]; then echo "pg-test-server: $dir is not empty" >&2; exit 1; fi
  chmod 0700 "$dir"
  local password
  password=$(openssl rand -hex 16)
  (umask 077 && printf '%s\n' "$password" > "$dir/password")
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
  as_server_user "$bin/initdb" -D "$dir/data" -U ocean --pwfile="$dir/password" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  local durable="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [ "${PG_DURABLE:-0}" = "1" ]; then durable=""; fi
  as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=${PG_MAX_CONNECTIONS:-1000} $durable" \
    start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
  as_server_user "$bin/psql" -h "$dir" -p "$port" -U ocean -d postgres -q -v ON_ERROR_STOP=1 \
    -c 'CREATE DATABASE ocean' > /dev/null
  echo "host=127.0.0.1 port=$port user=ocean password=$password dbname=ocean"
}

stop() {
  local bin
  bin=$(pg_bin)
  if [ -f "$dir/data/postmaster.pid" ]; then
    # immediate: the data is thrown away next, so there is nothing to shut down cleanly for.
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop > /dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$action" in
  start) start "${3:-}" ;;
  stop) stop ;;
  *) usage ;;
esac
