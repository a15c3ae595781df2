#!/usr/bin/env bash
# Builds dist/: the WebAssembly widget, its loader, the content bundle and the demo page.
#   ./build-wasm.sh          build (installing whatever is missing first)
#   ./build-wasm.sh serve    build, then serve dist/ on http://127.0.0.1:8080 until Ctrl-C
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
DIST="$ROOT/dist"

mode="${1:-build}"
case "$mode" in build|serve) ;; *) echo "usage: $0 [serve]" >&2; exit 2 ;; esac

step() { echo "== $*"; }

scripts/bootstrap-deps.sh --native --wasm
. scripts/emenv.sh   # EM_CACHE, NODE_PATH, SDL2_WASM_DIR, KETASCREEN_CACHE

step "native ketascreen CLI"
cmake --preset native -DKETASCREEN_CACHE_DIR="$KETASCREEN_CACHE" >/dev/null
mkdir -p "$DIST"
if cmake --build build/native --target ketascreen; then
  step "content bundle"
  build/native/tools/ketascreen bundle content -o "$DIST/content.json"
else
  # Keep going: the widget still builds, and the demo then shows its fallback.
  echo "build-wasm: warning: the native 'ketascreen' CLI did not build; dist/content.json not made" >&2
fi

step "WebAssembly widget"
# -Oz -flto on every object (core, ImGui, widgets) so link-time optimisation spans all of them.
cmake --preset wasm -DKETASCREEN_CACHE_DIR="$KETASCREEN_CACHE" -DSDL2_WASM_DIR="$SDL2_WASM_DIR" \
  -DCMAKE_C_FLAGS_MINSIZEREL="-Oz -flto -DNDEBUG" -DCMAKE_CXX_FLAGS_MINSIZEREL="-Oz -flto -DNDEBUG" >/dev/null
cmake --build build/wasm --target ketascreen_widget -j2

step "dist/"
emcc_out=build/wasm/web/emcc
cp web/ketascreen.js "$DIST/ketascreen.js"                # the loader pages include
cp "$emcc_out/ketascreen.js" "$DIST/ketascreen-glue.js"   # emscripten's ES-module glue
cp "$emcc_out/ketascreen.wasm" "$DIST/ketascreen.wasm"
cp web/demo/* "$DIST/"

total=0
printf '%-22s %10s %10s\n' file bytes gzip
for f in ketascreen.js ketascreen-glue.js ketascreen.wasm content.json; do
  [ -f "$DIST/$f" ] || continue
  raw=$(stat -c %s "$DIST/$f")
  gz=$(gzip -9 -c "$DIST/$f" | wc -c)
  total=$((total + gz))
  printf '%-22s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-22s %10s %10d  (budget 250 KB = 256000; fonts not counted yet)\n' "first visit" "" "$total"

if [ "$mode" = serve ]; then
  step "serving $DIST on http://127.0.0.1:8080 (Ctrl-C stops)"
  exec python3 scripts/serve.py "$DIST" --port 8080
fi
