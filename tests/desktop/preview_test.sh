#!/usr/bin/env bash
# The desktop preview under Xvfb (issue 5): screenshot mode draws every screen (a PNG that is not
# blank), and live mode picks up an edit and, for a broken edit, keeps the last good content and
# shows the error panel (the preview's "status:" lines and its snapshots say so).
#   usage: preview_test.sh <ketascreen-preview> <content-dir> <screenshot-dir>
set -euo pipefail
preview="$1" content="$2" shots="$3"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$shots"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "preview_test: FAIL: $*" >&2; exit 1; }

# A display of our own, so parallel runs and a developer's X do not interfere.
for n in $(seq 91 140); do
  [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || { display=":$n"; break; }
done
[ -n "${display:-}" ] || fail "no free X display number"
Xvfb "$display" -screen 0 1400x1100x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY="$display"

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

# --- live mode: an edit is picked up; a broken edit keeps the last good content ---------------
cp -r "$content" "$work/content"
"$preview" "$work/content" --width 390 --height 844 --snapshot-on-change "$work/snap.png" >"$work/out" 2>"$work/err" &
pids+=($!)
wait_for() {  # a status line, within 10 s
  for _ in $(seq 100); do grep -q "^status: $1" "$work/out" && return 0; sleep 0.1; done
  fail "no 'status: $1' (got: $(tr '\n' '|' <"$work/out"); stderr: $(head -3 "$work/err" | tr '\n' '|'))"
}
wait_for ready
sleep 1.1  # file times have 1 s resolution on some file systems
sed -i 's/"name": "[^"]*"/"name": "Edited Clinic Name"/' "$work/content/clinic.json"
wait_for reloaded
wait_for "snapshot"
cp "$work/snap.png" "$shots/preview-live-edited.png"
sed -i 's/"phone":/"phone"/' "$work/content/clinic.json"
wait_for "errors 1 (last good content kept)"
grep -q 'clinic.json:[0-9]* \$.phone: invalid JSON' "$work/err" || fail "the error does not name file:line and path: $(head -1 "$work/err")"
for _ in $(seq 100); do [ "$(grep -c '^status: snapshot' "$work/out")" -ge 2 ] && break; sleep 0.1; done
cp "$work/snap.png" "$shots/preview-live-broken.png"
kill -0 "${pids[1]}" 2>/dev/null || fail "the preview stopped after a broken edit"
echo "preview_test: ok: 9 screens drawn; an edit reloaded; a broken edit kept the last good content and showed the error panel"
