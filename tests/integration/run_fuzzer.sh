#!/usr/bin/env bash
# run_fuzzer.sh <fuzzer> <work-corpus> <seed-corpus> <seconds>
# Runs a libFuzzer target for a bounded time; fails if it finds a crash.
set -euo pipefail
fuzzer=$1 work=$2 seeds=$3 seconds=$4
mkdir -p "$work" "$work.artifacts"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work.artifacts/" "$work" "$seeds" 2>&1 | tail -n 15
