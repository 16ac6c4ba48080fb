#!/usr/bin/env bash
# The package and image tests (ctest label "image", what CI runs): cpack, the packages installed
# into a clean Debian root, the image's root file system built and inspected, and the disk image
# made from it and booted under qemu. Reuses the build folder of tests/run-all.sh. Needs root and
# Debian's archive.
#   tests/image/run.sh
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$top"
labels='^image$'
"$top/image/install-deps.sh" build image-tools
cmake -S . -B build -G Ninja -DKIOSK_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)" -L "$labels"
