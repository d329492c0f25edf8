# ocean_add_plugin(<target> <sources...>): a marketplace plugin as a MODULE library that follows the
# ABI's loading rules (docs/PLUGIN_ABI.md): hidden visibility, only ocean_plugin_entry exported
# (ocean_plugin.map beside this file), no undefined symbols, "lib" prefix (the manifest's `library`).
# It links Ocean::plugin_sdk; link more with target_link_libraries(<target> PRIVATE ...).
function(ocean_add_plugin target)
  set(_OCEAN_PLUGIN_MAP "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/ocean_plugin.map")
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE Ocean::plugin_sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${_OCEAN_PLUGIN_MAP}"
    "LINKER:--no-undefined"
    "LINKER:--exclude-libs,ALL")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${_OCEAN_PLUGIN_MAP}")
endfunction()
