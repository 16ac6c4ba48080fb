#!/usr/bin/env bash
# Builds and runs every test: installs what is missing, configures, builds, runs ctest.
#   tests/run-all.sh                  the normal build, in build/
#   tests/run-all.sh --sanitize       the same suite with AddressSanitizer + UBSan, in build-asan/
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
"$top/image/install-deps.sh"

build=build
extra=()
if [ "${1:-}" = "--sanitize" ]; then
  build=build-asan
  extra=(-DKIOSK_WERROR=ON -DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DKIOSK_BUILD_BENCHMARKS=OFF)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  extra=(-DKIOSK_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
fi
cmake -S . -B "$build" -G Ninja "${extra[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
# The package and image tests (label image) need root and minutes: tests/image/run.sh.
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -LE '^image$'
