#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run):
#   1. installs what is missing (tools/setup.sh), builds into build/ and runs
#      every test: unit, corpus, CLI, consumer package, fuzz replays;
#   2. the same suite again under ASan + UBSan + _GLIBCXX_ASSERTIONS in
#      build-asan/ (RELIABILITY.md R10);
#   3. a short libFuzzer run of every fuzz target (30 s each, R1) when clang
#      with libFuzzer is installed.
# NORM_QUICK=1 runs step 1 only (for the edit-build-test loop).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build + tests (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs"
[[ "${NORM_QUICK:-0}" == 1 ]] && exit 0

echo "== tests under ASan + UBSan (build-asan/)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNORM_SANITIZE=ON \
  -DNORM_INSTALL=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

if command -v clang++ >/dev/null && [[ -n "$(find /usr/lib/llvm-*/lib/clang -name 'libclang_rt.fuzzer*.a' 2>/dev/null | head -n 1)" ]]; then
  for src in fuzz/*_fuzzer.cpp; do
    target=$(basename "$src" .cpp)
    echo "== libFuzzer: $target, 30 s"
    mkdir -p build-fuzz
    if ! tools/fuzz.sh "$target" 30 >"build-fuzz/$target.log" 2>&1; then
      tail -n 60 "build-fuzz/$target.log"
      echo "check.sh: $target found a failure (input in build-fuzz/artifacts/$target/)" >&2
      exit 1
    fi
    grep -E '^Done|stat::number_of_executed_units' "build-fuzz/$target.log" | tail -n 1 || true
  done
  echo "== fuzzer self-test: a planted bug in norm::fix must be caught (tools/planted_bug.sh)"
  tools/planted_bug.sh 240
else
  echo "== libFuzzer: skipped (clang or libclang-rt-14-dev missing)"
fi
echo "check.sh: all passed"
