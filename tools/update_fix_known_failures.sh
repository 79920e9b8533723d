#!/usr/bin/env bash
# Rewrites corpora/mojibake/known_failures.txt and corpora/clean/known_failures.txt
# from the last `norm fix` corpus run (<build>/fix_failures.txt, written by
# FixCorpus.AccuracyTable). Usage: tools/update_fix_known_failures.sh [BUILD_DIR]
# (default: build). Review the diff: a clean case that newly changes, or a
# repair that newly fails, is a regression unless the change was meant to
# trade it for others.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
rm -f "$build/fix_failures.txt"
./"$build"/tests/norm_tests --gtest_filter='FixCorpus.AccuracyTable' >/dev/null || true
if [ ! -f "$build/fix_failures.txt" ]; then
  echo "no $build/fix_failures.txt: did FixCorpus.AccuracyTable run?" >&2
  exit 1
fi
{
  echo "# Mojibake cases expected to fail (strict: a listed case that passes fails"
  echo "# the test). Regenerate with tools/update_fix_known_failures.sh after a change"
  echo "# to the repair engine, and review the diff. Format: id -> reason."
  grep -v '^clean/' "$build/fix_failures.txt" | LC_ALL=C sort || true
} > corpora/mojibake/known_failures.txt
{
  echo "# Clean negatives that fix() changes (each one is a bug: correct text must"
  echo "# come back byte-identical). Regenerate with tools/update_fix_known_failures.sh"
  echo "# and review the diff. Format: id -> reason."
  grep '^clean/' "$build/fix_failures.txt" | LC_ALL=C sort || true
} > corpora/clean/known_failures.txt
echo "known failures: mojibake $(grep -vc '^#' corpora/mojibake/known_failures.txt || true)," \
     "clean $(grep -vc '^#' corpora/clean/known_failures.txt || true)"
