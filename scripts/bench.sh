#!/usr/bin/env bash
# The benchmarks (not part of the test suite): installs what is missing, builds what is missing,
# runs the web comparison (KetaScreen vs SurveyJS vs LHC-Forms in headless Chromium, bench/web/),
# the core micro-benchmarks (bench/core/run.sh, when present), provider ranking (bench/network/run.sh)
# and the referral server's load test
# (bench/server/run.sh: wrk against SQLite and PostgreSQL), then writes bench/RESULTS.md and
# bench/results.png.
#   usage: scripts/bench.sh [--web-only | --no-web | --server-only]
# Environment: BENCH_RUNS (cold loads per variant, default 5), BENCH_LH_RUNS (Lighthouse runs per
# page, default 3; 0 skips Lighthouse), BENCH_LH_PRESET (mobile, default, or desktop),
# BENCH_ONLY (comma-separated variants: none,ketascreen,ketascreen-main,ketascreen-html,surveyjs,
# lhcforms; keep none for the "minus the host page alone" figures).
# It builds dist/ (./build-wasm.sh) and the native CLI only when they are missing: rebuild them
# yourself first to measure fresh changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

web=1 core=1 server=1
case "${1:-}" in
  "") ;;
  --web-only) core=0 server=0 ;;
  --no-web) web=0 ;;
  --server-only) web=0 core=0 ;;
  -h|--help) sed -n 2,14p "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--web-only | --no-web | --server-only]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }
started=$(date +%s)
status=0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
  local missing=() p
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bench: installing Debian packages: ${missing[*]}"
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

if [ "$web" -eq 1 ]; then
  step "dependencies"
  [ -x /usr/bin/chromium ] || apt_install chromium
  command -v node >/dev/null || apt_install nodejs
  command -v npm >/dev/null || apt_install npm

  step "builds (only what is missing)"
  CLI=build/native/tools/ketascreen
  if [ ! -x "$CLI" ]; then
    scripts/bootstrap-deps.sh --native
    cmake --preset native >/dev/null
    cmake --build build/native -j2 --target ketascreen
  fi
  if ! ls dist/ketascreen-*.wasm >/dev/null 2>&1 || [ ! -f dist/content.json ] || ! ls dist/ketascreen-*-glue.js >/dev/null 2>&1; then
    ./build-wasm.sh
  fi
  echo "bench: CLI $CLI, widget $(ls dist/ketascreen-*.wasm)"

  step "npm ci in bench/ (SurveyJS, LHC-Forms, Lighthouse, playwright-core)"
  # npm ci wipes node_modules, so run it only when the lock file changed since the last time.
  stamp=bench/node_modules/.bench-lock.sha256
  want=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    # No install scripts are needed (the peers ship built files; playwright-core downloads no browser).
    (cd bench && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  else
    echo "bench: bench/node_modules is up to date"
  fi

  step "web comparison (BENCH_RUNS=${BENCH_RUNS:-5}, BENCH_LH_RUNS=${BENCH_LH_RUNS:-3})"
  node bench/web/gen.mjs "$ROOT" "$ROOT/$CLI"
  if ! CHROME_PATH=/usr/bin/chromium node bench/web/run.mjs; then
    echo "bench: the web comparison failed" >&2
    status=1
  fi
fi

if [ "$core" -eq 1 ]; then
  if [ -x bench/core/run.sh ]; then
    step "core micro-benchmarks (bench/core/run.sh)"
    bench/core/run.sh || { echo "bench: bench/core/run.sh failed" >&2; status=1; }
  else
    echo "bench: bench/core/run.sh is missing or not executable: no core micro-benchmarks"
  fi
fi

if [ "$core" -eq 1 ]; then
  step "provider network ranking and bundle bytes (bench/network/run.sh)"
  bench/network/run.sh >/dev/null || { echo "bench: bench/network/run.sh failed" >&2; status=1; }
fi

if [ "$server" -eq 1 ]; then
  step "referral server load (bench/server/run.sh)"
  bench/server/run.sh || { echo "bench: bench/server/run.sh failed" >&2; status=1; }
fi

step "bench/RESULTS.md"
if [ -f bench/out/web-results.json ] && [ -d bench/node_modules/playwright-core ]; then
  node bench/web/report.mjs || status=1
else
  echo "bench: no web results yet (bench/out/web-results.json): run scripts/bench.sh without --no-web" >&2
  status=1
fi

echo "bench: done in $(( $(date +%s) - started )) s"
exit "$status"
