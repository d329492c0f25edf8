# The Debian package: `cpack -G DEB` in the build directory (or `cpack --config CPackConfig.cmake`)
# writes ocean-marketplace_<version>_<arch>.deb with the layout `cmake --install` uses, under /usr.
# Its Depends are listed by hand from what the programs and plugins link (`objdump -p ... | grep NEEDED`,
# checked by tests/package): libc6, libstdc++6, libgcc-s1, libssl3 (libcrypto), libcurl4 (the plugin's
# HTTPS), libsqlite3-0 (the plugin's stores), libpq5 (the plugin's PostgreSQL store, issue 16),
# libboost-json1.81.0 (Boost.JSON is a shared library).
# Versions are Debian 12's; dpkg-shlibdeps is not used so the package builds the same on any machine.
set(CPACK_PACKAGE_NAME "ocean-marketplace")
set(CPACK_PACKAGE_VENDOR "Ocean ERP")
set(CPACK_PACKAGE_CONTACT "Ocean ERP maintainers <maintainers@ocean-erp.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Ocean ERP marketplace plugins (TikTok Shop), erp-host and tts-sandbox")
set(CPACK_PACKAGE_DESCRIPTION
    "The Ocean ERP marketplace integration layer: a stable C plugin ABI with C++ helpers, the TikTok Shop \
plugin, erp-host (a host that discovers, validates, loads and drives plugins, and serves webhooks), \
tts-sandbox (a strict local emulator of the TikTok Shop API) and tts-sign (the request-signing tool).")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_GENERATOR "DEB")
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/ocean-erp/ocean-marketplace")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1 (>= 3.0), libssl3 (>= 3.0.0), libcurl4 (>= 7.88.0), \
libsqlite3-0 (>= 3.40.0), libpq5 (>= 15), libboost-json1.81.0")
# The headers and the CMake package are useful without extra packages, but building against the C++
# helpers needs Boost's headers and Boost.JSON's development files.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libboost1.81-dev, libboost-json1.81-dev, cmake, pkg-config")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# One package with everything (runtime + development files): a host author and an operator install
# the same thing.
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_STRIP_FILES ON)

include(CPack)
