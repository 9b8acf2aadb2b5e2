#!/usr/bin/env bash
# Windows under Wine 8.0 — not Windows: what a Windows daemon costs, measured on the Windows JVM
# that .ci/windows-suite tests with. In one run: the whole daemonizing command against a bare JVM
# start of the same program, interleaved, ROUNDS each (medians, ratio); the memory of a signal
# sleeper and of its daemon (Linux's view of the Wine processes: VmRSS, RssAnon); and the
# latency from send() returning to the handler starting, through a sleeper. Builds first.
# Usage: bench/wine.sh [ROUNDS] [SIGNALS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
signals=${2:-200}
mvn -B -q -DskipTests package >/dev/null
source .ci/wine-env
dir=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$dir"' EXIT
wdir=$(echo "$dir" | windows)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

echo "$(date +%F), $(nproc) cores, $(wine --version), $(winjava -version 2>&1 | grep -m1 Runtime)"
winjava -cp "$app_cp" io.github.daemoniker.it.fixtures.BenchTarget plain >/dev/null   # warm the prefix
for i in $(seq "$rounds"); do
  s=$(date +%s%N); winjava -cp "$app_cp" io.github.daemoniker.it.fixtures.BenchTarget plain >/dev/null
  ms "$s" >>"$dir/bare"
  s=$(date +%s%N)
  winjava -cp "$app_cp" io.github.daemoniker.it.fixtures.BenchTarget daemonize "$wdir\\b$i.pid" >/dev/null
  ms "$s" >>"$dir/daemonize"
done
bare=$(median <"$dir/bare"); daemonize=$(median <"$dir/daemonize")
echo "bare JVM start (wine java.exe, prints one line): median $bare ms"
echo "daemonize() command, pid file written (javaw relaunch): median $daemonize ms ($(awk -v a="$daemonize" -v b="$bare" 'BEGIN {printf "%.1f", a/b}') x bare)"

winjava -cp "$app_cp" io.github.daemoniker.it.fixtures.SignalDaemon "dir=$wdir" int=mark >/dev/null
for _ in $(seq 100); do [ -s "$dir/daemon.pid.sleeper" ] && break; sleep 0.1; done
sleep 2
rss() { awk '/^VmRSS|^RssAnon/ {printf "%s %s kB  ", $1, $2}' "/proc/$1/status"; }
sleeper=$(ps -eo pid=,args= | awk '/daemoniker.sleeper-of/ && !/awk/ {print $1; exit}')
daemon=$(ps -eo pid=,args= | awk '/javaw/ && /SignalDaemon/ && !/awk/ {print $1; exit}')
echo "sleeper (suspended javaw.exe): $(rss "$sleeper")"
echo "its daemon (javaw.exe, a SignalHandler): $(rss "$daemon")"
winjava -jar "$(echo "$PWD/target/daemoniker-cli.jar" | windows)" stop --pid-file "$wdir\\daemon.pid" --kill >/dev/null

winjava -Ddaemoniker.classpath.file=runtime-classpath-windows.txt -cp "$app_cp" \
  io.github.daemoniker.it.bench.SignalLatencyBenchmark "$(echo "$PWD/target" | windows)" "$signals"
