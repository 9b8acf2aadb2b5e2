#!/usr/bin/env bash
# The signal latency benchmark: builds, then prints the median and p99 from send() returning to
# the handler starting in a real daemon (see BENCHMARKS.md). Usage: bench/signal-latency.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests verify
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" --enable-native-access=ALL-UNNAMED \
  -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
  io.github.daemoniker.it.bench.SignalLatencyBenchmark target "${1:-1000}"
