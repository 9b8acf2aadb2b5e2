#!/usr/bin/env bash
# The daemonize benchmark: builds, then prints medians and ratios (see BENCHMARKS.md).
# Usage: bench/daemonize.sh [RUNS]   (JAVA_HOME picks the JDK; default: the one on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests verify
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
  io.github.daemoniker.it.bench.DaemonizeBenchmark target "${1:-30}"
