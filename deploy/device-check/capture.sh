#!/bin/bash
# Run on a real NVIDIA host (the device machine) from the repository root, with the folder .devcarry made by
# prepare.sh beside it. Captures what GPU discovery reads (nvidia-smi answers, the sysfs and procfs files of
# SysfsDiscovery) into $OUT, then runs the agent's own discovery against the live host. Changes no GPU setting.
set -u
OUT=${OUT:-/tmp/device-check}
mkdir -p "$OUT"
log=$OUT/report.txt
exec > >(tee "$log") 2>&1

echo "== versions"; uname -a; nvidia-smi --version; ls -l /dev/nvidia* 2>&1 | head
smi() {
  local name=$1; shift; local t0=$(date +%s%N)
  nvidia-smi "$@" > "$OUT/smi-$name.txt" 2>&1; local rc=$?
  echo "nvidia-smi $* -> rc $rc in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}
echo "== nvidia-smi, as discovery asks"
smi query-gpu --query-gpu=index,pci.bus_id,name,memory.total,mig.mode.current --format=csv,noheader,nounits
smi mig-lgip mig -lgip
smi topo-m topo -m
smi q -q
cat "$OUT/smi-query-gpu.txt" "$OUT/smi-mig-lgip.txt" "$OUT/smi-topo-m.txt"

echo "== sysfs snapshot"
snap=/tmp/snap; rm -rf $snap
copy() { for f in "$@"; do [ -e "$f" ] && mkdir -p "$snap$(dirname "$f")" && cat "$f" > "$snap$f"; done; return 0; }
copy /proc/meminfo /proc/cpuinfo /proc/sys/kernel/hostname /sys/devices/system/cpu/online
copy /sys/devices/system/cpu/cpu0/topology/{thread_siblings_list,package_cpus_list,core_siblings_list}
for node in /sys/devices/system/node/node*; do copy $node/cpulist $node/meminfo; done
for dev in /sys/bus/pci/devices/*; do
  echo "$(basename $dev) vendor=$(cat $dev/vendor) device=$(cat $dev/device) class=$(cat $dev/class) driver=$(basename "$(readlink $dev/driver)" 2>/dev/null)"
  [ "$(cat $dev/vendor)" = 0x10de ] || continue
  d=/sys/bus/pci/devices/$(basename $dev)
  copy $d/{vendor,device,class,numa_node,subsystem_vendor,subsystem_device}
  for link in iommu_group physfn; do
    [ -L $d/$link ] && ln -s "$(readlink $d/$link)" "$snap$d/$link" && echo "  $link -> $(readlink $d/$link)"
  done
  [ -d $d/mdev_supported_types ] && for t in $d/mdev_supported_types/*; do copy $t/{name,available_instances,device_api}; done
  ls $d | tr '\n' ' '; echo
done
tar -C $snap -czf "$OUT/sysfs.tar.gz" .

echo "== the agent's discovery on this host"
.devcarry/jre/bin/java -cp ".devcarry/classes:.devcarry/lib/*:.devcarry/probe" DiscoveryProbe /
echo "== the agent's discovery on the snapshot (same answer expected, nvidia-smi still live)"
.devcarry/jre/bin/java -cp ".devcarry/classes:.devcarry/lib/*:.devcarry/probe" DiscoveryProbe $snap
