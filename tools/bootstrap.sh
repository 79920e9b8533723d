#!/usr/bin/env bash
# First command on a fresh Debian 12 machine (root, or a user with sudo):
# installs what is missing, builds into build/, and runs norm on a sample
# from corpora/samples/, showing each command before it runs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n+ %s\n' "$*"; }
run() { say "$*"; "$@"; }

run tools/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
run cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
run cmake --build build -j "$jobs"

sample=corpora/samples/zh_gbk.txt
run build/norm --version
run build/norm detect corpora/samples/zh_gbk.txt corpora/samples/zh_utf8.txt
run build/norm detect --json "$sample"
run build/norm convert -f auto -t UTF-8 --verbose "$sample"
say "build/norm convert -f GBK -t UTF-8 $sample | cmp - corpora/samples/zh_utf8.txt"
build/norm convert -f GBK -t UTF-8 "$sample" | cmp - corpora/samples/zh_utf8.txt
echo "bootstrap: GBK sample converted to UTF-8, byte-identical to zh_utf8.txt" >&2
# Repair: UTF-8 read as GBK, GBK read as Latin-1, UTF-8 read as windows-1252.
run cat corpora/samples/mojibake.txt
run build/norm fix --explain corpora/samples/mojibake.txt
build/norm fix corpora/samples/mojibake.txt | cmp - corpora/samples/mojibake.fixed.txt
echo "bootstrap: mojibake sample repaired, byte-identical to mojibake.fixed.txt" >&2
echo "bootstrap: done. The CLI is build/norm; run tools/check.sh for the test suite." >&2
