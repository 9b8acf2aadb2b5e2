#!/usr/bin/env bash
# The watchdog's cost: the same idle foreground daemon (the fixture, its health check passing)
# three times side by side, with no watchdog, with WatchdogSec=30s and with WatchdogSec=2s (a
# notify socket of this script's own counts the WATCHDOG=1 it hears); over SECONDS, each one's CPU
# time (utime + stime, /proc/PID/stat) and its threads' context switches, a wakeup each at least
# (see BENCHMARKS.md).
# Usage: bench/watchdog.sh [SECONDS]   (JAVA_HOME picks the JDK; default: the one on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests verify
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
seconds=${1:-60}
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
cp="target/classes:target/test-classes:$(cat target/runtime-classpath.txt)"
python3 -c '
import socket, sys, collections
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1])
heard = collections.Counter()
while True:
    d = s.recv(4096).decode()
    heard[d.split("\n")[0]] += 1
    open(sys.argv[1] + ".heard", "w").write(repr(dict(heard)))
' "$work/notify" &
pids+=($!)
for usec in none 30000000 2000000; do
  mkdir "$work/$usec"
  watchdog=()
  [ "$usec" = none ] || watchdog=(WATCHDOG_USEC="$usec")
  check=()
  [ "$usec" = none ] || check=(watchdog=1000 hang="$work/never")
  env NOTIFY_SOCKET="$work/notify" "${watchdog[@]}" "$java" -cp "$cp" io.github.daemoniker.it.fixtures.FixtureDaemon \
    pidfile="$work/$usec/pid" report="$work/$usec/report" "${check[@]}" > "$work/$usec/out" 2>&1 &
  pids+=($!)
done
until [ -f "$work/none/report" ] && [ -f "$work/30000000/report" ] && [ -f "$work/2000000/report" ]; do sleep 0.2; done
sleep 3   # past the JIT's first work
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
switches() { cat /proc/"$1"/task/*/status | awk '/ctxt_switches/ {n += $2} END {print n}'; }
declare -A cpu0 sw0
for i in 1 2 3; do p=${pids[$i]}; cpu0[$p]=$(ticks "$p"); sw0[$p]=$(switches "$p"); done
sleep "$seconds"
hz=$(getconf CLK_TCK)
echo "over $seconds s, $("$java" -version 2>&1 | head -1), $(nproc) cores:"
names=("" "no watchdog" "WatchdogSec=30s" "WatchdogSec=2s")
for i in 1 2 3; do
  p=${pids[$i]}
  awk -v n="${names[$i]}" -v c=$(( $(ticks "$p") - cpu0[$p] )) -v s=$(( $(switches "$p") - sw0[$p] )) -v hz="$hz" \
    -v t="$seconds" 'BEGIN { printf "  %-16s CPU %6.1f ms/min   context switches %6.1f /min\n", n, c * 1000 / hz * 60 / t, s * 60 / t }'
done
echo "  heard on the notify socket: $(cat "$work/notify.heard")"
