# Compiler flags for the project's own targets. Third-party headers come in as SYSTEM includes
# so that -Werror judges only our code.

function(kiosk_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  # GCC 12's libstdc++ inlines `"literal" + std::string` into a memcpy it then reports as
  # overlapping at -O3 (-Wrestrict; GCC bug 105651, fixed in GCC 13). The warning is about the
  # library's code, not ours, and fires on any string concatenation.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(KIOSK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Fuzzing: every target is instrumented for libFuzzer's coverage and runs under ASan and UBSan,
# so that a fault in library code is found where it happens, not only in the harness. Only the
# harnesses link libFuzzer's main (tests/fuzz/CMakeLists.txt).
if(KIOSK_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "KIOSK_BUILD_FUZZERS needs clang: CC=clang CXX=clang++ cmake ...")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer (tests/run-tsan.sh): the head-office and sync suites, in a build of their own.
if(KIOSK_THREAD_SANITIZER)
  if(KIOSK_SANITIZE)
    message(FATAL_ERROR "KIOSK_THREAD_SANITIZER and KIOSK_SANITIZE (ASan) cannot share a build")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

# Collects a folder's sources so that adding a file needs no CMake edit.
function(kiosk_add_library target alias dir)
  file(GLOB_RECURSE _sources CONFIGURE_DEPENDS ${dir}/src/*.cpp)
  if(_sources)
    add_library(${target} STATIC ${_sources})
    target_include_directories(${target} PUBLIC ${dir}/include)
    kiosk_target_defaults(${target})
  else()
    # A folder whose code has not been written yet still links, so dependents need no edit later.
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${dir}/include)
  endif()
  add_library(${alias} ALIAS ${target})
endfunction()
