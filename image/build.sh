#!/usr/bin/env bash
# Builds the consent kiosk's disk image from Debian 12 packages only (mmdebstrap) and the project's
# own consent-kiosk package. Runs as root (mmdebstrap's root mode); needs no loop device.
#
#   image/build.sh OUTDIR                   OUTDIR/kiosk.img, bootable (BIOS and UEFI)
#   image/build.sh --rootfs OUTDIR          only its root file system, OUTDIR/rootfs
#   --packages DIR    take consent-kiosk_*.deb from DIR instead of building it (Release build in
#                     OUTDIR/build, then cpack)
#   --data-size MIB   size of the data partition (default 512)
#
# The image: MBR partition table; 1 boot partition (FAT16, label KIOSKBOOT: kernel, initrd,
# systemd-boot for UEFI, GRUB for BIOS), 2 root (ext4, KIOSKROOT, mounted read-only), 3 data (ext4,
# KIOSKDATA, mounted at /var/lib/consent-kiosk). See image/README.md.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

rootfs_only=0
packages=""
data_mib=512
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rootfs) rootfs_only=1 ;;
    --packages) packages=$(cd "$2" && pwd); shift ;;
    --data-size) data_mib=$2; shift ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "build.sh: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$out" ] || { echo "build.sh: one OUTDIR only" >&2; exit 2; }; out=$1 ;;
  esac
  shift
done
[ -n "$out" ] || { sed -n '2,15p' "${BASH_SOURCE[0]}" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "build.sh: run as root (mmdebstrap's root mode, file ownership)" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
step() { echo "== build.sh: $* ($(date +%T))" >&2; }

"$here/install-deps.sh" image-tools

# --- the consent-kiosk package --------------------------------------------------------------------
if [ -z "$packages" ]; then
  "$here/install-deps.sh"
  step "Release build and cpack in $out/build"
  cmake -S "$top" -B "$out/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIOSK_BUILD_TESTS=OFF \
    -DKIOSK_BUILD_BENCHMARKS=OFF >/dev/null
  cmake --build "$out/build" -j "$(nproc)"
  packages="$out/packages"
  (cd "$out/build" && cpack -G DEB -B "$packages" >/dev/null)
fi
kiosk_deb=$(ls "$packages"/consent-kiosk_*.deb 2>/dev/null | tail -n 1)
[ -n "$kiosk_deb" ] || { echo "build.sh: no consent-kiosk_*.deb in $packages" >&2; exit 2; }

# --- the root file system --------------------------------------------------------------------------
rootfs="$out/rootfs"
rm -rf "$rootfs"
mapfile -t wanted < <(grep -v '^\s*#' "$here/packages/image-rootfs.txt" | sed '/^\s*$/d')
step "mmdebstrap: Debian 12 minbase, ${wanted[*]}, $(basename "$kiosk_deb")"
# Documentation and translations stay out (copyright files stay in); the kiosk reads none.
mmdebstrap --variant=minbase --mode=root --format=directory \
  --include="$(IFS=,; echo "${wanted[*]}")" --include="$kiosk_deb" \
  --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-include=/usr/share/doc/consent-kiosk/*' \
  --customize-hook="\"$here/customize-rootfs.sh\" \"\$1\"" \
  bookworm "$rootfs"
# The automount hook leaves the packages it fetched behind; a kiosk never installs anything.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
step "root file system ready: $rootfs ($(du -sh "$rootfs" | cut -f1))"
if [ "$rootfs_only" -eq 1 ]; then
  exit 0
fi

# --- the disk image --------------------------------------------------------------------------------
"$here/make-disk.sh" "$rootfs" "$out/kiosk.img" "$data_mib"
step "image ready: $out/kiosk.img ($(du -h --apparent-size "$out/kiosk.img" | cut -f1))"
