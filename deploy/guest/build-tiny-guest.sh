#!/usr/bin/env bash
# Builds the tiny guest the real-boot test starts: into DIR, "vmlinuz" (the host's Debian kernel, from /boot) and
# "initramfs.cpio.gz" (busybox-static and an /init that prints MARKER on the console, then idles).
# Nothing is downloaded: the kernel, busybox-static and cpio come from Debian packages (deploy/setup-host.sh).
#
# usage: build-tiny-guest.sh DIR            (KERNEL=/boot/vmlinuz-... picks another kernel)
set -euo pipefail

readonly MARKER="gpucloud-tiny-guest booted"

if [[ $# -ne 1 ]]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
out=$1

kernel=${KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)}
if [[ -z $kernel || ! -r $kernel ]]; then
  echo "build-tiny-guest: no readable kernel in /boot (install linux-image-cloud-amd64: deploy/setup-host.sh)" >&2
  exit 1
fi
busybox=/bin/busybox
# A dynamically linked busybox (Debian's "busybox") would find no libraries in the initramfs.
if [[ ! -x $busybox ]] || ldd "$busybox" >/dev/null 2>&1; then
  echo "build-tiny-guest: $busybox is missing or not static (install busybox-static)" >&2
  exit 1
fi
command -v cpio >/dev/null || { echo "build-tiny-guest: cpio is not installed" >&2; exit 1; }

mkdir -p "$out"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,proc,sys,tmp}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"

# The archive has no /dev/console (making device nodes needs root), so the kernel starts /init without a console;
# /init mounts devtmpfs and opens the console itself.
cat > "$root/init" <<EOF
#!/bin/sh
/bin/busybox mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "$MARKER: \$(uname -r), \$(nproc) CPU(s)"
while true; do sleep 3600; done
EOF
chmod 0755 "$root/init"

# newc is the format the kernel unpacks; owner root so the guest's files are not the builder's uid.
(cd "$root" && find . -print0 | cpio --null --create --format=newc --owner=0:0 --quiet) | gzip -9 \
  > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
cp "$kernel" "$out/vmlinuz"
chmod 0644 "$out/vmlinuz" "$out/initramfs.cpio.gz"
