#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds into build/, and runs
# every test (unit, corpus, CLI, consumer package, fuzz replays, and a short
# libFuzzer run when clang is present). This is what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
