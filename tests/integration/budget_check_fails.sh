#!/usr/bin/env bash
# The budget check must be able to fail: with either budget set far below the real size it has to
# exit 1 (over budget), not 0 and not 2 (missing files).
#   usage: budget_check_fails.sh <check-budgets.sh> <dist-dir>
set -uo pipefail
check="$1" dist="$2"
for over in KETASCREEN_BUDGET_TOTAL=1000 KETASCREEN_BUDGET_LOADER=1000; do
  env "$over" "$check" "$dist" >/dev/null 2>&1
  rc=$?
  [ "$rc" -eq 1 ] || { echo "budget_check_fails: with $over the check exited $rc, expected 1"; exit 1; }
done
echo "budget_check_fails: ok: the check fails when the first visit or the loader is over budget"
