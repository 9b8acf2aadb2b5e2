#!/usr/bin/env bash
# The demo: builds what it needs (once), then starts the heartbeat daemon of examples/Heartbeat.java.
# Usage: ./demo.sh [RUN_DIRECTORY, default ./demo-run]
set -euo pipefail
cd "$(dirname "$0")"
./daemoniker --version > /dev/null   # builds target/daemoniker-cli.jar the first time
exec java --enable-native-access=ALL-UNNAMED -cp target/daemoniker-cli.jar examples/Heartbeat.java "${1:-demo-run}"
