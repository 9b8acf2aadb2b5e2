#!/usr/bin/env bash
# The weight benchmark: an idle daemon's resident memory and classes against the same program as a
# plain JVM, the library and the program as jars (see BENCHMARKS.md).
# Usage: bench/weight.sh [ROUNDS]   (JAVA_HOME picks the JDK; default: the one on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests verify
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
  io.github.daemoniker.it.bench.WeightBenchmark target "${1:-5}"
