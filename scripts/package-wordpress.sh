#!/usr/bin/env bash
# Builds dist/ketascreen-wordpress-<version>.zip: the WordPress plugin (integrations/wordpress/
# ketascreen) with the widget's release files in its widget/ folder and widget/manifest.json
# (version, loader file, the loader's SHA-384), installable from wp-admin's "Upload Plugin".
#   usage: scripts/package-wordpress.sh <dist-dir> <version>   (build-wasm.sh calls it)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$(cd "${1:?usage: $0 <dist-dir> <version>}" && pwd)" version="${2:?usage: $0 <dist-dir> <version>}"
src="$ROOT/integrations/wordpress/ketascreen"
loader="ketascreen-$version.js"
for f in "$loader" "ketascreen-$version-glue.js" "ketascreen-$version-overlay.js" "ketascreen-$version.wasm"; do
  [ -f "$dist/$f" ] || { echo "package-wordpress: $dist/$f is missing" >&2; exit 1; }
done
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -a "$src" "$stage/ketascreen"
cp "$dist/$loader" "$dist/ketascreen-$version-glue.js" "$dist/ketascreen-$version-overlay.js" \
   "$dist/ketascreen-$version.wasm" "$stage/ketascreen/widget/"
integrity="$(python3 -c 'import base64, hashlib, sys; print("sha384-" + base64.b64encode(hashlib.sha384(open(sys.argv[1], "rb").read()).digest()).decode())' "$dist/$loader")"
printf '{"version": "%s", "loader": "%s", "integrity": "%s"}\n' "$version" "$loader" "$integrity" \
  >"$stage/ketascreen/widget/manifest.json"
# The plugin's version is the widget's.
sed -i -e "s/^\( \* Version: *\).*/\1$version/" \
    -e "s/define( 'KETASCREEN_VERSION', '[^']*' )/define( 'KETASCREEN_VERSION', '$version' )/" "$stage/ketascreen/ketascreen.php"
sed -i "s/^Stable tag: .*/Stable tag: $version/" "$stage/ketascreen/readme.txt"
out="$dist/ketascreen-wordpress-$version.zip"
rm -f "$out"
(cd "$stage" && python3 - "$out" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for top, dirs, files in os.walk('ketascreen'):
        dirs.sort()
        z.write(top)
        for f in sorted(files):
            z.write(os.path.join(top, f))
PY
)
echo "package-wordpress: $out ($(stat -c %s "$out") bytes)"
