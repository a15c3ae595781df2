#!/usr/bin/env bash
# The desktop preview under Xvfb (issue 5): screenshot mode draws every screen (a PNG that is not
# blank), and live mode picks up an edit and, for a broken edit, keeps the last good content and
# shows the error panel (the preview's "status:" lines and its snapshots say so); the toolbar's
# persona menu and 2x pixel ratio work when clicked (xdotool), and a reload keeps the editor's page.
#   usage: preview_test.sh <ketascreen-preview> <content-dir> <screenshot-dir>
set -euo pipefail
preview="$1" content="$2" shots="$3"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$shots"
work="$(mktemp -d)"
pids=()
# Children first (strace's tracee, the preview, may otherwise outlive it and still be writing into
# $work), then each process, waited for, so nothing is left running and nothing writes during rm.
cleanup() {
  for p in "${pids[@]}"; do pkill -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "preview_test: FAIL: $*" >&2; exit 1; }

source "$here/xvfb.sh"

# --- screenshot mode: every screen, not blank -------------------------------------------------
colours_of() { sed -n 's/.*colours=\([0-9]*\).*/\1/p' <<<"$1"; }
shot() {  # name, then preview options
  local name="$1"; shift
  local out
  out="$("$preview" "$content" --screenshot "$shots/preview-$name.png" "$@")" || fail "$name: the preview exited with $?"
  local colours; colours="$(colours_of "$out")"
  [ -n "$colours" ] && [ "$colours" -ge 50 ] || fail "$name: blank screenshot ($out)"
  echo "  $name: $colours colours"
}
shot checklist-390 --width 390 --height 844
shot checklist-1000-dark --width 1000 --height 700 --dark
shot outcome-discuss --width 390 --height 1300 --answers "$here/answers-discuss.json"
shot outcome-urgent --width 390 --height 1100 --answers "$here/answers-urgent.json"
for outcome in not_suitable_now likely_candidate incomplete; do
  shot "outcome-$outcome" --width 390 --height 1200 --show "outcome:$outcome"
done
shot referral --width 390 --height 1500 --answers "$here/answers-discuss.json" --show referral
shot article-es --width 768 --height 1600 --locale es --show articles --article cost-and-insurance
shot persona-pregnancy --width 390 --height 1300 --persona "contraindication: pregnancy-or-breastfeeding"
# A 2x device: twice the pixels, and drawn at that density (not a 1x drawing blown up).
out="$("$preview" "$content" --screenshot "$shots/preview-checklist-390-dpr2.png" --width 390 --height 844 --dpr 2)"
grep -q ' 780x1688 ' <<<"$out" || fail "dpr 2: expected a 780x1688 screenshot ($out)"
density="$(python3 "$here/pixel_density.py" "$shots/preview-checklist-390-dpr2.png")"
python3 -c "import sys; sys.exit(0 if float('${density#* }') > 0.02 else 1)" ||
  fail "dpr 2: the screenshot looks like a 1x drawing blown up ($density of 2x2 blocks differ)"
echo "  checklist-390-dpr2: $density of 2x2 blocks hold detail"
"$preview" "$content" --screenshot "$work/x.png" --persona "nobody" 2>"$work/err" && fail "an unknown persona was accepted"
grep -q "contraindication: under-18" "$work/err" || fail "an unknown persona does not list the personas: $(head -3 "$work/err")"

# --- live mode: an edit is picked up; a broken edit keeps the last good content ---------------
cp -r "$content" "$work/content"
"$preview" "$work/content" --width 390 --height 844 --snapshot-on-change "$work/snap.png" >"$work/out" 2>"$work/err" &
pids+=($!)
wait_for() {  # a status line, within 10 s
  for _ in $(seq 100); do grep -q "^status: $1" "$work/out" && return 0; sleep 0.1; done
  fail "no 'status: $1' (got: $(tr '\n' '|' <"$work/out"); stderr: $(head -3 "$work/err" | tr '\n' '|'))"
}
wait_for ready
# The toolbar, clicked where it draws its items at 1x (toolbar.cpp): the persona menu, its first
# entry; later the 2x pixel ratio.
window="$(xdotool search --sync --name 'KetaScreen preview' | head -1)"
click() { xdotool mousemove --window "$window" "$1" "$2" click 1; sleep 0.4; }
# A loaded machine may not have drawn the menu before the second click: try again, a few times.
for attempt in 1 2 3 4 5; do
  click 880 21
  click 880 60
  for _ in $(seq 20); do grep -q '^status: persona' "$work/out" && break 2; sleep 0.1; done
done
wait_for "persona no concerns -> likely_candidate"
sleep 1.1  # file times have 1 s resolution on some file systems
sed -i 's/"name": "[^"]*"/"name": "Edited Clinic Name"/' "$work/content/clinic.json"
wait_for "reloaded on outcome"  # the editor's page, not back at question 1
wait_for "snapshot"
cp "$work/snap.png" "$shots/preview-live-edited.png"
for attempt in 1 2 3 4 5; do
  click 398 21
  for _ in $(seq 20); do grep -q '^status: pixel ratio 2' "$work/out" && break 2; sleep 0.1; done
done
wait_for "pixel ratio 2"
xdotool getwindowgeometry "$window" | grep -q 'Geometry: 2360x1780' ||
  fail "2x did not grow the window: $(xdotool getwindowgeometry "$window" | tail -1)"
sed -i 's/"phone":/"phone"/' "$work/content/clinic.json"
wait_for "errors 1 (last good content kept)"
grep -q 'clinic.json:[0-9]* \$.phone: invalid JSON' "$work/err" || fail "the error does not name file:line and path: $(head -1 "$work/err")"
for _ in $(seq 100); do [ "$(grep -c '^status: snapshot' "$work/out")" -ge 2 ] && break; sleep 0.1; done
grep '^status: snapshot' "$work/out" | tail -1 | grep -q ' 2360x1780 ' || fail "the 2x snapshot is not 2x: $(grep '^status: snapshot' "$work/out" | tail -1)"
cp "$work/snap.png" "$shots/preview-live-broken.png"
kill -0 "${pids[1]}" 2>/dev/null || fail "the preview stopped after a broken edit"
echo "preview_test: ok: 11 screens drawn (one at 2x); a persona and 2x picked from the toolbar; an edit reloaded on the same page; a broken edit kept the last good content and showed the error panel"
