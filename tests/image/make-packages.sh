#!/usr/bin/env bash
# The image tests' first step: `cpack -G DEB` in the build folder, into OUTDIR (the programs are
# built by then: ctest runs after the build).
#   tests/image/make-packages.sh BUILD_DIR OUTDIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:?usage: make-packages.sh BUILD_DIR OUTDIR}" && pwd)
out=${2:?usage: make-packages.sh BUILD_DIR OUTDIR}
"$here/../../image/install-deps.sh" image-tools
rm -rf "$out"
mkdir -p "$out"
(cd "$build" && cpack -G DEB -B "$out")
rm -rf "$out/_CPack_Packages"
ls -l "$out"
test -n "$(ls "$out"/consent-kiosk_*.deb)"
