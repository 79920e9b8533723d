#!/usr/bin/env bash
# Rewrites corpora/detect/known_failures.txt from the last corpus run
# (build/detect_failures.txt, written by DetectCorpus.AccuracyTable).
# Review the diff: a case that newly fails is a regression unless the
# change was meant to trade it for others.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
./"$build"/tests/norm_tests --gtest_filter='DetectCorpus.AccuracyTable' >/dev/null || true
{
  echo "# Detection cases expected to fail (strict: a listed case that passes fails"
  echo "# the test). Regenerate with tools/update_known_failures.sh after a change"
  echo "# to the models or the scorer, and review the diff. Format: case -> answer."
  sort "$build/detect_failures.txt"
} > corpora/detect/known_failures.txt
echo "known failures: $(grep -vc '^#' corpora/detect/known_failures.txt)"
