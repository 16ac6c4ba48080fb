#!/usr/bin/env bash
# Writes the kiosk's bootable disk image from a root folder, without loop devices or mounts:
# sfdisk lays out a plain file, mkfs fills each partition at its offset, mtools copies the boot
# files. Boots with BIOS (GRUB, i386-pc) and UEFI (systemd-boot) alike.
#   image/make-disk.sh ROOTFS IMAGE [DATA_MIB]
set -euo pipefail
rootfs=${1:?usage: make-disk.sh ROOTFS IMAGE [DATA_MIB]}
image=${2:?usage: make-disk.sh ROOTFS IMAGE [DATA_MIB]}
data_mib=${3:-512}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The kernel command line: the console on the screen and on the first serial port, so that a tech
# with a serial cable (and the boot test) can watch the boot.
cmdline="root=LABEL=KIOSKROOT ro rootfstype=ext4 console=tty0 console=ttyS0,115200 panic=10"

kernel=$(ls "$rootfs"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$rootfs"/boot/initrd.img-* | sort -V | tail -n 1)

# Boot partition contents: kernel and initrd at its root, both boot loaders' files.
esp="$work/esp"
mkdir -p "$esp/EFI/BOOT" "$esp/loader/entries" "$esp/grub/i386-pc"
cp "$kernel" "$esp/vmlinuz"
cp "$initrd" "$esp/initrd.img"
cp /usr/lib/systemd/boot/efi/systemd-bootx64.efi "$esp/EFI/BOOT/BOOTX64.EFI"
# No menu, no editing the command line (editor no): a passer-by cannot boot into a shell.
printf 'default consent-kiosk.conf\ntimeout 0\neditor no\nauto-entries no\nauto-firmware no\n' \
  > "$esp/loader/loader.conf"
printf 'title Consent kiosk\nlinux /vmlinuz\ninitrd /initrd.img\noptions %s\n' "$cmdline" \
  > "$esp/loader/entries/consent-kiosk.conf"
cp /usr/lib/grub/i386-pc/*.mod /usr/lib/grub/i386-pc/*.lst "$esp/grub/i386-pc/"
# A superuser with no password: nobody may edit an entry or reach GRUB's command line.
cat > "$esp/grub/grub.cfg" <<EOF
set superusers="root"
set timeout=0
set default=0
menuentry "Consent kiosk" --unrestricted {
  linux /vmlinuz $cmdline
  initrd /initrd.img
}
EOF

# Sizes in MiB: boot 1 MiB gap (GRUB's core.img) + boot partition, root with a margin, data.
esp_mib=$(( $(du -sm "$esp" | cut -f1) + 48 ))
[ "$esp_mib" -ge 64 ] || esp_mib=64
root_mib=$(( $(du -sm "$rootfs" | cut -f1) * 115 / 100 + 128 ))
total_mib=$(( 1 + esp_mib + root_mib + data_mib ))
rm -f "$image"
truncate -s "${total_mib}M" "$image"
sfdisk --quiet "$image" <<EOF
label: dos
start=1MiB, size=${esp_mib}MiB, type=ef, bootable
size=${root_mib}MiB, type=83
size=${data_mib}MiB, type=83
EOF

# Boot partition: FAT16 (FAT32 at an offset fails with this mkfs.fat).
esp_start=2048
mkfs.fat -F 16 -n KIOSKBOOT --offset "$esp_start" "$image" $(( esp_mib * 1024 )) >/dev/null
export MTOOLS_SKIP_CHECK=1
mcopy -s -i "$image@@1M" "$esp"/* ::/

# Root: ext4 filled from the folder, mounted read-only on the kiosk.
root_offset=$(( (1 + esp_mib) * 1024 * 1024 ))
mkfs.ext4 -q -F -L KIOSKROOT -E offset=$root_offset -d "$rootfs" "$image" "${root_mib}M"

# Data: empty but for its root folder, the kiosk user's alone (mode 0700).
kiosk_uid=$(awk -F: '$1 == "kiosk" { print $3 }' "$rootfs/etc/passwd")
kiosk_gid=$(awk -F: '$1 == "kiosk" { print $4 }' "$rootfs/etc/passwd")
[ -n "$kiosk_uid" ] || { echo "make-disk: no kiosk user in $rootfs" >&2; exit 1; }
mkdir -m 0700 "$work/data"
chown "$kiosk_uid:$kiosk_gid" "$work/data"
data_offset=$(( root_offset + root_mib * 1024 * 1024 ))
mkfs.ext4 -q -F -L KIOSKDATA -m 1 -E offset=$data_offset,root_owner=$kiosk_uid:$kiosk_gid -d "$work/data" \
  "$image" "${data_mib}M"

# BIOS: GRUB's boot sector (keeping the partition table) and its core image in the 1 MiB gap.
grub-mkimage -O i386-pc -o "$work/core.img" -p '(hd0,msdos1)/grub' biosdisk part_msdos fat normal linux
[ "$(stat -c %s "$work/core.img")" -lt $(( 2047 * 512 )) ] || { echo "make-disk: core.img too big" >&2; exit 1; }
dd if=/usr/lib/grub/i386-pc/boot.img of="$image" bs=440 count=1 conv=notrunc status=none
dd if="$work/core.img" of="$image" bs=512 seek=1 conv=notrunc status=none
