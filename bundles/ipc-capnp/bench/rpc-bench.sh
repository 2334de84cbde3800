#!/bin/sh
# RPC benchmark (not run in CI): our Cap'n Proto RPC (Java <-> Java, Java -> C++) and the C++ library
# (C++ <-> C++, two processes) against a raw JDK UNIX-socket channel; everything, including the C++
# processes it starts, pinned to one CPU so that wake-ups do not cross CPUs. Needs g++, libcapnp-dev
# and capnproto, and the module's dependencies built once:
#   mvn -B -pl bundles/ipc-capnp -am install -DskipTests
# Usage: bundles/ipc-capnp/bench/rpc-bench.sh   (CPU=1 to pin elsewhere)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
# Large Data in the C++ processes: keep glibc from mapping and unmapping every 1 MiB buffer.
export GLIBC_TUNABLES=glibc.malloc.mmap_threshold=268435456
exec taskset -c "${CPU:-0}" java -Xms256m -Xmx256m -XX:+UseSerialGC \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.btcmp.ipc.capnp.rpc.RpcBenchmark
