#!/usr/bin/env bash
# Benchmarks the gateway against a mock upstream, beside the direct path (and optionally a peer gateway),
# in one run on this machine. Usage: bench/run.sh [--quick] [--peer portkey] [--no-native] [--only keys|tracing] [--baseline-jar JAR]
# Writes a Markdown report under bench/results/ and prints it. See docs/benchmarks.md for the method.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v h2load >/dev/null || need+=(nghttp2-client)
command -v nginx >/dev/null || need+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ] || need+=(libnginx-mod-http-echo)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  echo "[bench] installing ${need[*]} from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "[bench] building the jar"
  ./mvnw -B -q package -DskipTests
fi

exec python3 bench/bench.py "$@"
