# shellcheck shell=bash
# Source me (". scripts/emenv.sh"): points emscripten at KetaScreen's writable cache (made by
# bootstrap-deps.sh).
KETASCREEN_CACHE="${KETASCREEN_CACHE:-$HOME/.cache/ketascreen}"
export KETASCREEN_CACHE
# Debian's emscripten config freezes its cache under /usr/share; use a writable copy instead.
export EM_CACHE="$KETASCREEN_CACHE/emcache"
# The config file says FROZEN_CACHE = True; an empty EM_FROZEN_CACHE overrides it to false.
export EM_FROZEN_CACHE=""
# emcc's JS optimizer imports acorn, which Debian ships under /usr/share/nodejs.
export NODE_PATH=/usr/share/nodejs
