#!/usr/bin/env bash
# Clean-text check on real pages: `norm check` over the translated manual
# pages Debian ships (tools/setup.sh --generators installs them), up to 40
# section-1 pages per language; every one must come back unchanged.
#   tools/clean_manpages_check.sh [BUILD_DIR]     (default: build)
# Prints the number of pages checked and each page norm would change; exit 1
# if any. Not part of check.sh (it depends on which man pages are installed).
set -euo pipefail
cd "$(dirname "$0")/.."
norm=${1:-build}/norm
[[ -x $norm ]] || { echo "clean_manpages_check.sh: no $norm (build first)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/norm-manpages.XXXXXX")
trap 'rm -rf "$work"' EXIT
checked=0 changed=0
for lang in de fr ru zh_CN zh_TW ja ko pl es it pt_BR uk; do
  for page in $(ls /usr/share/man/"$lang"/man1/*.gz 2>/dev/null | head -40); do
    out=$work/${lang}_$(basename "$page" .gz)
    zcat "$page" > "$out" 2>/dev/null || continue
    iconv -f utf-8 -t utf-8 "$out" >/dev/null 2>&1 || continue  # legacy-encoded pages: not clean UTF-8
    checked=$((checked + 1))
    if ! "$norm" check "$out" >/dev/null; then
      echo "changed: $page"
      changed=$((changed + 1))
    fi
  done
done
echo "man pages checked: $checked, changed: $changed"
[[ $changed -eq 0 ]]
