#!/usr/bin/env bash
# Installs every Debian package the kiosk needs to build and test, from Debian's archive only.
# Idempotent and non-interactive: when everything is present it returns in about a second.
#   image/install-deps.sh                 packages/build.txt (build and test the programs)
#   image/install-deps.sh image-tools     packages/image-tools.txt (build and boot the image)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lists=("${@:-build}")
wanted=()
for list in "${lists[@]}"; do
  [ -f "$here/packages/$list.txt" ] || { echo "install-deps: no list packages/$list.txt" >&2; exit 2; }
  mapfile -t -O "${#wanted[@]}" wanted < <(grep -v '^\s*#' "$here/packages/$list.txt" | sed '/^\s*$/d')
done

missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
