#!/usr/bin/env bash
# RELIABILITY.md R4: `norm fix` on inputs too large to hold, streamed
# (norm::fix_stream, the default above 16 MiB) vs whole (--stream-above
# 1073741824), with glibc iconv and ICU uconv (UTF-8 to UTF-8: a read and a
# write) on the same files, side by side in ONE run. Per input and command:
# wall-clock seconds and peak RSS of one run (/usr/bin/time); the streamed
# and whole outputs are compared byte for byte.
#   line      one line of clean Chinese (seed 000) with no newline, SIZE MiB
#             (default 1024: the 1 GiB line of R4; whole is skipped above
#             1024 MiB)
#   damage    64 MB of seed 004's damaged sentence (`?\u68a2\u54c9f`) with no
#             newline: a misalignment repair every dozen characters
#   gbk       256 MB of the Chinese sample in GB18030, in lines (detection
#             on the head, decoding as it comes)
#   bench/stream_compare.sh [NORM] [SIZE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
norm=${1:-build-bench/norm}
size_mib=${2:-1024}
if [[ ! -x $norm ]]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNORM_BUILD_BENCHMARKS=ON -DNORM_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench --target norm_cli >/dev/null
  norm=build-bench/norm
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/norm-stream-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$size_mib" <<'PY'
import sys
w, size = sys.argv[1], int(sys.argv[2]) << 20
def fill(name, unit, total):
    unit = unit * max(1, (1 << 20) // len(unit))
    with open(f"{w}/{name}", "wb") as f:
        n = 0
        while n + len(unit) <= total:
            f.write(unit)
            n += len(unit)
seed = open("corpora/seeds/000.input.txt", encoding="utf-8").read().replace("\n", "")
fill("line", seed.encode(), size)
fill("damage", "\u7a81\u767c\u72c0\u6cc1?\u68a2\u54c9f,\u9019\u662f\u4eba\u985e".encode(), 64 << 20)
zh = open("corpora/samples/zh_utf8.txt", encoding="utf-8").read()
fill("gbk", zh.encode("gb18030"), 256 << 20)
PY
measure() {  # LABEL OUT CMD...
  local label=$1 out=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$out" 2>"$work/err" || {
    echo "$label: failed: $(head -c 300 "$work/err")"
    return 0
  }
  read -r secs kb <"$work/time"
  printf '%-8s %-26s %8.2f s %9.1f MB\n' "$input" "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}
printf '%-8s %-26s %10s %12s\n' input command time "peak RSS"
for input in line damage gbk; do
  f=$work/$input
  printf '%-8s (%d MB)\n' "$input" $(($(stat -c %s "$f") / 1000000))
  measure "norm fix (streamed)" "$work/out.stream" "$norm" fix "$f"
  if [[ $input != line || $size_mib -le 1024 ]]; then
    measure "norm fix (whole)" "$work/out.whole" "$norm" fix --stream-above 1073741824 "$f"
    if cmp -s "$work/out.stream" "$work/out.whole"; then echo "         streamed == whole"; else echo "         streamed != whole"; fi
    rm -f "$work/out.whole"
  fi
  rm -f "$work/out.stream"
  if [[ $input != gbk ]]; then
    measure "iconv -f utf-8 -t utf-8" /dev/null iconv -f utf-8 -t utf-8 "$f"
    command -v uconv >/dev/null && measure "uconv -f utf-8 -t utf-8" /dev/null uconv -f utf-8 -t utf-8 "$f"
  else
    measure "iconv -f gb18030" /dev/null iconv -f gb18030 -t utf-8 "$f"
    command -v uconv >/dev/null && measure "uconv -f gb18030" /dev/null uconv -f gb18030 -t utf-8 "$f"
  fi
done
