#!/usr/bin/env bash
# Fuzzer self-test (issue 3: "a planted bug is caught"): builds fix_fuzzer
# against a libnorm with NORM_PLANT_BUG=ON (norm::fix appends '!' without
# a trace step when its output holds e-acute followed by a digit) and runs
# it from an empty corpus for at most SECONDS (default 300). Passes when
# libFuzzer stops on one of the oracles (replay or idempotence), fails when
# the bug survives the whole run.
#   tools/planted_bug.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
command -v clang++ >/dev/null || tools/setup.sh
dir=build-planted
cmake -S . -B $dir -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DNORM_BUILD_FUZZERS=ON -DNORM_SANITIZE=ON -DNORM_BUILD_TESTS=OFF -DNORM_PLANT_BUG=ON \
  -DNORM_BUILD_CLI=OFF -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
cmake --build $dir -j "$(nproc 2>/dev/null || echo 2)" --target fix_fuzzer >/dev/null
rm -rf $dir/corpus $dir/artifacts
mkdir -p $dir/corpus $dir/artifacts
start=$(date +%s)
if $dir/fuzz/fix_fuzzer -max_total_time="$seconds" -artifact_prefix=$dir/artifacts/ \
     $dir/corpus >$dir/planted.log 2>&1; then
  echo "planted_bug.sh: FAILED: the planted bug survived ${seconds}s of fuzzing" >&2
  exit 1
fi
if ! grep -q "fix_fuzzer oracle failed" $dir/planted.log; then
  tail -n 30 $dir/planted.log >&2
  echo "planted_bug.sh: FAILED: the fuzzer stopped, but not on an oracle" >&2
  exit 1
fi
echo "planted_bug.sh: caught in $(( $(date +%s) - start ))s: $(grep -m1 'oracle failed' $dir/planted.log)"
