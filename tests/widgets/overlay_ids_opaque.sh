#!/usr/bin/env bash
# web/overlay.js keeps node ids opaque (issue 16): what it needs to know of a node is in the node's
# fields (widgets/include/ketascreen/widgets/semantics.hpp), never read out of the id's shape. This
# fails on string surgery or a regex on an id (n.id, an element's .k key, t.k), on building an id
# from parts with '/', on comparing an id with a literal, and on a regex literal with an escaped '/' (an id pattern). It first checks
# that it does catch the lines the overlay used to have.
#   usage: overlay_ids_opaque.sh <overlay.js>
set -euo pipefail
overlay="${1:?usage: overlay_ids_opaque.sh <overlay.js>}"
patterns=(
  '\.(id|k)\.(slice|indexOf|lastIndexOf|startsWith|endsWith|split|match|replace|substr|substring|includes|search)\('
  '\.(test|exec|match)\([^)]*\.(id|k)\b'
  '(indexOf|startsWith|includes)\([^)]*\.(id|k) *\+'
  "\\.(id|k) *\\+ *'/"
  '\\/'
  "\\.(id|k) *[!=]==? *['\"\`]"
)
check() { grep -nE "$(IFS='|'; echo "${patterns[*]}")" "$1"; }

# Lines of the overlay before issue 16: each must be caught.
bad="$(mktemp)"
trap 'rm -f "$bad"' EXIT
cat >"$bad" <<'JS'
const isCrisis = (n) => /^crisis\/[^/]+$/.test(n.id) && n.role === 'button';
const group = (n) => n.id.slice(0, n.id.lastIndexOf('/'));
      while (stack.length > 1 && (top.g ? n.role !== 'radio' || group(n) !== top.g : n.id.indexOf(top.pre))) close();
      const kids = next && !next.id.indexOf(n.id + '/') &&
      attr(c, 'aria-describedby', byId[n.id + '/error'] ? ID + n.id + '/error' : null);
    const rec = els.get(t.k), leaves = /^crisis\//.test(t.k) || (t.tagName === 'A');
  root.addEventListener('focusout', ({ target: t }) => selKey && !selKey.indexOf(t.k + '\n') && act('s', ''));
    text: () => tree.filter((n) => !/^(footer|nav)\//.test(n.id)),
    const crisis = tree.filter(isCrisis), panel = tree.find((n) => n.id === 'crisis');
JS
missed=0
while IFS= read -r line; do
  printf '%s\n' "$line" >"$bad.line"
  if ! check "$bad.line" >/dev/null; then echo "overlay_ids_opaque: the check misses: $line" >&2; missed=1; fi
done <"$bad"
rm -f "$bad.line"
[ "$missed" -eq 0 ] || exit 2

if found="$(check "$overlay")"; then
  echo "overlay_ids_opaque: $overlay reads structure out of node ids (use the node's fields):" >&2
  echo "$found" >&2
  exit 1
fi
echo "overlay_ids_opaque: ok: no id surgery in $overlay"
