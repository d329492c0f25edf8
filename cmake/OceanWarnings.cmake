# Warning and sanitizer flags, applied through an interface target every project target links.
add_library(ocean_flags INTERFACE)
target_compile_options(ocean_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wcast-align -Wunused -Wformat=2 -Wimplicit-fallthrough
  $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Woverloaded-virtual>)
if(OCEAN_WERROR)
  target_compile_options(ocean_flags INTERFACE -Werror)
endif()

string(TOLOWER "${OCEAN_SANITIZE}" _ocean_sanitize)
if(_ocean_sanitize STREQUAL "thread")
  # ThreadSanitizer cannot be combined with ASan, hence a build of its own (.ci/run: concurrency tests only).
  set(_san -fsanitize=thread -fno-omit-frame-pointer)
  add_compile_options(${_san})
  add_link_options(${_san})
  # GCC 12 warns (-Wtsan) that TSan does not model std::atomic_thread_fence, which Boost.Asio uses
  # inside its scheduler (third-party code, compiled into erp-host and the sandbox); with warnings as
  # errors that would stop the build. Our own code uses no fences.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
elseif(OCEAN_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_san})
  add_link_options(${_san})
endif()

# libFuzzer targets (fuzz/): every library they link is instrumented for coverage, and all of it
# runs under ASan + UBSan so a memory error or undefined behaviour stops the fuzzer.
if(OCEAN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "OCEAN_FUZZ needs clang (libFuzzer): cmake -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${_fuzz})
  add_link_options(-fsanitize=address,undefined)
endif()

# Third-party headers are system includes so their warnings never fail our build.
