#!/usr/bin/env bash
# mmdebstrap's customize hook for image/build.sh: turns a Debian root with consent-kiosk installed
# into the kiosk's locked-down root file system. ROOT is the root folder (mmdebstrap's "$1").
set -euo pipefail
root=${1:?usage: customize-rootfs.sh ROOT}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Configuration files: fstab, journal, sysctl, limits, modules, network.
cp -r --preserve=mode "$here/rootfs/." "$root/"
mkdir -p "$root/boot/efi" "$root/var/lib/consent-kiosk"
echo consent-kiosk > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tconsent-kiosk\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
  > "$root/etc/hosts"

# The data partition's mount point: the kiosk user's alone, like the partition's own root.
chroot "$root" chown kiosk:kiosk /var/lib/consent-kiosk
chmod 0700 "$root/var/lib/consent-kiosk"

# USBGuard: only the package's rules (rules.d); no list of "devices present at build time".
: > "$root/etc/usbguard/rules.conf"
chmod 0600 "$root/etc/usbguard/rules.conf"
# Its audit trail goes to the journal (volatile), not to a file on the read-only root.
sed -i 's/^AuditBackend=.*/AuditBackend=LinuxAudit/' "$root/etc/usbguard/usbguard-daemon.conf"
grep -q '^RuleFolder=/etc/usbguard/rules.d' "$root/etc/usbguard/usbguard-daemon.conf" ||
  echo 'RuleFolder=/etc/usbguard/rules.d/' >> "$root/etc/usbguard/usbguard-daemon.conf"

# Names through systemd-resolved; the read-only root keeps the link, /run holds the file.
ln -sf ../run/systemd/resolve/stub-resolv.conf "$root/etc/resolv.conf"

# The kiosk session and what it needs, started at boot.
systemctl --root="$root" enable consent-kiosk.service consent-kiosk-ready.service \
  consent-kiosk-enroll.service seatd.service usbguard.service systemd-networkd.service \
  systemd-resolved.service systemd-timesyncd.service
systemctl --root="$root" set-default graphical.target

# No way out of the kiosk: no login prompt on any virtual or serial console, no debug shell,
# no rescue or emergency shell, no Ctrl-Alt-Del reboot, no swap.
systemctl --root="$root" mask getty@.service serial-getty@.service autovt@.service \
  console-getty.service container-getty@.service debug-shell.service rescue.service \
  emergency.service ctrl-alt-del.target swap.target systemd-machine-id-commit.service \
  apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer usbguard-dbus.service
rm -f "$root"/etc/systemd/system/getty.target.wants/*

# No password for any account: root locked (every other account is a locked system account).
chroot "$root" usermod --lock root
chroot "$root" usermod --shell /usr/sbin/nologin root

# The same image for every kiosk: no machine identity and no random seed of its own (systemd
# makes a fresh machine-id at each boot on the read-only root), nothing logged while building.
: > "$root/etc/machine-id"
rm -f "$root/var/lib/dbus/machine-id" "$root/var/lib/systemd/random-seed"
rm -rf "$root"/var/log/* "$root"/var/cache/apt/*.bin "$root"/tmp/* "$root"/var/tmp/*
# No core dump handler: the package is not installed; be sure.
if [ -e "$root/lib/systemd/systemd-coredump" ]; then
  echo "customize-rootfs: systemd-coredump is installed; it must not be" >&2
  exit 1
fi
