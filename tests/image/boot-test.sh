#!/usr/bin/env bash
# The image boots: boots a copy of kiosk.img under qemu (software emulation, no network), with
# kiosk.boottest=1 added to its kernel command line, and checks from the serial console that the
# kiosk's unit started, the kiosk drew its first frame, and the guest then powered itself off.
#   tests/image/boot-test.sh [--bios] [--screenshot PNG] KIOSK_IMG
#   --bios            boot with SeaBIOS and GRUB (default: UEFI, OVMF and systemd-boot)
#   --screenshot PNG  save the screen once the first frame is drawn, then stop the guest (qemu quits)
# Prints the serial log's path and the boot time; exit 0 when every check passed, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
firmware=uefi
screenshot=""
image=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bios) firmware=bios ;;
    --screenshot) screenshot=$(realpath -m "$2"); shift ;;
    -*) echo "boot-test: unknown option $1" >&2; exit 2 ;;
    *) image=$1 ;;
  esac
  shift
done
[ -f "$image" ] || { echo "usage: boot-test.sh [--bios] [--screenshot PNG] KIOSK_IMG" >&2; exit 2; }
"$here/../../image/install-deps.sh" image-tools

work=$(mktemp -d /tmp/kiosk-boot.XXXXXX)
cleanup() {
  [ -n "${qemu_pid:-}" ] && kill "$qemu_pid" 2>/dev/null || true
  rm -f "$work/boot.img" "$work/vars.fd"
}
trap cleanup EXIT
cp --sparse=always "$image" "$work/boot.img"

# The boot test's own kernel command line, in both boot loaders' files on the boot partition.
export MTOOLS_SKIP_CHECK=1
mode=kiosk.boottest=1
[ -n "$screenshot" ] && mode=kiosk.boottest=screenshot
for file in loader/entries/consent-kiosk.conf grub/grub.cfg; do
  mtype -i "$work/boot.img@@1M" "::/$file" | sed -E "s/(console=ttyS0[^ ]*)/\\1 $mode systemd.journald.forward_to_console=1/" > "$work/edited"
  grep -q "$mode" "$work/edited" || { echo "boot-test: no kernel command line in $file" >&2; exit 1; }
  mcopy -o -i "$work/boot.img@@1M" "$work/edited" "::/$file"
done

serial="$work/serial.log"
# No AVX: QEMU 7.2's software emulation of AVX2's gather instructions (new in that version)
# faulted inside Mesa's software rasteriser, which real processors run fine.
qemu=(qemu-system-x86_64 -accel tcg -cpu max,avx=off,avx2=off -m 2048 -smp 2 -nic none -display none -vga virtio
      -device qemu-xhci
      -serial "file:$serial" -no-reboot -drive "file=$work/boot.img,format=raw,if=virtio"
      -qmp "unix:$work/qmp.sock,server=on,wait=off")
if [ "$firmware" = uefi ]; then
  cp /usr/share/OVMF/OVMF_VARS_4M.fd "$work/vars.fd"
  qemu+=(-machine q35 -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
         -drive "if=pflash,format=raw,file=$work/vars.fd")
fi
echo "boot-test: $firmware boot, serial console in $serial" >&2
start=$(date +%s)
"${qemu[@]}" &
qemu_pid=$!

marker="consent-kiosk: first frame drawn"
deadline=$((start + 600))
while kill -0 "$qemu_pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
  if [ -n "$screenshot" ] && grep -q "$marker" "$serial" 2>/dev/null; then
    sleep 3
    python3 "$here/qmp.py" "$work/qmp.sock" screendump "$screenshot"
    python3 "$here/qmp.py" "$work/qmp.sock" quit || true
    screenshot=""
  fi
  sleep 1
done
if kill -0 "$qemu_pid" 2>/dev/null; then
  echo "boot-test: no power-off within 600 s" >&2
  kill "$qemu_pid"
fi
wait "$qemu_pid" && qemu_status=0 || qemu_status=$?
qemu_pid=""
seconds=$(( $(date +%s) - start ))

failures=0
check() {
  if grep -qE "$2" "$serial"; then echo "ok    $1"; else echo "FAIL  $1 (no /$2/ in the serial log)"; failures=$((failures + 1)); fi
}
check "the kiosk's unit started" "Started .{0,12}consent-kiosk\.service"
check "the kiosk drew its first frame" "$marker"
if [ "$mode" = kiosk.boottest=1 ]; then
  # systemd's last word: the kernel's own "reboot: Power down" can be lost behind a driver's
  # warning printed during shutdown (virtio-gpu under BIOS did once).
  check "the guest powered itself off" "systemd-shutdown\[1\]: Powering off|reboot: Power down"
  if grep -q "reboot: Restarting system" "$serial"; then
    echo "FAIL  the guest restarted instead of powering off"; failures=$((failures + 1))
  fi
fi
if grep -q "FAILED" "$serial"; then
  echo "FAIL  a unit failed:"; grep "FAILED" "$serial" | sed 's/^/      /'; failures=$((failures + 1))
fi
[ "$qemu_status" -eq 0 ] || { echo "FAIL  qemu exited with $qemu_status"; failures=$((failures + 1)); }
echo "boot-test: $firmware boot to power-off in ${seconds} s; serial log $serial"
[ "$failures" -eq 0 ]
