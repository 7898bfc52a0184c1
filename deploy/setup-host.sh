#!/usr/bin/env bash
# Prepares a Debian 12 host for building and testing: the packages the tests use, and PostgreSQL on
# 127.0.0.1:5432, RabbitMQ on 127.0.0.1:5672 and libvirtd (QEMU driver) running. Safe to run again; installs only
# what is missing. Written for containers and CI machines without systemd: libvirtd is configured to run guests as
# root without a security driver, which is no setup for a production compute host.
set -euo pipefail

sudo=""
if [[ $EUID -ne 0 ]]; then
  sudo="sudo"
fi

# The openstack CLI (with osc-placement), the swift CLI, awscli, s3cmd and rclone drive the end-to-end tests;
# libvirt0 is the native library behind libvirt-java; qemu-utils (qemu-img, qemu-io) and genisoimage (isoinfo,
# isovfy) check, in the tests, the root disks and config drives the agent writes itself.
packages=(python3-openstackclient python3-osc-placement python3-swiftclient awscli s3cmd rclone libvirt0 qemu-utils
  genisoimage)
# The compute agent's real boot (QemuBootTest): libvirtd with its QEMU driver (not libvirt-daemon-system, which
# brings systemd, a NAT network and polkit), virsh for people, QEMU, and what deploy/guest/build-tiny-guest.sh makes
# the guest of: a kernel, busybox-static and cpio.
packages+=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 busybox-static cpio)
if ! compgen -G '/boot/vmlinuz-*' >/dev/null; then
  # The cloud kernel is the smallest Debian kernel; it has the serial console and initramfs support built in.
  packages+=(linux-image-cloud-amd64)
  # A kernel package needs an initramfs generator; tiny-initramfs pulls neither udev nor systemd. A host that has
  # one keeps it.
  if ! dpkg-query -W -f='${Status}\n' initramfs-tools dracut tiny-initramfs 2>/dev/null | grep -q "install ok installed"
  then
    packages+=(tiny-initramfs)
  fi
fi
command -v pg_ctlcluster >/dev/null || packages+=(postgresql)
command -v rabbitmq-server >/dev/null || packages+=(rabbitmq-server)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup-host: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    # The tests connect as postgres over TCP without a password (common's TestDatabase).
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "host all all 127.0.0.1/32 trust" | $sudo tee -a "/etc/postgresql/$version/main/pg_hba.conf" >/dev/null
  fi
fi

answers() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 90); do
    answers "$port" && return 0
    sleep 1
  done
  echo "setup-host: $name does not answer on 127.0.0.1:$port" >&2
  return 1
}

if ! answers 5432; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "setup-host: starting PostgreSQL $version"
  $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
if ! answers 5672; then
  echo "setup-host: starting RabbitMQ"
  $sudo rabbitmq-server -detached
fi
wait_for PostgreSQL 5432
wait_for RabbitMQ 5672

# libvirtd in a container. QEMU runs as root without a security driver (no AppArmor/SELinux labels to apply, and
# files in any test's temporary directory are readable); libvirt makes no cgroups (read-only or absent in many
# containers), no private /dev per guest (a mount namespace needs privileges a container may lack) and records no
# file owners in xattrs (overlayfs may refuse them).
qemu_conf=/etc/libvirt/qemu.conf
conf_changed=0
set_qemu_conf() {
  local key=$1 value=$2
  if ! grep -qxF "$key = $value" "$qemu_conf" 2>/dev/null; then
    $sudo mkdir -p /etc/libvirt
    $sudo touch "$qemu_conf"
    $sudo sed -i "/^[[:space:]]*$key[[:space:]]*=/d" "$qemu_conf"
    echo "$key = $value" | $sudo tee -a "$qemu_conf" >/dev/null
    conf_changed=1
  fi
}
set_qemu_conf user '"root"'
set_qemu_conf group '"root"'
set_qemu_conf security_driver '"none"'
set_qemu_conf cgroup_controllers '[ ]'
set_qemu_conf namespaces '[ ]'
set_qemu_conf remember_owner 0
# libvirtd resolves its built-in QEMU user before it reads qemu.conf; libvirt-daemon-system would create it.
getent group libvirt-qemu >/dev/null || $sudo groupadd --system libvirt-qemu
getent passwd libvirt-qemu >/dev/null || $sudo useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt \
  --no-create-home --shell /usr/sbin/nologin libvirt-qemu
$sudo mkdir -p /var/log/libvirt/qemu

running() {
  local pidfile=$1
  [[ -f $pidfile ]] && $sudo kill -0 "$($sudo cat "$pidfile")" 2>/dev/null
}

# virtlogd keeps QEMU's own output (/var/log/libvirt/qemu/<domain>.log); libvirtd refuses to start guests without it.
if ! running /run/virtlogd.pid; then
  echo "setup-host: starting virtlogd"
  $sudo virtlogd --daemon
fi
if running /run/libvirtd.pid && [[ $conf_changed -eq 1 ]]; then
  echo "setup-host: restarting libvirtd for the new qemu.conf"
  $sudo kill "$($sudo cat /run/libvirtd.pid)"
  for _ in $(seq 1 30); do
    running /run/libvirtd.pid || break
    sleep 1
  done
fi
if ! running /run/libvirtd.pid; then
  echo "setup-host: starting libvirtd"
  $sudo libvirtd --daemon
fi
for _ in $(seq 1 30); do
  $sudo virsh -q -c qemu:///system version >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "setup-host: libvirtd does not answer on qemu:///system (see /var/log/libvirt/libvirtd.log)" >&2
exit 1
