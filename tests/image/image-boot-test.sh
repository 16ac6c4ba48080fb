#!/usr/bin/env bash
# The disk image boots: image/make-disk.sh (image/build.sh's last step) makes kiosk.img from a root
# file system image/build.sh --rootfs built, then boot-test.sh boots it under qemu.
#   tests/image/image-boot-test.sh ROOTFS WORKDIR [boot-test.sh options]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rootfs=${1:?usage: image-boot-test.sh ROOTFS WORKDIR [--bios]}
work=${2:?usage: image-boot-test.sh ROOTFS WORKDIR [--bios]}
shift 2
mkdir -p "$work"
start=$(date +%s)
"$here/../../image/make-disk.sh" "$rootfs" "$work/kiosk.img"
echo "image-boot-test: kiosk.img written in $(( $(date +%s) - start )) s"
"$here/boot-test.sh" "$@" "$work/kiosk.img"
