#!/usr/bin/env bash
# End-to-end test of the `ketascreen` command line: exit codes (0 ok, 1 invalid input, 2 usage)
# and output of every command, against a copy of the real content pack.
# usage: cli_test.sh <path to ketascreen> <source dir>
set -euo pipefail

KS=${1:?usage: cli_test.sh <ketascreen binary> <source dir>}
SRC=${2:?usage: cli_test.sh <ketascreen binary> <source dir>}
CONTENT="$SRC/content"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# run <expected exit code> <description> -- <args...>: runs ketascreen, keeps stdout/stderr in
# $TMP/out and $TMP/err, and fails unless the exit code is the expected one.
run() {
  local want=$1 what=$2
  shift 3
  local got=0
  "$KS" "$@" >"$TMP/out" 2>"$TMP/err" || got=$?
  if [[ $got != "$want" ]]; then
    echo "--- stdout" >&2; cat "$TMP/out" >&2
    echo "--- stderr" >&2; cat "$TMP/err" >&2
    fail "$what: exit code $got, expected $want (ketascreen $*)"
  fi
}

# json_get <file> <python expression on j>: prints the value, fails if the file is not JSON.
json_get() {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" ||
    fail "$1 is not JSON or has no $2"
}

command -v python3 >/dev/null || fail "python3 is needed to read the JSON the commands print"
[[ -x $KS ]] || fail "no ketascreen binary at $KS"
[[ -f $CONTENT/screening.json ]] || fail "no content pack at $CONTENT"

# ---- usage errors: 2 ----------------------------------------------------------------------------
run 2 "no arguments" --
grep -q "missing command" "$TMP/err" || fail "no arguments: stderr does not say what is missing"
run 2 "unknown command" -- frobnicate "$CONTENT"
grep -q "unknown command 'frobnicate'" "$TMP/err" || fail "unknown command: stderr does not name it"
run 2 "unknown option" -- validate "$CONTENT" --frobnicate
grep -q "unknown option --frobnicate" "$TMP/err" || fail "unknown option: stderr does not name it"
run 2 "validate without input" -- validate
run 2 "bundle without -o" -- bundle "$CONTENT"
grep -q -- "-o" "$TMP/err" || fail "bundle without -o: stderr does not mention -o"
run 2 "-o without a value" -- bundle "$CONTENT" -o
run 2 "evaluate without --answers" -- evaluate "$CONTENT"
run 2 "evaluate-fhir without --response" -- evaluate-fhir "$CONTENT"
run 2 "two inputs" -- validate "$CONTENT" "$CONTENT"
run 2 "export-fhir without input" -- export-fhir
run 2 "evaluate with an unknown option" -- evaluate "$CONTENT" --answer x.json
run 2 "bundle with an unknown option" -- bundle "$CONTENT" --out x.json

# ---- help: 0 ------------------------------------------------------------------------------------
run 0 "--help" -- --help
grep -q "usage:" "$TMP/out" || fail "--help prints no usage"
for cmd in validate bundle evaluate export-fhir evaluate-fhir; do
  grep -q "ketascreen $cmd" "$TMP/out" || fail "--help does not list $cmd"
done
run 0 "validate --help" -- validate --help
grep -q "usage:" "$TMP/out" || fail "validate --help prints no usage"

# ---- validate -----------------------------------------------------------------------------------
run 0 "validate the content pack" -- validate "$CONTENT"
grep -q "ok" "$TMP/out" || fail "validate: no ok line"
[[ ! -s $TMP/err ]] || fail "validate: the content pack has warnings: $(cat "$TMP/err")"

cp -r "$CONTENT" "$TMP/broken"
# Break one rule's severity: the error must name screening.json and the line.
python3 - "$TMP/broken/screening.json" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
old = '"severity": "caution"'
assert old in text
text = text.replace(old, '"severity": "sometimes"', 1)
open(path, "w", encoding="utf-8").write(text)
PY
line=$(grep -n '"severity": "sometimes"' "$TMP/broken/screening.json" | cut -d: -f1)
run 1 "validate a broken copy" -- validate "$TMP/broken"
grep -q "screening.json:$line " "$TMP/err" || fail "validate broken: stderr lacks screening.json:$line: $(cat "$TMP/err")"
grep -q "unknown severity 'sometimes'" "$TMP/err" || fail "validate broken: stderr does not say what is wrong"
[[ ! -s $TMP/out ]] || fail "validate broken: printed ok output"

run 1 "validate a missing folder" -- validate "$TMP/does-not-exist"

# --- report --------------------------------------------------------------------------------------
run 0 "report the content pack" -- report "$CONTENT"
grep -q "^## Questions ($(json_get "$CONTENT/screening.json" 'len(j["questions"])'))\$" "$TMP/out" || fail "report: no question table"
grep -q '^| `liver-or-kidney-disease` | liver_or_kidney_disease | caution | discuss_with_provider | ' "$TMP/out" || fail "report: no rule row"
grep -q '^## Missing text and other warnings (0)$' "$TMP/out" || fail "report: the demo pack has no missing text"
grep -q '^| 7 | `heart_recent_or_unstable` | yes_no | if heart_condition | ' "$TMP/out" || fail "report: a follow-up names its gateway once"
mkdir -p "$TMP/untranslated" && cp -r "$CONTENT/." "$TMP/untranslated/"
python3 - "$TMP/untranslated/screening.json" <<'PY'
import json, sys
path = sys.argv[1]
s = json.load(open(path))
del s["questions"][0]["text"]["es"]
json.dump(s, open(path, "w"), ensure_ascii=False, indent=2)
PY
run 0 "report a pack with a missing translation" -- report "$TMP/untranslated"
grep -q '^| 1 | `age_18_plus` | .* | missing es |$' "$TMP/out" || fail "report: the missing translation is not marked"
grep -q '^## Missing text and other warnings (1)$' "$TMP/out" || fail "report: the warning is not listed"
run 1 "report a broken copy" -- report "$TMP/broken"

# ---- bundle -------------------------------------------------------------------------------------
run 0 "bundle" -- bundle "$CONTENT" -o "$TMP/dist/content.json"
[[ -s $TMP/dist/content.json ]] || fail "bundle: no output file"
[[ $(json_get "$TMP/dist/content.json" 'j["schema_version"]') == 1 ]] || fail "bundle: schema_version is not 1"
json_get "$TMP/dist/content.json" 'j["content_hash"]' | grep -Eq '^sha256:[0-9a-f]{64}$' || fail "bundle: bad content_hash"
run 0 "validate the bundle" -- validate "$TMP/dist/content.json"
run 1 "bundle a broken copy" -- bundle "$TMP/broken" -o "$TMP/broken.json"
[[ ! -e $TMP/broken.json ]] || fail "bundle of broken content wrote a file"
# --referral-endpoint: the same content posting to another server (the demo's local one), still valid.
run 0 "bundle with a local endpoint" -- bundle "$CONTENT" -o "$TMP/local.json" --referral-endpoint http://127.0.0.1:8080/api/referrals
[[ $(json_get "$TMP/local.json" 'j["clinic"]["referral"]["endpoint"]') == http://127.0.0.1:8080/api/referrals ]] \
  || fail "bundle --referral-endpoint: endpoint not replaced"
run 0 "validate the local-endpoint bundle" -- validate "$TMP/local.json"
run 2 "bundle with a plain-http remote endpoint" -- bundle "$CONTENT" -o "$TMP/remote.json" --referral-endpoint http://clinic.example/api
grep -q "https://" "$TMP/err" || fail "bundle --referral-endpoint http remote: stderr does not say https"
[[ ! -e $TMP/remote.json ]] || fail "bundle with a refused endpoint wrote a file"

# A changed bundle no longer validates.
sed 's/Are you 18 or older?/Are you 16 or older?/' "$TMP/dist/content.json" >"$TMP/tampered.json"
cmp -s "$TMP/dist/content.json" "$TMP/tampered.json" && fail "tampering did not change the bundle"
run 1 "validate a tampered bundle" -- validate "$TMP/tampered.json"
grep -q "content_hash" "$TMP/err" || fail "tampered bundle: stderr does not mention content_hash"

# ---- evaluate -----------------------------------------------------------------------------------
clear='"age_18_plus": true, "qualifying_condition": true, "tried_other_treatments": true,
  "pregnant_or_breastfeeding": false, "heart_condition": "no", "uncontrolled_blood_pressure": "no",
  "high_cholesterol": false, "liver_or_kidney_disease": false, "ketamine_reaction_history": "no",
  "psychosis_history": "no", "substance_use": "no", "aneurysm_or_brain_bleed": "no",
  "other_conditions": "no", "medicines": "no"'

echo "{$clear, \"thoughts_of_self_harm\": false}" >"$TMP/clear.json"
run 0 "evaluate all clear" -- evaluate "$CONTENT" --answers "$TMP/clear.json"
[[ $(json_get "$TMP/out" 'j["outcome"]') == likely_candidate ]] || fail "evaluate all clear: $(cat "$TMP/out")"
[[ $(json_get "$TMP/out" 'len(j["flags"])') == 0 ]] || fail "evaluate all clear: flags raised"

# "Not sure" about the heart is a caution, and opens the heart follow-ups (answered no here).
echo "{$clear, \"thoughts_of_self_harm\": false, \"heart_condition\": \"not_sure\", \"heart_recent_or_unstable\": false,
  \"stroke_earlier\": false}" | sed 's/"heart_condition": "no", //' >"$TMP/heart.json"
run 0 "evaluate a caution" -- evaluate "$CONTENT" --answers "$TMP/heart.json"
[[ $(json_get "$TMP/out" 'j["outcome"]') == discuss_with_provider ]] || fail "evaluate caution: $(cat "$TMP/out")"
[[ $(json_get "$TMP/out" 'j["flags"][0]["question"]') == heart_condition ]] || fail "evaluate caution: wrong flag"
[[ $(json_get "$TMP/out" 'j["flags"][0]["severity"]') == caution ]] || fail "evaluate caution: wrong severity"
[[ -n $(json_get "$TMP/out" 'j["flags"][0]["reason"]') ]] || fail "evaluate caution: no reason"
en_reason=$(json_get "$TMP/out" 'j["flags"][0]["reason"]')
run 0 "evaluate in Spanish" -- evaluate "$CONTENT" --answers "$TMP/heart.json" --locale es
[[ $(json_get "$TMP/out" 'j["flags"][0]["reason"]') != "$en_reason" ]] || fail "evaluate --locale es: reason not translated"

echo '{"thoughts_of_self_harm": true}' >"$TMP/urgent.json"
run 0 "evaluate urgent" -- evaluate "$TMP/dist/content.json" --answers "$TMP/urgent.json"
[[ $(json_get "$TMP/out" 'j["outcome"]') == urgent_help ]] || fail "evaluate urgent (bundle): $(cat "$TMP/out")"

echo "{$clear}" >"$TMP/incomplete.json"
run 0 "evaluate incomplete" -- evaluate "$CONTENT" --answers "$TMP/incomplete.json"
[[ $(json_get "$TMP/out" 'j["outcome"]') == incomplete ]] || fail "evaluate incomplete: $(cat "$TMP/out")"

printf '{\n  "age_18_plus": true,\n  "favourite_colour": "blue"\n}\n' >"$TMP/unknown.json"
run 1 "evaluate with an unknown question id" -- evaluate "$CONTENT" --answers "$TMP/unknown.json"
grep -q "unknown.json:3 \$.favourite_colour: unknown question id 'favourite_colour'" "$TMP/err" ||
  fail "evaluate unknown id: stderr: $(cat "$TMP/err")"
echo '{"age_18_plus": ' >"$TMP/malformed.json"
run 1 "evaluate with malformed answers" -- evaluate "$CONTENT" --answers "$TMP/malformed.json"
run 1 "evaluate with a missing answers file" -- evaluate "$CONTENT" --answers "$TMP/nope.json"

# ---- export-fhir --------------------------------------------------------------------------------
run 0 "export-fhir" -- export-fhir "$CONTENT"
cp "$TMP/out" "$TMP/questionnaire.json"
[[ $(json_get "$TMP/questionnaire.json" 'j["resourceType"]') == Questionnaire ]] || fail "export-fhir: not a Questionnaire"
[[ $(json_get "$TMP/questionnaire.json" 'len(j["item"])') == $(json_get "$CONTENT/screening.json" 'len(j["questions"])') ]] ||
  fail "export-fhir: not one item per question"
[[ $(json_get "$TMP/questionnaire.json" '",".join(sorted(i["linkId"] for i in j["item"]))') == \
   $(json_get "$CONTENT/screening.json" '",".join(sorted(q["id"] for q in j["questions"]))') ]] ||
  fail "export-fhir: linkIds are not the question ids"
run 0 "export-fhir from the bundle" -- export-fhir "$TMP/dist/content.json"
cmp -s "$TMP/out" "$TMP/questionnaire.json" || fail "export-fhir: bundle and folder differ"
run 1 "export-fhir of broken content" -- export-fhir "$TMP/broken"

# ---- evaluate-fhir ------------------------------------------------------------------------------
# A QuestionnaireResponse written by hand: a caution (blood pressure not sure; high cholesterol alone raises
# nothing), everything else clear.
python3 - "$TMP/response.json" "$TMP/response-answers.json" <<'PY'
import json, sys
answers = {"age_18_plus": True, "qualifying_condition": True, "tried_other_treatments": True,
           "pregnant_or_breastfeeding": False, "heart_condition": "no", "uncontrolled_blood_pressure": "not_sure",
           "high_cholesterol": True, "liver_or_kidney_disease": False, "ketamine_reaction_history": "no",
           "psychosis_history": "no", "substance_use": "no", "aneurysm_or_brain_bleed": "no",
           "other_conditions": "no", "medicines": "no", "thoughts_of_self_harm": False}
value = lambda v: {"valueBoolean": v} if isinstance(v, bool) else {"valueCoding": {"code": v}}
response = {"resourceType": "QuestionnaireResponse", "status": "completed",
            "item": [{"linkId": k, "answer": [value(v)]} for k, v in answers.items()]}
json.dump(response, open(sys.argv[1], "w"), indent=2)
json.dump(answers, open(sys.argv[2], "w"), indent=2)
PY
run 0 "evaluate-fhir" -- evaluate-fhir "$CONTENT" --response "$TMP/response.json"
cp "$TMP/out" "$TMP/fhir-result.json"
run 0 "evaluate the same answers" -- evaluate "$CONTENT" --answers "$TMP/response-answers.json"
cp "$TMP/out" "$TMP/plain-result.json"
[[ $(json_get "$TMP/fhir-result.json" 'j["outcome"]') == discuss_with_provider ]] ||
  fail "evaluate-fhir: $(cat "$TMP/fhir-result.json")"
cmp -s "$TMP/fhir-result.json" "$TMP/plain-result.json" || fail "evaluate-fhir and evaluate disagree"

python3 - "$TMP/response.json" "$TMP/bad-response.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["item"].append({"linkId": "no_such_question", "answer": [{"valueBoolean": True}]})
json.dump(r, open(sys.argv[2], "w"), indent=2)
PY
run 1 "evaluate-fhir with an unknown linkId" -- evaluate-fhir "$CONTENT" --response "$TMP/bad-response.json"
grep -q "unknown linkId 'no_such_question'" "$TMP/err" || fail "evaluate-fhir unknown linkId: $(cat "$TMP/err")"
run 1 "evaluate-fhir with a Questionnaire" -- evaluate-fhir "$CONTENT" --response "$TMP/questionnaire.json"

# ---- example-referral ----------------------------------------------------------------------------
run 0 "example-referral --count 3" -- example-referral "$CONTENT" --outcome discuss_with_provider --count 3
[[ $(wc -l <"$TMP/out") -eq 3 ]] || fail "example-referral --count 3: $(wc -l <"$TMP/out") lines"
python3 - "$TMP/out" <<'PY' || fail "example-referral --count 3: the payloads are not three distinct referrals"
import json, sys
payloads = [json.loads(line) for line in open(sys.argv[1])]
assert len({p["id"] for p in payloads}) == 3
assert all(p["screening"]["outcome"] == "discuss_with_provider" for p in payloads)
PY
run 2 "example-referral --count 0" -- example-referral "$CONTENT" --count 0

# ---- the provider network ------------------------------------------------------------------------
run 0 "example-referral in a network" -- example-referral "$CONTENT" --zip 66209 --provider olathe-spravato-clinic
[[ $(json_get "$TMP/out" 'j["provider"]') == olathe-spravato-clinic ]] || fail "example-referral --provider: $(cat "$TMP/out")"
run 0 "example-referral defaults to nearest" -- example-referral "$CONTENT"
[[ $(json_get "$TMP/out" 'j["provider"]') == nearest ]] || fail "example-referral: no \"nearest\" provider"

run 0 "providers near 66209" -- providers near "$CONTENT" --zip 66209
head -1 "$TMP/out" | grep -q "^ZIP 66209 (KS); radius 60 mi" || fail "providers near: header $(head -1 "$TMP/out")"
sed -n 2p "$TMP/out" | grep -q "^1\. prairie-mind-overland-park .* 4\.2 mi " || fail "providers near: first $(sed -n 2p "$TMP/out")"
sed -n 3p "$TMP/out" | grep -q "^2\. olathe-spravato-clinic .* 9\.2 mi " || fail "providers near: second $(sed -n 3p "$TMP/out")"
grep -q "plains-telehealth .* telehealth, licensed in KS" "$TMP/out" || fail "providers near: no telehealth line"
run 0 "providers near --offers iv" -- providers near "$CONTENT" --zip 66209 --offers iv
grep -q olathe-spravato-clinic "$TMP/out" && fail "providers near --offers iv lists a Spravato-only clinic"
grep -q "^1\. prairie-mind-overland-park" "$TMP/out" || fail "providers near --offers iv: $(cat "$TMP/out")"
run 0 "providers near, nobody in person" -- providers near "$CONTENT" --zip 59001
[[ $(wc -l <"$TMP/out") -eq 2 ]] && grep -q "^1\. plains-telehealth .*licensed in MT" "$TMP/out" || fail "providers near 59001: $(cat "$TMP/out")"
run 0 "providers near, nobody at all" -- providers near "$CONTENT" --zip 04401
grep -q "no provider near and no telehealth provider licensed in ME: the widget offers the network's phone" "$TMP/out" ||
  fail "providers near 04401: $(cat "$TMP/out")"
run 1 "providers near a ZIP that is not one" -- providers near "$CONTENT" --zip 1234
grep -q "'1234' is not a US ZIP code" "$TMP/err" || fail "providers near 1234: $(cat "$TMP/err")"
run 2 "providers near without --zip" -- providers near "$CONTENT"
run 2 "providers near, unknown service" -- providers near "$CONTENT" --zip 66209 --offers massage
run 2 "providers without near" -- providers "$CONTENT"
run 0 "report lists the network" -- report "$CONTENT"
grep -q "^## Provider network" "$TMP/out" || fail "report: no Provider network section"
grep -q "^| ME | none: phone only | 039 040 041 042 043 044 045 046 047 048 049 |" "$TMP/out" || fail "report: Maine is not listed as uncovered"
grep -q "^| MT | plains-telehealth |" "$TMP/out" || fail "report: Montana's telehealth cover is missing"
grep -q "^| KS |.*| 662" "$TMP/out" && fail "report: 662 (Overland Park) listed as uncovered"

# A single clinic (no providers.json) has no network: no provider in its payloads, nothing near.
cp -r "$CONTENT" "$TMP/single" && rm "$TMP/single/providers.json"
run 0 "example-referral for a single clinic" -- example-referral "$TMP/single"
[[ $(json_get "$TMP/out" '"provider" in j') == False ]] || fail "single clinic: payload has a provider"
run 1 "providers near for a single clinic" -- providers near "$TMP/single" --zip 66209
grep -q "no providers.json" "$TMP/err" || fail "providers near, single clinic: $(cat "$TMP/err")"
# A broken directory is refused with the file, line and path.
python3 - "$TMP/single/providers.json" <<'PY'
import sys
open(sys.argv[1], "w").write('{"providers": [\n  {"id": "x", "name": "X", "city": "C", "state": "KS", "zip": "66210", "phone": "(913) 555-0110",\n   "offers": [], "languages": ["en"], "takes_insurance": false, "intake": {"email": "a@b.example.com"}}\n]}\n')
PY
run 1 "validate a broken providers.json" -- validate "$TMP/single"
grep -q "providers.json:2 \$.providers\[0\].address: missing required key 'address'" "$TMP/err" || fail "broken providers.json: $(cat "$TMP/err")"
grep -q "providers.json:3 \$.providers\[0\].offers: a provider must offer at least one service" "$TMP/err" || fail "broken providers.json: $(cat "$TMP/err")"

# ---- files and folders (issue 14, item 12): each problem is a message and exit 1 ---------------
# The temporary file is created exclusively in the target folder: a symlink planted under the old
# fixed name (out.json.tmp) is neither written through nor used.
mkdir -p "$TMP/planted"
echo "precious" >"$TMP/precious.txt"
ln -s "$TMP/precious.txt" "$TMP/planted/out.json.tmp"
run 0 "bundle next to a planted symlink" -- bundle "$CONTENT" -o "$TMP/planted/out.json"
[[ $(cat "$TMP/precious.txt") == precious ]] || fail "bundle wrote through a planted symlink"
cmp -s "$TMP/planted/out.json" "$TMP/dist/content.json" || fail "bundle next to a planted symlink: wrong output"
[[ $(find "$TMP/planted" -name '.out.json.*' | wc -l) == 0 ]] || fail "bundle left a temporary file"
# A failed write (the target is a folder that is not empty) leaves no temporary file behind.
mkdir -p "$TMP/outdir/busy" && touch "$TMP/outdir/busy/x"
run 1 "bundle onto a folder" -- bundle "$CONTENT" -o "$TMP/outdir/busy"
grep -q "busy: cannot write the file" "$TMP/err" || fail "bundle onto a folder: $(cat "$TMP/err")"
[[ $(ls -A "$TMP/outdir") == busy ]] || fail "bundle onto a folder left files behind: $(ls -A "$TMP/outdir")"
# A symlink loop, given or inside the folder, is named as such (it was an "internal error").
ln -s "$TMP/loop" "$TMP/loop"
run 1 "validate a symlink loop" -- validate "$TMP/loop"
grep -q "loop: a symbolic link loop" "$TMP/err" || fail "validate a symlink loop: $(cat "$TMP/err")"
cp -r "$CONTENT" "$TMP/looped" && ln -s loop.en.md "$TMP/looped/articles/loop.en.md"
run 1 "validate a folder with a symlink loop" -- validate "$TMP/looped"
grep -q "articles/loop.en.md: is a symbolic link in a loop" "$TMP/err" || fail "symlink loop inside: $(cat "$TMP/err")"
# A symlinked content file is refused with a message (it was skipped without a word).
cp -r "$CONTENT" "$TMP/linked" && mv "$TMP/linked/articles/cost-and-insurance.en.md" "$TMP/elsewhere.md"
ln -s "$TMP/elsewhere.md" "$TMP/linked/articles/cost-and-insurance.en.md"
run 1 "validate a folder with a symlinked file" -- validate "$TMP/linked"
grep -q "cost-and-insurance.en.md: is a symbolic link; content files must be regular files inside the folder" "$TMP/err" ||
  fail "symlinked file: $(cat "$TMP/err")"
# Dotfiles (editor swap files) are skipped, in every reader alike.
cp -r "$CONTENT" "$TMP/swap" && printf 'junk\377' >"$TMP/swap/articles/.cost-and-insurance.en.md.swp"
run 0 "validate a folder with an editor swap file" -- validate "$TMP/swap"
# Reading is capped: /dev/zero ends with a message instead of never.
timeout 20 "$KS" validate /dev/zero >"$TMP/out" 2>"$TMP/err" && fail "validate /dev/zero succeeded"
[[ $? == 1 ]] || fail "validate /dev/zero: exit code $?, expected 1"
grep -q "/dev/zero: the file is larger than 4194304 bytes" "$TMP/err" || fail "validate /dev/zero: $(cat "$TMP/err")"
head -c 5000000 /dev/zero | tr '\0' ' ' >"$TMP/huge.json"
run 1 "validate a 5 MB bundle" -- validate "$TMP/huge.json"
grep -q "larger than 4194304 bytes" "$TMP/err" || fail "validate a 5 MB bundle: $(cat "$TMP/err")"

echo "cli_test: all passed"
