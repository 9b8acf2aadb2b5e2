#!/usr/bin/env bash
# The start benchmark: the whole start command against a bare JVM, the floor of a relaunching
# design, akuma, jsvc, setsid and start-stop-daemon, interleaved (see BENCHMARKS.md).
# Also: the library and a program as jars, with no argument and with four plain arguments and a log.
# Usage: bench/start.sh [ROUNDS]   (JAVA_HOME picks the JDK; default: the one on PATH)
# akuma comes from Maven Central (bench/akuma/pom.xml); jsvc from Debian (apt-get install jsvc):
# a peer that cannot be had is left out, and said so.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests verify
mvn -B -q -f bench/akuma/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/target/bench-akuma" \
  || echo "akuma could not be fetched: it is left out" >&2
# absolute: akuma's daemon moves to / before its JVM reads the class path
akuma=$(ls "$PWD"/target/bench-akuma/*.jar 2>/dev/null | paste -sd: || true)
jsvc=""
if [ -x /usr/bin/jsvc ] && [ -f /usr/share/java/commons-daemon.jar ]; then
  jsvc=/usr/share/java/commons-daemon.jar
else
  echo "jsvc is not installed (apt-get install jsvc): it is left out" >&2
fi
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
  io.github.daemoniker.it.bench.StartBenchmark target "${1:-20}" "$akuma" "$jsvc"
