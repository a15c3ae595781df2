#!/usr/bin/env bash
# The WordPress plugin's PHP: `php -l` on every file (and the tests' WordPress helper), then
# PHP_CodeSniffer with integrations/wordpress/phpcs.xml (why not the WordPress standard: there).
#   usage: tests/integration/wordpress-lint.sh <repo-root>
set -euo pipefail
root="${1:?usage: $0 <repo-root>}"
status=0 count=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  php -l "$file" >/dev/null 2>&1 || { php -l "$file" || true; status=1; }
done < <(find "$root/integrations/wordpress" "$root/tests/e2e/wordpress-cli.php" -name '*.php' -print0)
[ "$count" -gt 0 ] || { echo "wordpress-lint: no PHP files found under $root/integrations/wordpress" >&2; exit 1; }
(cd "$root/integrations/wordpress" && phpcs --standard=phpcs.xml -s) || status=1
[ "$status" -eq 0 ] && echo "wordpress-lint: php -l clean on $count files; phpcs clean"
exit "$status"
