#!/bin/sh
# Proxy benchmark (not run in CI): a direct call, ipc-local, a thread-mapped generated ProxyClient echo (one
# JVM over a socket pair, and to a second JVM) against the raw JDK UNIX-socket ping-pong, and the delay from
# SIGKILL of the peer to the caller's IpcException. Everything, including the second JVM, pinned to one CPU.
# Needs the module's tests compiled (its generated test proxies too):
#   mvn -B -o -pl bundles/ipc-capnp -am verify -DskipTests
# Usage: bundles/ipc-capnp/bench/proxy-bench.sh   (CPU=1 to pin elsewhere)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec taskset -c "${CPU:-0}" java -Xms256m -Xmx256m -XX:+UseSerialGC \
  -cp "target/test-classes:target/classes:../interfaces/target/classes:../ipc-api/target/classes:../ipc-local/target/classes:../../wrappers/capnproto-runtime/target/classes:$(cat target/bench.classpath)" \
  org.btcmp.ipc.capnp.proxy.ProxyBenchmark
