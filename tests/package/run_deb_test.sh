#!/usr/bin/env bash
# ctest: builds the Debian package with CPack (cpack -G DEB) into a temporary directory and checks it
# with dpkg-deb, without installing it: name and version, the files (programs, plugins, manifests,
# schemas, headers, CMake package, pkg-config file, copyright), and that Depends names the package of
# every shared library the programs and plugins need (objdump -p NEEDED -> dpkg -S on this machine).
# Usage: run_deb_test.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d /tmp/ocean-deb-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$work" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out") > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB"; }
deb=$(find "$work/out" -maxdepth 1 -name '*.deb' -print -quit)
[ -f "$deb" ] || fail "cpack wrote no .deb"
echo "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

info=$(dpkg-deb -I "$deb")
field() { printf '%s\n' "$info" | sed -n "s/^ $1: //p"; }
[ "$(field Package)" = "ocean-marketplace" ] || fail "Package: $(field Package)"
version=$("$build/bin/erp-host" --version | cut -d' ' -f2)
[ "$(field Version)" = "$version" ] || fail "Version $(field Version), erp-host says $version"
depends=$(field Depends)
echo "Depends: $depends"
[ -n "$depends" ] || fail "no Depends"

dpkg-deb -c "$deb" | awk '{print $NF}' > "$work/files"
# <libdir> is lib, or lib/<multiarch> when the build was configured with the prefix /usr.
lib='\./usr/lib(/[a-z0-9_]+-linux-gnu)?'
for f in '\./usr/bin/erp-host' '\./usr/bin/tts-sandbox' '\./usr/bin/tts-sign' "$lib/ocean/plugins/libocean_tiktok_shop\.so" \
         "$lib/ocean/plugins/libocean_shopee\.so" '\./usr/share/ocean/manifests/tiktok_shop\.json' \
         '\./usr/share/ocean/manifests/shopee\.json' '\./usr/share/ocean/schemas/host_config\.schema\.json' \
         '\./usr/include/ocean/ocean_plugin\.h' "$lib/cmake/Ocean/OceanConfig\.cmake" \
         "$lib/cmake/Ocean/OceanConfigVersion\.cmake" "$lib/pkgconfig/ocean-plugin\.pc" \
         '\./usr/share/doc/ocean-marketplace/LICENSE' '\./usr/share/doc/ocean-marketplace/copyright'; do
  grep -qxE "$f" "$work/files" || fail "$f is not in the package"
done
echo "$(wc -l < "$work/files") entries, the expected files present"

# Every library a program or plugin needs must come from a package named in Depends.
dpkg-deb -x "$deb" "$work/root"
deps_names=$(printf '%s\n' "$depends" | tr ',' '\n' | sed 's/(.*//; s/ //g')
checked=0
ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)  # /sbin is not on a normal user's PATH
# Read once into a file: an awk that exits at its first match would leave ldconfig writing into a
# closed pipe, and with pipefail that SIGPIPE ended the script at random without a message.
"$ldconfig_bin" -p > "$work/ldcache"
# The package owning a library file; with merged /usr a file is registered under /lib or /usr/lib.
owner_of() {
  local real candidate
  real=$(readlink -f "$1")
  for candidate in "$1" "$real" "${real#/usr}" "/usr${1#/usr}"; do
    if dpkg -S "$candidate" > "$work/owner" 2>/dev/null; then
      head -n 1 "$work/owner" | cut -d: -f1
      return 0
    fi
  done
}
for elf in "$work"/root/usr/bin/* $(find "$work/root/usr/lib" -path '*/ocean/plugins/*.so'); do
  for soname in $(objdump -p "$elf" | awk '/NEEDED/ {print $2}'); do
    path=$(awk -v s="$soname" '$1 == s {print $NF; exit}' "$work/ldcache")
    [ -n "$path" ] || fail "$(basename "$elf") needs $soname, which this machine does not have"
    owner=$(owner_of "$path")
    [ -n "$owner" ] || fail "no package owns $path ($soname)"
    case "$owner" in libasan* | libubsan* | libtsan* | liblsan*) continue ;; esac  # sanitizer builds only
    printf '%s\n' "$deps_names" | grep -xF "$owner" > /dev/null || fail "$(basename "$elf") needs $soname from $owner, not in Depends"
    checked=$((checked + 1))
  done
done
echo "$checked NEEDED entries, each from a package in Depends"
echo "PASS"
