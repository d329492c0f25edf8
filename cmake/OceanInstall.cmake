# `cmake --install <build> [--prefix P]`: programs, plugins, manifests, schemas, headers, docs, the
# CMake package Ocean and the pkg-config file ocean-plugin.pc. The layout is in OceanInstallDirs.cmake.
include(CMakePackageConfigHelpers)

# Programs. RPATH: none is needed (everything they link is a system library).
set(_ocean_programs erp-host tts-sandbox tts-sign)
install(TARGETS ${_ocean_programs} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)

# The plugins and their manifests. A plugin is installed only with its manifest (erp-host refuses a
# library without one), so the list names both.
foreach(_plugin tiktok_shop shopee tokopedia)
  if(TARGET ocean_${_plugin})
    install(TARGETS ocean_${_plugin} LIBRARY DESTINATION ${OCEAN_INSTALL_PLUGINDIR} COMPONENT runtime)
    install(FILES ${PROJECT_SOURCE_DIR}/manifests/${_plugin}.json DESTINATION ${OCEAN_INSTALL_MANIFESTDIR}
            COMPONENT runtime)
  endif()
endforeach()

file(GLOB _ocean_schemas ${PROJECT_SOURCE_DIR}/plugin_api/schemas/*.json)
install(FILES ${_ocean_schemas} ${PROJECT_SOURCE_DIR}/plugin_api/schemas/README.md
        DESTINATION ${OCEAN_INSTALL_SCHEMADIR} COMPONENT runtime)

# Documentation: the guides as they are in the tree (links between them keep working).
install(FILES README.md LICENSE CHANGELOG.md CONTRIBUTING.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT runtime)
# Debian policy wants the licence as <docdir>/copyright as well.
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright COMPONENT runtime)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT runtime
        FILES_MATCHING PATTERN "*.md" PATTERN "*.c" PATTERN "*.cpp" PATTERN "*.txt")
install(FILES host_stub/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME erp-host.md COMPONENT runtime)
install(FILES sandbox/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME tts-sandbox.md COMPONENT runtime)

# Development files: the headers, the exported targets, the package files, the plugin link script.
install(DIRECTORY plugin_api/include/ocean DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)
install(TARGETS ocean_plugin_api ocean_plugin_sdk ocean_host_api EXPORT OceanTargets COMPONENT development)
install(EXPORT OceanTargets NAMESPACE Ocean:: DESTINATION ${OCEAN_INSTALL_CMAKEDIR} COMPONENT development)

# The ABI version, read from the header so the package and the header never disagree.
file(STRINGS ${PROJECT_SOURCE_DIR}/plugin_api/include/ocean/ocean_plugin.h _abi_major REGEX "#define OCEAN_ABI_MAJOR")
file(STRINGS ${PROJECT_SOURCE_DIR}/plugin_api/include/ocean/ocean_plugin.h _abi_minor REGEX "#define OCEAN_ABI_MINOR")
string(REGEX REPLACE ".*OCEAN_ABI_MAJOR ([0-9]+).*" "\\1" OCEAN_ABI_MAJOR "${_abi_major}")
string(REGEX REPLACE ".*OCEAN_ABI_MINOR ([0-9]+).*" "\\1" OCEAN_ABI_MINOR "${_abi_minor}")

configure_package_config_file(cmake/package/OceanConfig.cmake.in ${PROJECT_BINARY_DIR}/package/OceanConfig.cmake
  INSTALL_DESTINATION ${OCEAN_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR OCEAN_INSTALL_PLUGINDIR OCEAN_INSTALL_MANIFESTDIR OCEAN_INSTALL_SCHEMADIR)
# The version rule (cmake/package/OceanConfigVersion.cmake.in says why): same major and, while the
# project is 0.x, same minor; the installed version at least the one asked for.
configure_file(cmake/package/OceanConfigVersion.cmake.in ${PROJECT_BINARY_DIR}/package/OceanConfigVersion.cmake @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/OceanConfig.cmake ${PROJECT_BINARY_DIR}/package/OceanConfigVersion.cmake
        cmake/package/OceanPlugin.cmake plugin_api/ocean_plugin.map
        DESTINATION ${OCEAN_INSTALL_CMAKEDIR} COMPONENT development)

# pkg-config for the C header (C hosts and plugins: cc $(pkg-config --cflags ocean-plugin) ... -ldl).
# Relocatable: the prefix is found from the .pc file's own place, so `--prefix`/DESTDIR at install time work.
file(RELATIVE_PATH OCEAN_PC_PREFIX_FROM_PCDIR "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" OCEAN_PC_PREFIX_FROM_PCDIR "${OCEAN_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/package/ocean-plugin.pc.in ${PROJECT_BINARY_DIR}/package/ocean-plugin.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/ocean-plugin.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT development)
