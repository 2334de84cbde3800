#!/bin/sh
# Framing benchmark (not run in CI): raw UNIX-socket I/O against our Cap'n Proto framing, everything
# pinned to one CPU so that wake-ups do not cross CPUs. Needs the module's dependencies built once:
#   mvn -B -pl bundles/ipc-capnp -am install -DskipTests
# Usage: bundles/ipc-capnp/bench/framing-bench.sh   (CPU=1 to pin elsewhere)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec taskset -c "${CPU:-0}" java -Xms256m -Xmx256m -XX:+UseSerialGC \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.btcmp.ipc.capnp.bench.FramingBenchmark
