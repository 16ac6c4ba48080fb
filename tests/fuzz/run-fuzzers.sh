#!/usr/bin/env bash
# Builds every libFuzzer harness in tests/fuzz (clang; the libraries instrumented, ASan + UBSan)
# and runs each for SECONDS (default 60). Each harness starts from the corpus it writes itself
# (LLVMFuzzerInitialize with KIOSK_FUZZ_SEED_DIR set) plus what earlier runs found, with
# tests/fuzz/NAME.dict and NAME.options when they exist. Fails if any harness crashes, leaks,
# times out or trips a sanitizer; the input that did it is kept in build-fuzz/artifacts/NAME/.
#   tests/fuzz/run-fuzzers.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${KIOSK_FUZZ_BUILD_DIR:-$top/build-fuzz}
"$top/image/install-deps.sh"

mapfile -t names < <(cd "$here" && ls fuzz_*.cpp 2>/dev/null | sed 's/\.cpp$//')
if [ ${#names[@]} -eq 0 ]; then
  echo "run-fuzzers: no fuzz_*.cpp in $here" >&2
  exit 1
fi

# The GCC build (tests/run-all.sh) enforces warnings; this build is for finding crashes, so a
# clang-only warning does not stop it.
CC=clang CXX=clang++ cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKIOSK_BUILD_FUZZERS=ON -DKIOSK_BUILD_TESTS=OFF -DKIOSK_BUILD_BENCHMARKS=OFF -DKIOSK_WERROR=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${names[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for name in "${names[@]}"; do
  binary="$build/tests/fuzz/$name"
  corpus="$build/corpus/$name"
  artifacts="$build/artifacts/$name"
  log="$build/$name.log"
  mkdir -p "$corpus" "$artifacts"
  KIOSK_FUZZ_SEED_DIR="$corpus" "$binary" -runs=0 "$corpus" >/dev/null 2>&1 || true

  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  [ -f "$here/$name.dict" ] && args+=(-dict="$here/$name.dict")
  if [ -f "$here/$name.options" ]; then
    mapfile -t extra < <(grep -v '^\s*#' "$here/$name.options" | sed '/^\s*$/d')
    args+=("${extra[@]}")
  fi

  echo "== $name: ${seconds} s from $(ls "$corpus" | wc -l) corpus inputs"
  if "$binary" "${args[@]}" "$corpus" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    echo "   ok: ${runs:-?} executions, ${rate:-?}/s, corpus now $(ls "$corpus" | wc -l) inputs"
  else
    tail -n 60 "$log"
    echo "   FAILED: $name (log $log); reproduce with: $binary $artifacts/<file>"
    failed+=("$name")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzzers: ${failed[*]} failed" >&2
  exit 1
fi
