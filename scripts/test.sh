#!/usr/bin/env bash
# The one test command (README, CI): installs what is missing, builds every flavour and runs every
# test through one ctest run, whose summary is printed last.
#   native  unit tests (doctest) + CLI tests
#   asan    the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz    libFuzzer targets (bundle, article, FHIR/answers, referral form, content files, server requests), bounded in time
#   wasm    the WebAssembly widget in dist/, loaded in headless Chromium
# Environment: KETASCREEN_FUZZ_SECONDS (default 30), KETASCREEN_SKIP_WASM=1 to leave out the
# WebAssembly build and browser tests while iterating on the core.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }
jobs=$(nproc 2>/dev/null || echo 2)

step "dependencies"
if [ "${KETASCREEN_SKIP_WASM:-0}" = 1 ]; then
  scripts/bootstrap-deps.sh --native
else
  scripts/bootstrap-deps.sh
fi

step "native build"
cmake --preset native -DKETASCREEN_REQUIRE_WIDGETS=ON >/dev/null
cmake --build build/native -j"$jobs"

step "asan build"
cmake --preset asan >/dev/null
cmake --build build/asan -j"$jobs" --target ketascreen_tests

step "fuzz build"
cmake --preset fuzz >/dev/null
cmake --build build/fuzz -j"$jobs" --target fuzz_bundle fuzz_article fuzz_fhir fuzz_referral fuzz_content fuzz_request
# Seed the bundle fuzzer with the real bundle too (made here, not committed: it changes with content).
mkdir -p build/native/fuzz-corpus/bundle
build/native/tools/ketascreen bundle content -o build/native/fuzz-corpus/bundle/content-pack.json 2>/dev/null

dist_dir=""
if [ "${KETASCREEN_SKIP_WASM:-0}" != 1 ]; then
  step "WebAssembly build"
  ./build-wasm.sh
  dist_dir="$ROOT/dist"
fi

step "tests"
cmake --preset native \
  -DKETASCREEN_ASAN_DIR="$ROOT/build/asan" \
  -DKETASCREEN_FUZZ_DIR="$ROOT/build/fuzz" \
  -DKETASCREEN_FUZZ_SECONDS="${KETASCREEN_FUZZ_SECONDS:-30}" \
  -DKETASCREEN_DIST_DIR="$dist_dir" >/dev/null
# ASan's UBSan half should stop at the first report, not scroll past it.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build/native --output-on-failure -j"$jobs"
