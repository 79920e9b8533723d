#!/usr/bin/env bash
# Whole-process `norm fix` on the misalign fixer's hard inputs and on real
# clean CJK text, for one or more norm binaries side by side in ONE run
# (this class of machine is noisy: compare within a run). Per input and
# binary: the minimum of RUNS wall-clock times (date +%s%N) and the peak
# RSS of one run (/usr/bin/time -f %M); outputs of all binaries are
# compared (a difference is printed).
#   damaged   seed 004's damaged sentence (`?\u68a2\u54c9f`) repeated, 1.3 MB: a
#             repair every dozen characters
#   letters   `\u4e2da\u570bb` repeated, 8 MB: a letter between Han characters everywhere
#   lone      `\u8a2aX\u554f` repeated, 7 MB: a lone-letter repair every 3 characters
#   seeds     the clean seed articles (corpora/seeds/00[023]) x100, 2.7 MB
#   catalogs  corpora/golden/input/po_zh_{tw,hk}.txt x200, 2.4 MB
#   kanji     `\u691co\u3057` repeated, 4 MB: a Shift_JIS lone letter read by the
#             Japanese dictionary every 3 characters
#   japanese  corpora/golden/input/clean_ja.txt repeated to 2 MB (clean)
#   bench/misalign_compare.sh [RUNS] [NORM ...]   (default 3, build-bench/norm)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
if [[ $# -eq 0 ]]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNORM_BUILD_BENCHMARKS=ON -DNORM_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench --target norm_cli >/dev/null
  set -- "$PWD/build-bench/norm"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/norm-misalign-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
def rep(name, s, size):
    open(f"{w}/{name}", "w", encoding="utf-8").write(s * (size // len(s.encode()) + 1))
rep("damaged", "\u7a81\u767c\u72c0\u6cc1?\u68a2\u54c9f,\u9019\u662f\u4eba\u985e", 1_300_000)
rep("letters", "\u4e2da\u570bb", 8 << 20)
rep("lone", "\u8a2aX\u554f", 7 << 20)
seeds = "".join(open(f"corpora/seeds/{n}.input.txt", encoding="utf-8").read() for n in ("000", "002", "003"))
open(f"{w}/seeds", "w", encoding="utf-8").write(seeds * 100)
cats = "".join(open(f"corpora/golden/input/po_zh_{n}.txt", encoding="utf-8").read() for n in ("tw", "hk"))
open(f"{w}/catalogs", "w", encoding="utf-8").write(cats * 200)
rep("kanji", "\u691co\u3057", 4_000_000)
rep("japanese", open("corpora/golden/input/clean_ja.txt", encoding="utf-8").read(), 2_000_000)
PY
printf '%-9s %-40s %10s %10s\n' input norm "min ms" "peak KB"
for input in damaged letters lone seeds catalogs kanji japanese; do
  first=""
  for norm in "$@"; do
    best=""
    for ((r = 0; r < runs; ++r)); do
      s=$(date +%s%N)
      "$norm" fix "$work/$input" >"$work/out" 2>/dev/null || true
      e=$(date +%s%N)
      ms=$(((e - s) / 1000000))
      [[ -z $best || $ms -lt $best ]] && best=$ms
    done
    kb=$(/usr/bin/time -f %M "$norm" fix "$work/$input" 2>&1 >/dev/null | tail -1)
    printf '%-9s %-40s %10s %10s\n' "$input" "$norm" "$best" "$kb"
    if [[ -z $first ]]; then
      cp "$work/out" "$work/first"
      first=$norm
    elif ! cmp -s "$work/out" "$work/first"; then
      echo "  output differs from $first"
    fi
  done
done
