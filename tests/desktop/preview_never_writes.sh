#!/usr/bin/env bash
# The preview never loses an editor's file (issue 6): it only reads the content folder. Under
# strace, while an editor saves the way editors do (in place; atomically, a temporary file renamed
# over the original; in two halves with a pause, so the preview may read a half-written file; a
# file deleted and written again; a broken edit and its fix), the preview must
#   - open nothing under the content folder for writing, create, rename or delete nothing there,
#   - leave every file exactly as the editor last wrote it, with no file added,
#   - follow along (each save ends in "status: reloaded", or an error and then "reloaded").
#   usage: preview_never_writes.sh <ketascreen-preview> <content-dir>
set -euo pipefail
preview="$1" content="$2"
here="$(cd "$(dirname "$0")" && pwd)"
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
fail() { echo "preview_never_writes: FAIL: $*" >&2; exit 1; }
command -v strace >/dev/null || fail "strace is missing (scripts/bootstrap-deps.sh installs it)"
source "$here/xvfb.sh"

dir="$work/content"
cp -r "$content" "$dir"
strace -f -qq -e trace=openat,open,creat,rename,renameat,renameat2,unlink,unlinkat,truncate,ftruncate,mkdir,rmdir \
  -o "$work/trace" "$preview" "$dir" --snapshot-on-change "$work/snap.png" >"$work/out" 2>"$work/err" &
pids+=($!)
reloads() { grep -c '^status: reloaded' "$work/out" || true; }
wait_for() {  # a status line matching $1, counted past $2 earlier ones, within 15 s
  for _ in $(seq 150); do [ "$(grep -c "^status: $1" "$work/out" || true)" -gt "${2:-0}" ] && return 0; sleep 0.1; done
  fail "no further 'status: $1' (got: $(tr '\n' '|' <"$work/out"))"
}
wait_for ready
save() { sleep 1.1; }  # file times have 1 s resolution on some file systems

article="$(ls "$dir"/articles/*.md | head -1)"
n=$(reloads); save
printf '\nA paragraph saved in place.\n' >>"$article"
wait_for reloaded "$n"

n=$(reloads); save  # atomic save: write a temporary file, rename it over the original
cp "$dir/clinic.json" "$work/clinic.tmp"
sed -i 's/"name": "[^"]*"/"name": "Atomic Save Clinic"/' "$work/clinic.tmp"
cp "$work/clinic.tmp" "$dir/.clinic.json.swp" && mv "$dir/.clinic.json.swp" "$dir/clinic.json"
wait_for reloaded "$n"

n=$(reloads); save  # a slow save: the first half, a pause the preview may read in, then the rest
head -c 200 "$article" >"$work/first"; tail -c +201 "$article" >"$work/rest"
cat "$work/first" >"$article"; sleep 1.2; cat "$work/rest" >>"$article"
wait_for reloaded "$n"

n=$(reloads); save  # deleted, then written again
cp "$article" "$work/kept.md"; rm "$article"; sleep 0.8; cp "$work/kept.md" "$article"
wait_for reloaded "$n"

e=$(grep -c '^status: errors' "$work/out" || true); n=$(reloads); save  # broken, then fixed
sed -i 's/"phone":/"phone"/' "$dir/clinic.json"
wait_for errors "$e"
save; sed -i 's/"phone"/"phone":/' "$dir/clinic.json"
wait_for reloaded "$n"

# The content folder: what the editor wrote, nothing else.
(cd "$dir" && find . -type f | sort) >"$work/have"
(cd "$content" && find . -type f | sort) >"$work/want"
diff -u "$work/want" "$work/have" >/dev/null || fail "files were added or lost: $(diff "$work/want" "$work/have" | tail -3 | tr '\n' ' ')"
grep -q 'A paragraph saved in place.' "$article" || fail "the in-place save is gone from $article"
grep -q '"name": "Atomic Save Clinic"' "$dir/clinic.json" || fail "the atomic save is gone from clinic.json"
cmp -s "$article" "$work/kept.md" || fail "$article differs from what the editor wrote"
kill -0 "${pids[1]}" 2>/dev/null || fail "the preview stopped"

# The preview's own file operations on the content folder: reads only.
writes="$(grep -F "$dir" "$work/trace" | grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|rename|unlink|truncate|mkdir|rmdir|creat\(' || true)"
[ -z "$writes" ] || fail "the preview changed the content folder: $(head -2 <<<"$writes")"
opened=$(grep -F "$dir" "$work/trace" | grep -c 'O_RDONLY' || true)
[ "$opened" -gt 0 ] || fail "strace saw no reads of the content folder (is the trace working?)"
echo "preview_never_writes: ok: $(reloads) reloads over 5 kinds of save; $opened read-only opens of content files, no write, create, rename or delete; every file as the editor left it"
