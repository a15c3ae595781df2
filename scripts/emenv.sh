# shellcheck shell=bash
# Source me (". scripts/emenv.sh"): points emscripten at KetaScreen's writable cache and
# tells build scripts where the cached WebAssembly SDL2 lives. Made by bootstrap-deps.sh.
KETASCREEN_CACHE="${KETASCREEN_CACHE:-$HOME/.cache/ketascreen}"
export KETASCREEN_CACHE
# Debian's emscripten config freezes its cache under /usr/share; use a writable copy instead.
export EM_CACHE="$KETASCREEN_CACHE/emcache"
# The config file says FROZEN_CACHE = True; an empty EM_FROZEN_CACHE overrides it to false.
export EM_FROZEN_CACHE=""
# emcc's JS optimizer imports acorn, which Debian ships under /usr/share/nodejs.
export NODE_PATH=/usr/share/nodejs
# The SDL2 build is keyed by its options and the emscripten version (LTO bitcode is compiler-specific).
_ks_scripts="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)"
# (Not there yet on a fresh machine, before bootstrap-deps.sh installs emscripten: empty then.)
_ks_emver="$(tr -d '"\n' 2>/dev/null </usr/share/emscripten/emscripten-version.txt || true)"
_ks_key="$( { cat "$_ks_scripts/sdl2-wasm-options.cmake"; echo "$_ks_emver"; } | sha256sum | cut -c1-12)"
export SDL2_WASM_DIR="$KETASCREEN_CACHE/sdl2-wasm-2.26.5-$_ks_key"
unset _ks_scripts _ks_emver _ks_key
