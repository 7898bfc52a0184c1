#!/usr/bin/env bash
# Starts the whole GPU cloud in one JVM, with embedded PostgreSQL and AMQP broker unless CLOUD_DB_URL /
# CLOUD_AMQP_URL name existing ones. Environment variables: see deploy/src/main/java/io/gpucloud/deploy/Settings.java.
# Usage: deploy/all-in-one.sh [--rebuild]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/deploy/target/gpucloud-all-in-one.jar"
rebuild=false
if [[ "${1:-}" == "--rebuild" ]]; then
  rebuild=true
  shift
fi
if [[ "$rebuild" == true || ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
export CLOUD_SIMULATED_HOSTS="${CLOUD_SIMULATED_HOSTS-$root/deploy/hosts}"
# C1 only: every service shares this one JVM, so C2 kept compiling (and deoptimising: one phase's hot paths
# undo another's speculations) for thousands of servers, ~30 % of the JVM's CPU; C1 alone reached the same
# throughput after a few hundred (docs/benchmarks.md, "one JVM, which JIT"). CLOUD_JIT_OPTS= (empty) restores
# the JVM's default tiered compilation.
jit_opts="${CLOUD_JIT_OPTS--XX:TieredStopAtLevel=1}"
exec java $jit_opts ${JAVA_OPTS:-} -jar "$jar" "$@"
