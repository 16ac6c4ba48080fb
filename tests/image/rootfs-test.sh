#!/usr/bin/env bash
# Inspects the kiosk image's root file system: the session and its units, the kiosk user, udev and
# USBGuard rules, the data partition's mount point, fstab, accounts, swap, journal, core dumps, the
# ways out that must be shut, and the kiosk's programs running inside it.
#   tests/image/rootfs-test.sh --build DEBDIR WORKDIR   build it (image/build.sh --rootfs) first
#   tests/image/rootfs-test.sh ROOTFS                   inspect an existing one
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "${1:-}" = --build ]; then
  debs=${2:?usage: rootfs-test.sh --build DEBDIR WORKDIR}
  work=${3:?usage: rootfs-test.sh --build DEBDIR WORKDIR}
  start=$(date +%s)
  "$here/../../image/build.sh" --rootfs --packages "$debs" "$work"
  echo "rootfs-test: image/build.sh --rootfs took $(( $(date +%s) - start )) s"
  root="$work/rootfs"
else
  root=${1:?usage: rootfs-test.sh ROOTFS | --build DEBDIR WORKDIR}
fi
source "$here/checks.sh"
units=$root/etc/systemd/system
unit=$root/usr/lib/systemd/system/consent-kiosk.service

# unit_has FILE KEY=VALUE: the unit sets KEY to exactly VALUE.
unit_has() { grep -qxF "$2" "$1" || { echo "no line '$2' in ${1#"$root"}"; return 1; }; }
enabled() { [ -L "$units/$1.wants/$2" ] || { echo "$2 is not in $1.wants"; return 1; }; }
masked() { [ "$(readlink "$units/$1")" = /dev/null ] || { echo "$1 is not masked"; return 1; }; }

echo "-- units enabled, the kiosk session"
check "boots to graphical.target" test "$(basename "$(readlink "$units/default.target")")" = graphical.target
for service in consent-kiosk.service consent-kiosk-ready.service consent-kiosk-enroll.service; do
  check "$service is enabled" enabled graphical.target "$service"
done
check "seatd.service is enabled" enabled multi-user.target seatd.service
check "usbguard.service is enabled" enabled basic.target usbguard.service
check "the session runs as the kiosk user" unit_has "$unit" User=kiosk
check "the session is cage running the kiosk, without VT switching (no -s)" unit_has "$unit" \
  "ExecStart=/usr/bin/cage -- /usr/bin/kiosk --config /var/lib/consent-kiosk/kiosk.toml --data-dir /var/lib/consent-kiosk"
check "the kiosk tells systemd when it is ready" unit_has "$unit" Type=notify
check "the kiosk's main loop feeds a watchdog" unit_has "$unit" WatchdogSec=30
check "the session restarts whenever it ends" unit_has "$unit" Restart=always
for setting in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes ProtectHome=yes \
  CapabilityBoundingSet= LimitCORE=0 ReadWritePaths=/var/lib/consent-kiosk; do
  check "the session is hardened: $setting" unit_has "$unit" "$setting"
done
check "only the data partition is writable for the session" \
  test "$(grep -c '^ReadWritePaths=' "$unit")" = 1
check "the first-frame marker runs after the kiosk is ready" unit_has \
  "$root/usr/lib/systemd/system/consent-kiosk-ready.service" After=consent-kiosk.service
check "the unit files parse (systemd-analyze verify)" \
  chroot "$root" systemd-analyze verify --man=no consent-kiosk.service consent-kiosk-ready.service \
  consent-kiosk-enroll.service

echo "-- no way out"
for name in getty@.service serial-getty@.service autovt@.service console-getty.service \
  debug-shell.service rescue.service emergency.service ctrl-alt-del.target; do
  check "$name is masked" masked "$name"
done
check "nothing else asks for a getty" test -z "$(ls "$units/getty.target.wants" 2>/dev/null)"
check "magic SysRq keys are off" grep -qx 'kernel.sysrq = 0' "$root/etc/sysctl.d/50-consent-kiosk.conf"

echo "-- accounts"
check_user "$root" kiosk
check "root is locked" bash -c "grep '^root:' '$root/etc/shadow' | cut -d: -f2 | grep -q '^!'"
check "no account has a password (/etc/shadow)" \
  test -z "$(awk -F: '$2 !~ /^[!*]/ { print $1 }' "$root/etc/shadow")"
check "no account has an empty password field" test -z "$(awk -F: '$2 == "" { print $1 }' "$root/etc/shadow")"

echo "-- devices: udev and USBGuard"
rules=$root/usr/lib/udev/rules.d/70-consent-kiosk-devices.rules
check "the device rules are installed" test -f "$rules"
check "every device rule gives the kiosk user alone the device" \
  test -z "$(grep -v '^#' "$rules" | grep . | grep -v 'OWNER="kiosk", GROUP="kiosk", MODE="0600"')"
check "no device rule grants a seat's user access (uaccess)" bash -c "! grep -q uaccess '$rules'"
guard=$root/etc/usbguard
check "USBGuard blocks what no rule allows" grep -qx ImplicitPolicyTarget=block "$guard/usbguard-daemon.conf"
check "USBGuard applies its rules to devices present at boot" grep -qx PresentDevicePolicy=apply-policy \
  "$guard/usbguard-daemon.conf"
check "USBGuard reads the kiosk's rules" grep -qx 'RuleFolder=/etc/usbguard/rules.d/' "$guard/usbguard-daemon.conf"
check "USBGuard's kiosk rules are installed, root's alone" \
  test "$(stat -c '%U %a' "$guard/rules.d/50-consent-kiosk.conf")" = "root 600"
check "USBGuard has no device list from the build machine" test ! -s "$guard/rules.conf"
check "USBGuard allows only hubs, HID, printers and the listed printer vendors" \
  test -z "$(grep '^allow' "$guard/rules.d/50-consent-kiosk.conf" |
    grep -vE '^allow (id [0-9a-f]{4}:\* )?with-interface equals \{ (09|03|07|ff):\*:\* \}$')"
check "no USB storage driver" grep -qx 'install usb-storage /bin/false' "$root/etc/modprobe.d/consent-kiosk.conf"

echo "-- file systems"
fstab=$root/etc/fstab
check "root is mounted read-only" bash -c "grep -E '^LABEL=KIOSKROOT[[:space:]]+/[[:space:]]+ext4[[:space:]]+ro,' '$fstab'"
check "the data partition is mounted at /var/lib/consent-kiosk" \
  bash -c "grep -E '^LABEL=KIOSKDATA[[:space:]]+/var/lib/consent-kiosk[[:space:]]+ext4[[:space:]]+rw,' '$fstab'"
check "the data partition allows no programs or devices" \
  bash -c "grep '^LABEL=KIOSKDATA' '$fstab' | grep -q 'nosuid,nodev,noexec'"
check_owner_mode "$root" /var/lib/consent-kiosk kiosk:kiosk 700
check "kiosk.toml in /etc points at the data partition" \
  test "$(readlink "$root/etc/consent-kiosk/kiosk.toml")" = /var/lib/consent-kiosk/kiosk.toml
check "a fresh data partition gets the placeholder config" grep -qF \
  'L /var/lib/consent-kiosk/kiosk.toml - - - - /usr/share/consent-kiosk/kiosk-unenrolled.toml' \
  "$root/usr/lib/tmpfiles.d/consent-kiosk.conf"
check "no swap in fstab" bash -c "! grep -v '^#' '$fstab' | grep -qw swap"
check "no swap unit can start" masked swap.target
check "no swap file" test -z "$(find "$root" -xdev -maxdepth 2 -name '*swap*' -type f -size +1M)"

echo "-- journal, core dumps, identity"
check "the journal is volatile" grep -qx Storage=volatile "$root/etc/systemd/journald.conf.d/consent-kiosk.conf"
check "core dumps go nowhere" grep -qx 'kernel.core_pattern = |/bin/false' "$root/etc/sysctl.d/50-consent-kiosk.conf"
check "services may not dump core" grep -qx DefaultLimitCORE=0 "$root/etc/systemd/system.conf.d/consent-kiosk.conf"
check "logins may not dump core (ulimit)" grep -qE '^\*[[:space:]]+hard[[:space:]]+core[[:space:]]+0' \
  "$root/etc/security/limits.d/consent-kiosk.conf"
check "systemd-coredump is absent" test ! -e "$root/usr/lib/systemd/systemd-coredump"
check "the machine-id is empty (made at each boot)" test ! -s "$root/etc/machine-id"
check "no random seed is shared between kiosks" test ! -e "$root/var/lib/systemd/random-seed"
check "no SSH host keys" test -z "$(ls "$root"/etc/ssh/ssh_host_* 2>/dev/null)"
check "no key or database of a kiosk in the image" \
  test -z "$(find "$root/var/lib/consent-kiosk" "$root/etc/consent-kiosk" -mindepth 1 ! -type l)"

echo "-- the kiosk's programs"
check_output "kiosk --version runs in the root" '^kiosk [0-9.]+$' chroot "$root" /usr/bin/kiosk --version
check_output "kioskctl --version runs in the root" '"program":"kioskctl"' chroot "$root" /usr/bin/kioskctl --version
check "the placeholder config is valid" \
  chroot "$root" /usr/bin/kioskctl config-check --config /usr/share/consent-kiosk/kiosk-unenrolled.toml
check "the kernel and initrd are there" bash -c "ls '$root'/boot/vmlinuz-* '$root'/boot/initrd.img-* >/dev/null"

finish
