#!/usr/bin/env bash
# bench/network/run.sh: provider ranking per lookup (native, as the server routes, and WebAssembly
# under node, as the widget ranks) for the demo network and a generated 10,000-provider directory,
# and the bytes the network adds to the bundle; writes bench/network/RESULTS.part.md.
# (-sSINGLE_FILE: node 20 has fetch(), which this emscripten then tries on a file path.)
# Needs the native build (build/native: the CLI and ketascreen_zipdata) and emscripten + node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT=bench/network/RESULTS.part.md
BUILD=build/bench-network
mkdir -p "$BUILD"
KS=build/native/tools/ketascreen
[ -x "$KS" ] || { echo "bench/network: build the native tree first (cmake --build build/native)" >&2; exit 1; }

# Bundles with and without the network, to measure what it adds (raw and gzip -9).
"$KS" bundle content -o "$BUILD/with.json" 2>/dev/null
cp -r content "$BUILD/single" 2>/dev/null || true
rm -rf "$BUILD/single" && cp -r content "$BUILD/single" && rm "$BUILD/single/providers.json"
"$KS" bundle "$BUILD/single" -o "$BUILD/without.json" 2>/dev/null

core_sources=(core/src/*.cpp)
zip_rows=build/native/core/zip_centroid_rows.cpp
[ -f "$zip_rows" ] || { echo "bench/network: $zip_rows missing (build ketascreen_zipdata)" >&2; exit 1; }
echo "bench/network: native build" >&2
c++ -std=c++17 -O2 -DNDEBUG -DKETASCREEN_BENCH_ZIPDATA -Icore/include -Icore/zipdata/include -Icore/zipdata \
  bench/network/rank_bench.cpp "${core_sources[@]}" core/zipdata/zip_centroids.cpp "$zip_rows" -o "$BUILD/rank_native"
echo "bench/network: wasm build" >&2
# shellcheck source=scripts/emenv.sh
. scripts/emenv.sh
em++ -std=c++17 -O2 -DNDEBUG -Icore/include bench/network/rank_bench.cpp "${core_sources[@]}" \
  -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sSINGLE_FILE=1 -o "$BUILD/rank_wasm.js" 2>/dev/null

"$BUILD/rank_native" "$BUILD/with.json" >"$BUILD/results.jsonl"
node "$BUILD/rank_wasm.js" "$BUILD/with.json" >>"$BUILD/results.jsonl"

python3 - "$BUILD" "$OUT" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "$(node --version)" <<'PY'
import gzip, json, sys
build, out, commit, date, load, node = sys.argv[1:]
rows = [json.loads(l) for l in open(f"{build}/results.jsonl")]
w, wo = open(f"{build}/with.json", "rb").read(), open(f"{build}/without.json", "rb").read()
net = json.loads(w)["network"]
prefixes = json.dumps(net["prefixes"], separators=(",", ":")).encode()
gz = lambda b: len(gzip.compress(b, 9))
L = ["## Provider network: ranking and bundle bytes", "",
     f"Commit `{commit}`, {date}; load average {load}. Command: `bench/network/run.sh` (bench/network/rank_bench.cpp, "
     f"built with `c++ -O2` and with `em++ -O2`, the latter run under node {node}, the V8 of Chromium). "
     "The demo network is the shipped `content/providers.json`; the generated directory has 10,000 providers at "
     "fixed-seed random places in the contiguous US (a third with telehealth). Each figure is the mean over many "
     "lookups (200,000 for the demo network, 300 for 10,000 providers); a lookup ranks the 5 nearest (the widget) "
     "or the 1 nearest (the server's route).", "",
     "| side | what | providers | per lookup |", "|---|---|---:|---:|"]
for r in rows:
    us = r["us_per_lookup"]
    L.append(f"| {r['side']} | {r['what']} | {r['providers']:,} | {us:,.2f} µs |" if us < 1000 else
             f"| {r['side']} | {r['what']} | {r['providers']:,} | {us/1000:,.2f} ms |")
L += ["", "What the network adds to the bundle (`content.json`):", "",
      "| | raw | gzip -9 |", "|---|---:|---:|",
      f"| bundle without providers.json | {len(wo):,} B | {gz(wo):,} B |",
      f"| bundle with the demo network ({len(net['providers'])} providers, {len(net['prefixes'])} prefixes) | {len(w):,} B | {gz(w):,} B |",
      f"| added | {len(w)-len(wo):,} B | {gz(w)-gz(wo):,} B |",
      f"| of which the 3-digit prefix table alone | {len(prefixes):,} B | {gz(prefixes):,} B |", ""]
open(out, "w").write("\n".join(L) + "\n")
print(f"wrote {out}", file=sys.stderr)
PY
cat "$OUT"
