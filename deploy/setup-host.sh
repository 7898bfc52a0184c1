#!/usr/bin/env bash
# Prepares a Debian 12 host for building and testing: the packages the tests use, and PostgreSQL on
# 127.0.0.1:5432 and RabbitMQ on 127.0.0.1:5672 running. Safe to run again; installs only what is missing.
set -euo pipefail

sudo=""
if [[ $EUID -ne 0 ]]; then
  sudo="sudo"
fi

# The openstack CLI (with osc-placement), the swift CLI, awscli, s3cmd and rclone drive the end-to-end tests;
# libvirt0 is the native library behind libvirt-java; qemu-utils (qemu-img) makes the agent's guest disks and
# genisoimage its config drives.
packages=(python3-openstackclient python3-osc-placement python3-swiftclient awscli s3cmd rclone libvirt0 qemu-utils
  genisoimage)
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
