#!/usr/bin/env bash
# The packages install into a clean Debian 12 root (mmdebstrap minbase plus the .deb files, their
# dependencies fetched by apt from Debian's archive: a dependency the package forgot to declare
# shows up as a program that cannot start), their maintainer scripts make the system users, a
# second install changes nothing, and every packaged program answers --version from there.
#   tests/image/package-install-test.sh DEBDIR WORKDIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
debs=$(cd "${1:?usage: package-install-test.sh DEBDIR WORKDIR}" && pwd)
work=${2:?usage: package-install-test.sh DEBDIR WORKDIR}
"$here/../../image/install-deps.sh" image-tools
source "$here/checks.sh"

kiosk_deb=$(ls "$debs"/consent-kiosk_*.deb | tail -n 1)
hq_deb=$(ls "$debs"/consent-hq_*.deb 2>/dev/null | tail -n 1 || true)
includes=(--include="$kiosk_deb")
[ -n "$hq_deb" ] && includes+=(--include="$hq_deb")

root="$work/clean-root"
rm -rf "$root"
mkdir -p "$work"
start=$(date +%s)
mmdebstrap --quiet --variant=minbase --mode=root --format=directory "${includes[@]}" \
  --hook-dir=/usr/share/mmdebstrap/hooks/file-mirror-automount bookworm "$root"
echo "package-install-test: clean root with the packages in $(( $(date +%s) - start )) s"

check "kiosk --version runs in the clean root" chroot "$root" /usr/bin/kiosk --version
check_output "kiosk --version names the program" "^kiosk [0-9]+\.[0-9]+\.[0-9]+$" chroot "$root" /usr/bin/kiosk --version
check_output "kioskctl --version prints its version as JSON" '^\{"program":"kioskctl","version":"[0-9.]+"\}$' \
  chroot "$root" /usr/bin/kioskctl --version
check "the unenrolled placeholder config is valid" \
  chroot "$root" /usr/bin/kioskctl config-check --config /usr/share/consent-kiosk/kiosk-unenrolled.toml
check_user "$root" kiosk
check_owner_mode "$root" /var/lib/consent-kiosk kiosk:kiosk 700
check "the USBGuard rules are root's alone" test "$(stat -c %a "$root/etc/usbguard/rules.d/50-consent-kiosk.conf")" = 600
check "/etc/consent-kiosk/kiosk.toml points at the data partition" \
  test "$(readlink "$root/etc/consent-kiosk/kiosk.toml")" = /var/lib/consent-kiosk/kiosk.toml
check "installing the package does not enable the kiosk session" \
  test ! -e "$root/etc/systemd/system/graphical.target.wants/consent-kiosk.service"

if [ -n "$hq_deb" ]; then
  check "consent-hq --version runs in the clean root" chroot "$root" /usr/bin/consent-hq --version
  check_user "$root" consent-hq
  check "consent-hq's unit is installed" test -f "$root/usr/lib/systemd/system/consent-hq.service"
else
  echo "skip  consent-hq: no consent-hq package in $debs (the target is not in this build)"
fi

# Maintainer scripts are idempotent: installing again keeps the same users and data folder.
uid_before=$(chroot "$root" id -u kiosk)
cp "$kiosk_deb" "$root/tmp/again.deb"
check "a second install of consent-kiosk succeeds" chroot "$root" dpkg -i /tmp/again.deb
check "a second install keeps the kiosk user's id" test "$(chroot "$root" id -u kiosk)" = "$uid_before"
check_owner_mode "$root" /var/lib/consent-kiosk kiosk:kiosk 700

finish
