#!/usr/bin/env bash
# ctest: install the build into a temporary prefix, then use it as an integrator would.
#   1. the installed erp-host prints its version and finds the installed plugins and manifests by itself;
#   2. the package's version rule (version_check/: configure only);
#   3. an out-of-tree plugin (plugin/) and an out-of-tree C++ host (host/) configured and built with
#      find_package(Ocean 0.2 CONFIG REQUIRED); the host loads the plugin and calls it;
#   4. pkg-config --cflags ocean-plugin, and the C99 example host compiled with it, driving the same plugin.
# Usage: run_install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d /tmp/ocean-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "-- cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
libdir=$(cd "$prefix" && find . -type d -path '*/ocean/plugins' | sed 's|^\./||' | head -n 1)  # lib or lib/<multiarch>
[ -n "$libdir" ] || fail "no <libdir>/ocean/plugins under $prefix"
for f in bin/erp-host bin/tts-sandbox bin/tts-sign include/ocean/ocean_plugin.h include/ocean/plugin_sdk.hpp \
         include/ocean/host.hpp "$libdir/libocean_tiktok_shop.so" share/ocean/manifests/tiktok_shop.json \
         share/ocean/schemas/manifest.schema.json share/ocean/console/index.html share/ocean/console/app.js \
         share/doc/ocean-marketplace/LICENSE; do
  [ -e "$prefix/$f" ] || fail "$f not installed"
done

echo "-- installed programs: --version, and erp-host list from the installed paths"
for p in erp-host tts-sandbox tts-sign; do
  "$prefix/bin/$p" --version | grep -Eq "^$p [0-9]+\.[0-9]+\.[0-9]+ \(plugin ABI [0-9]+\.[0-9]+\)$" ||
    fail "$p --version: $("$prefix/bin/$p" --version 2>&1)"
done
# Run from elsewhere, so nothing but the executable's own place can lead it to the files.
(cd "$work" && "$prefix/bin/erp-host" --json list) > "$work/list.json" || { cat "$work/list.json"; fail "installed erp-host list"; }
grep -q "\"manifest_dir\":\"$prefix/share/ocean/manifests\"" "$work/list.json" || fail "erp-host did not use the installed manifests: $(head -c 600 "$work/list.json")"
grep -q "\"plugin_dir\":\"$prefix/$libdir\"" "$work/list.json" || fail "erp-host did not use the installed plugins: $(head -c 600 "$work/list.json")"
grep -q '"id":"tiktok_shop"' "$work/list.json" || fail "installed erp-host did not list tiktok_shop"

cmake_args=(-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug)
if [ -n "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]; then cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER"); fi

echo "-- version rule"
cmake -S "$src/tests/install/version_check" -B "$work/version_check" -DCMAKE_PREFIX_PATH="$prefix" > "$work/version.log" 2>&1 ||
  { cat "$work/version.log"; fail "version rule"; }
grep 'find_package(Ocean' "$work/version.log"

echo "-- out-of-tree plugin and host"
for project in plugin host; do
  cmake -S "$src/tests/install/$project" -B "$work/$project" "${cmake_args[@]}" > "$work/$project.log" 2>&1 &&
    cmake --build "$work/$project" -j2 >> "$work/$project.log" 2>&1 || { cat "$work/$project.log"; fail "building the $project"; }
done
grep -q "Ocean 0.2.[0-9]* ABI 1\.[0-9]* plugins in $prefix/$libdir" "$work/host.log" || fail "package variables: $(grep 'Ocean ' "$work/host.log")"
plugin=$work/plugin/libocean_install_probe.so
[ -f "$plugin" ] || fail "the plugin was not built as $plugin"
exports=$(nm -D --defined-only "$plugin" | awk '{print $3}' | grep -v '^$' | sort -u | tr '\n' ' ')
[ "$exports" = "ocean_plugin_entry " ] || fail "the plugin exports more than ocean_plugin_entry: $exports"
answer=$("$work/host/probe_host" "$plugin" Ana)
echo "probe_host: $answer"
[ "$answer" = 'ABI 1.1 {"schema":"greeting.v1","text":"Hello, Ana!"}' ] || fail "unexpected answer from the plugin"

echo "-- pkg-config ocean-plugin"
pcdir=$(dirname "$(find "$prefix" -name ocean-plugin.pc | head -n 1)")
cflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags ocean-plugin)
echo "pkg-config --cflags ocean-plugin: $cflags"
case "$cflags" in -I"$prefix"/*include*) ;; *) fail "cflags do not point into the prefix: $cflags" ;; esac
[ "$(PKG_CONFIG_PATH=$pcdir pkg-config --modversion ocean-plugin)" = "$("$prefix/bin/erp-host" --version | cut -d' ' -f2)" ] ||
  fail "pkg-config version differs from erp-host --version"
# shellcheck disable=SC2086  # cflags is a list of flags
cc -std=c99 $cflags -o "$work/minimal_host" "$src/docs/examples/minimal_host.c" -ldl || fail "compiling a C host with pkg-config's flags"
# Into a file first: grep -q leaving early could end the host with SIGPIPE, a failure under pipefail.
"$work/minimal_host" "$plugin" Ana > "$work/minimal_host.out" || fail "the C host exited with an error"
grep -q '"text":"Hello, Ana!"' "$work/minimal_host.out" || fail "the C host could not drive the plugin"
echo "PASS"
