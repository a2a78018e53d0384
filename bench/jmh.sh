#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (SSE decoding, OpenAI mapping) from the test tree.
# Usage: bench/jmh.sh [JMH options, e.g. -f 1 -wi 3 -i 5 SseDecoder]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.classpath
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
exec java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "${args[@]}"
