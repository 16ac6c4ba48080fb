#!/usr/bin/env bash
# Installs what is missing, builds, starts a local head office (consent-hq) on its embedded
# defaults, enrolls the demo kiosk with it, and starts the kiosk.
# With a display it opens the kiosk window; with none it runs headless and writes screenshots.
# Either way it ends by delivering what the kiosk still holds and printing head office's count.
#
# The suite runs it on a build it already made (tests/support/run-demo-check.sh):
# KIOSK_DEMO_BUILD_DIR names that build (nothing is installed or built then), and
# KIOSK_DEMO_STATE_DIR where head office, the kiosk's data and the screenshots go.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$top"
build=${KIOSK_DEMO_BUILD_DIR:-}
if [ -z "$build" ]; then
  build="$top/build"
  "$top/image/install-deps.sh"
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$(nproc)" --target kiosk kioskctl consent-hq
fi

# Everything the demo writes stays inside the build folder, never in the source tree.
state=${KIOSK_DEMO_STATE_DIR:-$build}
mkdir -p "$state"
hq_dir="$state/demo-hq"
data="$state/demo-data"
kiosk_config="$data/kiosk.toml"
kiosk_id="demo-kiosk-01"
kiosk="$build/kiosk/app/kiosk"
consent_hq="$build/sync/hq/consent-hq"
kioskctl="$build/kiosk/app/kioskctl"

# Sets a folder aside (never deletes it): a kiosk's records are not thrown away, even a demo's.
set_aside() {
  local aside
  aside="$1.set-aside-$(date +%Y%m%d-%H%M%S)"
  mv "$1" "$aside"
  echo "run-demo: $2; the old one is in $aside" >&2
}

# The JSON field $2 of the object $1.
json_field() {
  python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"
}

# A kiosk id enrolled a second time starts its numbering again, which head office reports as
# forks: a demo kiosk that has to enroll again gets a new head office too.
if [ ! -f "$kiosk_config" ] && [ -e "$hq_dir" ]; then
  set_aside "$hq_dir" "the demo kiosk enrolls again, with a new head office"
fi
# Head office: made once, on a loopback port free at that time, and reused on later runs.
if [ ! -f "$hq_dir/hq.toml" ]; then
  if [ -e "$hq_dir" ]; then set_aside "$hq_dir" "an unfinished head office"; fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$consent_hq" init --dir "$hq_dir" --listen "127.0.0.1:$port" >/dev/null
  # A kiosk enrolled with an earlier head office pins a certificate this one does not have.
  if [ -e "$data" ]; then set_aside "$data" "a new head office needs a newly enrolled kiosk"; fi
fi

serve_log="$state/demo-hq-serve.log"
serve_out="$state/demo-hq-serve.out"
: >"$serve_out"
"$consent_hq" serve --config "$hq_dir/hq.toml" >"$serve_out" 2>"$serve_log" &
serve_pid=$!
stop_head_office() {
  kill "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
}
trap stop_head_office EXIT
for _ in $(seq 1 300); do
  if grep -q '"listening"' "$serve_out"; then break; fi
  if ! kill -0 "$serve_pid" 2>/dev/null; then
    echo "run-demo: consent-hq serve did not start (its log: $serve_log):" >&2
    tail -n 5 "$serve_log" >&2
    exit 1
  fi
  sleep 0.1
done
listening=$(json_field "$(head -n 1 "$serve_out")" listening)
echo "Head office (consent-hq) serving on https://$listening, log in $serve_log"

# The demo kiosk: enrolled once. A folder from an earlier demo run in demo mode (no config) is
# set aside, since provisioning never replaces a kiosk's database or keys.
if [ ! -f "$kiosk_config" ]; then
  if [ -e "$data" ]; then set_aside "$data" "the demo kiosk now enrolls with head office"; fi
  enrolled=$("$consent_hq" enroll --config "$hq_dir/hq.toml" --kiosk-id "$kiosk_id")
  "$kioskctl" provision --config "$kiosk_config" --hq-url "https://$listening" \
    --token "$(json_field "$enrolled" token)" --kiosk-id "$kiosk_id" --store-name "Smart-Cell Demo Store" >/dev/null
  echo "Enrolled the demo kiosk $kiosk_id with head office: $kiosk_config"
fi

# Demo staff, so that staff mode can be tried (and the tour walks it): the same numbers and PINs
# as kiosk/app/src/app_tour.cpp, which enrolls them itself only on a kiosk with no head office.
# Adding a number again sets its PIN again, so every run starts from these.
echo 482913 | "$kioskctl" staff add --config "$kiosk_config" --id 0042 --role associate >/dev/null
echo 770315 | "$kioskctl" staff add --config "$kiosk_config" --id 0107 --role tech >/dev/null
echo "Demo staff: associate 0042 (PIN 482913), tech 0107 (PIN 770315)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  "$kiosk" --config "$kiosk_config" --data-dir "$data" "$@"
else
  shots="$state/screenshots"
  "$kiosk" --headless --tour --config "$kiosk_config" --data-dir "$data" \
    --screenshot-dir "$shots" "$@"
  echo "No display: ran the kiosk headless. Screenshots of every screen are in $shots/"
  ls "$shots"
fi

# The kiosk's own worker delivers as it goes; whatever it had no time for leaves now.
echo "Kiosk sync: $("$kioskctl" sync --config "$kiosk_config" --once)"
echo "Head office count: $("$consent_hq" count --config "$hq_dir/hq.toml")"
