# The stack from DEVELOPERS.md: Boost 1.81 (DLL, JSON, Beast/Asio), libcurl, OpenSSL 3, SQLite, Catch2 2.
find_package(Threads REQUIRED)
find_package(Boost 1.81.0 EXACT REQUIRED COMPONENTS json CONFIG)
find_package(CURL REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
if(OCEAN_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  list(APPEND CMAKE_MODULE_PATH ${Catch2_DIR})
  include(Catch)
endif()

# Boost.DLL over std::filesystem so no boost_filesystem library is needed.
add_library(ocean_boost INTERFACE)
target_link_libraries(ocean_boost INTERFACE Boost::headers Boost::json ${CMAKE_DL_LIBS})
target_compile_definitions(ocean_boost INTERFACE BOOST_DLL_USE_STD_FS BOOST_ALL_NO_LIB)
