#!/usr/bin/env bash
# ThreadSanitizer CI step: builds the suites whose code runs on several threads (head office's
# server, storage pools and uploads; the kiosk's uploader; the protocol they share) with
# -fsanitize=thread in build-tsan/, and runs them through ctest (the PostgreSQL fixture included).
# Fails on any data race, lock-order inversion or thread leak TSan reports.
#   tests/run-tsan.sh
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
"$top/image/install-deps.sh"
build=${KIOSK_TSAN_BUILD_DIR:-$top/build-tsan}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_THREAD_SANITIZER=ON -DKIOSK_WERROR=ON \
  -DKIOSK_BUILD_BENCHMARKS=OFF >/dev/null
# The suites that exist in this tree (test_sync comes with the kiosk's uploader), and the binary
# the head-office suite runs.
wanted=(test_hq test_sync test_protocol consent-hq)
mapfile -t known < <(cmake --build "$build" --target help | sed -n 's/^\([^:]*\): .*/\1/p')
targets=()
for target in "${wanted[@]}"; do
  if printf '%s\n' "${known[@]}" | grep -qx "$target"; then targets+=("$target"); fi
done
cmake --build "$build" -j "$(nproc)" --target "${targets[@]}"

# halt_on_error: the first report fails the test that caused it, with its stacks in the log.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 report_signal_unsafe=0"
ctest --test-dir "$build" --output-on-failure --no-tests=error -j "$(nproc)" -R '^(hq|sync|protocol):'
