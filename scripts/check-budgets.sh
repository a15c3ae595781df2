#!/usr/bin/env bash
# The transfer budgets of shared/DESIGN.md ("Budgets"), as a check: a first visit (the versioned
# loader, the emscripten glue, the wasm with its embedded font, the accessibility overlay and the
# content bundle) <= 250 KB gzip, and the loader alone <= 6 KB gzip. Sizes are gzip -9, what a
# server that pre-compresses sends; -6 (the usual on-the-fly level) is printed beside it.
#   usage: check-budgets.sh [--warn-only] <dist-dir>
# Exit 1 when over a budget (unless --warn-only), 2 when dist/ lacks a release file.
# KETASCREEN_BUDGET_TOTAL / KETASCREEN_BUDGET_LOADER override the budgets (bytes), for the test
# that checks this check can fail.
set -euo pipefail
warn_only=0
[ "${1:-}" = --warn-only ] && { warn_only=1; shift; }
dist="${1:?usage: check-budgets.sh [--warn-only] <dist-dir>}"
total_budget="${KETASCREEN_BUDGET_TOTAL:-256000}"   # 250 KB
loader_budget="${KETASCREEN_BUDGET_LOADER:-6144}"   # 6 KB

release_file() {  # the one file in dist/ whose name matches the pattern
  local found
  found="$(cd "$dist" && ls | grep -E "$1" | head -1 || true)"
  [ -n "$found" ] || { echo "check-budgets: no file matching $1 in $dist (run ./build-wasm.sh)" >&2; exit 2; }
  echo "$found"
}
loader="$(release_file '^ketascreen-[0-9.]+\.js$')"
files=("$loader" "$(release_file '^ketascreen-[0-9.]+-glue\.js$')" "$(release_file '^ketascreen-[0-9.]+\.wasm$')"
       "$(release_file '^ketascreen-[0-9.]+-overlay\.js$')" "$(release_file '^content\.json$')")

total=0 total6=0 loader_gz=0
printf '%-28s %10s %10s %10s\n' file bytes 'gzip -9' 'gzip -6'
for f in "${files[@]}"; do
  raw=$(stat -c %s "$dist/$f")
  gz=$(gzip -9 -c "$dist/$f" | wc -c)
  gz6=$(gzip -6 -c "$dist/$f" | wc -c)
  total=$((total + gz)) total6=$((total6 + gz6))
  [ "$f" = "$loader" ] && loader_gz=$gz
  printf '%-28s %10d %10d %10d\n' "$f" "$raw" "$gz" "$gz6"
done
printf '%-28s %10s %10d %10d   budget %d\n' "first visit" "" "$total" "$total6" "$total_budget"

over=()
[ "$loader_gz" -le "$loader_budget" ] || over+=("the loader is $loader_gz bytes gzip, over its budget of $loader_budget")
[ "$total" -le "$total_budget" ] || over+=("the first visit is $total bytes gzip, over its budget of $total_budget")
if [ ${#over[@]} -eq 0 ]; then
  echo "check-budgets: ok: first visit $total of $total_budget bytes ($((total * 100 / total_budget))%), loader $loader_gz of $loader_budget"
  exit 0
fi
prefix=""
[ "$warn_only" -eq 1 ] && prefix="warning: "
for o in "${over[@]}"; do echo "check-budgets: $prefix$o" >&2; done
[ "$warn_only" -eq 1 ] || exit 1
