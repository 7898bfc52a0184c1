#!/bin/bash
# Builds .devcarry/ in the repository root for capture.sh: a small Java runtime (jlink), the compute agent's and
# common's classes, the few jars discovery needs, and the compiled probe. Run after `mvn install -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/../.."
grep -qx '/.devcarry/' .git/info/exclude 2>/dev/null || echo '/.devcarry/' >> .git/info/exclude
rm -rf .devcarry && mkdir -p .devcarry/classes .devcarry/lib .devcarry/probe
jlink --add-modules java.base,java.logging,java.xml,java.naming,java.management \
      --strip-debug --no-header-files --no-man-pages --compress=2 --output .devcarry/jre
cp -r compute-agent/target/classes/. common/target/classes/. .devcarry/classes/
mvn -B -q dependency:build-classpath -pl compute-agent -Dmdep.outputFile=/tmp/agentcp.txt
tr ':' '\n' < /tmp/agentcp.txt | grep -E '/(slf4j-api|logback-classic|logback-core)-[0-9.]+\.jar$' \
  | xargs -I{} cp {} .devcarry/lib/
javac -d .devcarry/probe -cp ".devcarry/classes:.devcarry/lib/*" deploy/device-check/DiscoveryProbe.java
du -sh .devcarry
