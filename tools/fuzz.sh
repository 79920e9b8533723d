#!/usr/bin/env bash
# A fuzz campaign with libFuzzer + ASan + UBSan:
#   tools/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
# TARGET is a fuzz/<TARGET>.cpp name, e.g. detect_fuzzer or decode_fuzzer.
# Builds with clang into build-fuzz (-DNORM_BUILD_FUZZERS=ON) and runs the
# fuzzer for SECONDS over fuzz/seeds/TARGET (read only) plus the work
# directory build-fuzz/corpus/TARGET (new inputs go there). Crashes land in
# build-fuzz/artifacts/TARGET/; minimize them into
# corpora/regressions/TARGET/ (RELIABILITY.md R2). The whole library is
# built with -fsanitize=fuzzer-no-link so libFuzzer sees its coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 ]]; then
  echo "usage: tools/fuzz.sh TARGET SECONDS [libFuzzer flags...]" >&2
  ls fuzz/*_fuzzer.cpp 2>/dev/null | sed 's|fuzz/||; s|\.cpp$||; s|^|  targets: |' >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
if [[ ! -f fuzz/$target.cpp ]]; then
  echo "fuzz.sh: no fuzz/$target.cpp" >&2
  exit 2
fi
command -v clang++ >/dev/null || tools/setup.sh

cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DNORM_BUILD_FUZZERS=ON -DNORM_SANITIZE=ON -DNORM_BUILD_TESTS=OFF \
  -DNORM_BUILD_CLI=OFF -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
cmake --build build-fuzz -j "$(nproc 2>/dev/null || echo 2)" --target "$target"

work=build-fuzz/corpus/$target
artifacts=build-fuzz/artifacts/$target
mkdir -p "$work" "$artifacts" "fuzz/seeds/$target"
bin=$(find build-fuzz -type f -name "$target" -perm -u+x | head -n 1)
echo "fuzz.sh: $bin for ${seconds}s; corpus $work + fuzz/seeds/$target" >&2
exec "$bin" -max_total_time="$seconds" -artifact_prefix="$artifacts/" \
  "$@" "$work" "fuzz/seeds/$target"
