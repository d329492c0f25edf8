# The installed layout (GNUInstallDirs):
#   <bindir>                      erp-host, tts-sandbox, tts-sign
#   <libdir>/ocean/plugins        the plugin modules (libocean_*.so)
#   <datadir>/ocean/manifests     their manifests
#   <datadir>/ocean/schemas       plugin_api/schemas
#   <includedir>/ocean            the C header and the C++ helpers
#   <libdir>/cmake/Ocean          the CMake package (find_package(Ocean 0.2 CONFIG))
#   <libdir>/pkgconfig            ocean-plugin.pc
#   <docdir>                      README, LICENSE, CHANGELOG, CONTRIBUTING, docs/
if(NOT DEFINED CMAKE_INSTALL_DOCDIR)
  set(CMAKE_INSTALL_DOCDIR "share/doc/ocean-marketplace" CACHE PATH "Documentation (share/doc/ocean-marketplace)")
endif()
include(GNUInstallDirs)
set(OCEAN_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/ocean/plugins")
set(OCEAN_INSTALL_MANIFESTDIR "${CMAKE_INSTALL_DATADIR}/ocean/manifests")
set(OCEAN_INSTALL_SCHEMADIR "${CMAKE_INSTALL_DATADIR}/ocean/schemas")
set(OCEAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Ocean")

# erp-host looks for plugins and manifests relative to its own executable when installed, so the
# paths from <bindir> are what it needs (the prefix may differ: DESTDIR, cpack, a moved tree).
file(RELATIVE_PATH OCEAN_PLUGINDIR_FROM_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}"
     "${CMAKE_INSTALL_FULL_LIBDIR}/ocean/plugins")
file(RELATIVE_PATH OCEAN_MANIFESTDIR_FROM_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}"
     "${CMAKE_INSTALL_FULL_DATADIR}/ocean/manifests")
