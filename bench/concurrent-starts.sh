#!/usr/bin/env bash
# bench/concurrent-starts.sh [N] [ROUNDS]: N original processes start a daemon on one pid file at
# once (the fixture FixtureDaemon, class path mode); prints, per round, how long the slowest and
# the median parent took, and how many succeeded (exactly one must). Also the time of one start
# alone, in the same run, as the yardstick. Builds first unless BUILT=1.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40}
rounds=${2:-3}
[ "${BUILT:-0}" = 1 ] || mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile >/dev/null
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
cp="$PWD/target/classes:$PWD/target/test-classes:$(cat target/runtime-classpath.txt)"

start() { # DIR I: one parent, its seconds and exit status in DIR/tI
  local s e
  s=$(date +%s%N)
  "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.github.daemoniker.it.fixtures.FixtureDaemon \
    "pidfile=$1/d.pid" "report=$1/r$2" timeout=120000 >"$1/out$2" 2>&1 && e=0 || e=$?
  echo "$(( ($(date +%s%N) - s) / 1000000 )) $e" >"$1/t$2"
}

stop() { # DIR: ends the daemon of the round
  [ -s "$1/d.pid" ] && kill "$(cat "$1/d.pid")" 2>/dev/null || true
  for _ in $(seq 100); do [ -e "$1/d.pid" ] || break; sleep 0.05; done
}

echo "$("$java" -version 2>&1 | head -n 1), $(nproc) cores, N=$n"
for round in $(seq "$rounds"); do
  d=$(mktemp -d)
  start "$d" alone; stop "$d"; rm -f "$d"/r* "$d"/out*
  alone=$(cut -d' ' -f1 "$d/talone")
  for i in $(seq "$n"); do start "$d" "$i" & done
  wait
  stop "$d"
  sort -n "$d"/t[0-9]* | awk -v alone="$alone" -v round="$round" '{t[NR]=$1; ok+=($2==0)}
    END {printf "round %d: one alone %d ms; %d at once: median %d ms, slowest %d ms (%.1f x alone), %d succeeded\n",
         round, alone, NR, t[int((NR+1)/2)], t[NR], t[NR]/alone, ok}'
  rm -rf "$d"
done
