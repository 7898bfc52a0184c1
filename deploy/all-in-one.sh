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
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
