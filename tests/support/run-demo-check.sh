#!/usr/bin/env bash
# ctest: README's command 1 (kiosk/app/run-demo.sh), headless, on the programs of this build and
# in a fresh folder: head office must end holding the tour's eight records, each once. In each
# language: the client's own choices, then an assisted session's credit check, an agent's
# designation and the agent's access request.
#   tests/support/run-demo-check.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=$(mktemp -d "${TMPDIR:-/tmp}/run-demo-check.XXXXXX")
trap 'rm -rf "$state"' EXIT

status=0
output=$(env -u DISPLAY -u WAYLAND_DISPLAY KIOSK_DEMO_BUILD_DIR="$build" KIOSK_DEMO_STATE_DIR="$state" \
  "$top/kiosk/app/run-demo.sh" 2>&1) || status=$?
count=$(printf '%s\n' "$output" | sed -n 's/^Head office count: //p')
if [ "$status" -ne 0 ] || [ "$count" != '{"distinct":8,"records":8}' ]; then
  printf '%s\n' "$output" | tail -n 30
  echo "run-demo-check: exit status $status, head office's count '$count', expected 8 records, 8 distinct" >&2
  exit 1
fi
if [ "$(find "$state/screenshots" -name '*.png' | wc -l)" -lt 15 ]; then
  echo "run-demo-check: fewer than 15 screenshots in $state/screenshots" >&2
  exit 1
fi
echo "run-demo-check: head office holds $count"
