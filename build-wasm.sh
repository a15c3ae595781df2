#!/usr/bin/env bash
# Builds dist/: the WebAssembly widget, its loader, the content bundle and the demo pages.
#   ./build-wasm.sh          build (installing whatever is missing first)
#   ./build-wasm.sh serve    build, then run the demo clinic until Ctrl-C: ketascreen-server on
#                            http://127.0.0.1:8080 serves dist/, takes the demo pages' referrals and
#                            serves the intake inbox (scripts/serve-demo.sh; --port N to move it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT="$PWD"
DIST="${KETASCREEN_DIST_OUT:-$ROOT/dist}"  # another folder: a second build while tests use dist/

mode="${1:-build}"
[ $# -gt 0 ] && shift
case "$mode" in build|serve) ;; *) echo "usage: $0 [serve [--port N]]" >&2; exit 2 ;; esac
[ "$mode" = serve ] || [ $# -eq 0 ] || { echo "usage: $0 [serve [--port N]]" >&2; exit 2; }

step() { echo "== $*"; }

scripts/bootstrap-deps.sh --native --wasm
. scripts/emenv.sh   # EM_CACHE, NODE_PATH, KETASCREEN_CACHE

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
# The bridge between the loader and the widget (web/src/bridge.hpp), printed by a native tool:
# the names web/src/host.js reads and the wasm's exports.
cmake --build build/native --target ketascreen-bridge >/dev/null
# -Oz -flto on every object (core, ImGui, widgets) so link-time optimisation spans all of them.
cmake --preset wasm -DKETASCREEN_CACHE_DIR="$KETASCREEN_CACHE" \
  -DKETASCREEN_BRIDGE="$(build/native/web/ketascreen-bridge)" \
  -DKETASCREEN_WASM_EXPORTS="$(build/native/web/ketascreen-bridge --exports)" \
  -DCMAKE_C_FLAGS_MINSIZEREL="-Oz -flto -DNDEBUG" -DCMAKE_CXX_FLAGS_MINSIZEREL="-Oz -flto -DNDEBUG" >/dev/null
cmake --build build/wasm --target ketascreen_widget -j2

step "dist/"
# Release names carry the version (top-level CMakeLists.txt's project(VERSION)), so a page can pin
# one URL with Subresource Integrity; the loader carries the SHA-384 of the glue, the wasm and the
# accessibility overlay and has the browser check them, so that one integrity attribute covers all
# four files.
version="$(sed -n 's/^project(ketascreen VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)"
[ -n "$version" ] || { echo "build-wasm: no project(ketascreen VERSION x.y.z) in CMakeLists.txt" >&2; exit 1; }
sri() { python3 -c 'import base64, hashlib, sys; print("sha384-" + base64.b64encode(hashlib.sha384(open(sys.argv[1], "rb").read()).digest()).decode())' "$1"; }
emcc_out=build/wasm/web/emcc
loader="ketascreen-$version.js" glue="ketascreen-$version-glue.js" wasm="ketascreen-$version.wasm"
overlay="ketascreen-$version-overlay.js"
rm -f "$DIST"/ketascreen-*.js "$DIST"/ketascreen-*.wasm "$DIST"/ketascreen-glue.js "$DIST"/ketascreen.wasm
# binaryen's -Oz once more over the finished wasm, repeated until nothing shrinks: emcc's own
# wasm-opt runs leave about 0.9 KB gzip that this removes (the first-visit budget is that tight).
wasm-opt -Oz --converge --detect-features "$emcc_out/ketascreen.wasm" -o "$DIST/$wasm"
# The glue, the overlay and the loader are minified with terser (Debian's package; the budgets
# count every byte, and web/overlay.js and web/ketascreen.js are the commented sources). Debian's
# terser finds its modules in /usr/share/nodejs, which a Node.js from elsewhere does not search.
minify() { NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" terser --compress --mangle "$@"; }
# emscripten's ES-module glue: emcc only strips its whitespace (no Closure Compiler here), so its
# local names are long; mangling them saves about a third of its gzip size (12.7 -> 8.7 KB). The
# wasm's imports and the Module["..."] calls are string keys, which terser leaves alone.
minify --module -o "$DIST/$glue" "$emcc_out/ketascreen.js"
minify --module -o "$DIST/$overlay" web/overlay.js
sed -e "s|@KETASCREEN_VERSION@|$version|g" \
    -e "s|@KETASCREEN_GLUE_SRI@|$(sri "$DIST/$glue")|g" \
    -e "s|@KETASCREEN_WASM_SRI@|$(sri "$DIST/$wasm")|g" \
    -e "s|@KETASCREEN_OVERLAY_SRI@|$(sri "$DIST/$overlay")|g" web/ketascreen.js | minify -o "$DIST/$loader"
if grep -q '@KETASCREEN_' "$DIST/$loader"; then echo "build-wasm: unfilled placeholder in $loader" >&2; exit 1; fi
cp "$DIST/$loader" "$DIST/ketascreen.js"      # unversioned alias (always the latest) for the demo pages
cp web/demo/* "$DIST/"
scripts/package-wordpress.sh "$DIST" "$version"  # the WordPress plugin with these files inside

scripts/check-budgets.sh --warn-only "$DIST"  # the test suite runs it strictly

echo
echo "Embed snippet (pinned release, Subresource Integrity):"
echo "  <script src=\"https://YOUR-CDN/ketascreen/$loader\" async crossorigin=\"anonymous\""
echo "          integrity=\"$(sri "$DIST/$loader")\""
echo "          data-content=\"https://YOUR-SITE/ketascreen/content.json\" data-target=\"#ketamine-check\"></script>"

if [ "$mode" = serve ]; then
  step "referral server"
  cmake --build build/native --target ketascreen-server
  step "serving the demo clinic (Ctrl-C stops); pages: index.html, csp.html, two-widgets.html, broken.html"
  exec scripts/serve-demo.sh "$@"
fi
