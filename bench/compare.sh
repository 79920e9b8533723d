#!/usr/bin/env bash
# Whole-process comparison, side by side in ONE run (FIELD.md: this class of
# machine is noisy; compare ratios within a run, never absolute times across
# runs):
#   1. norm detect FILE                 vs uchardet FILE
#   2. norm detect --files-from LIST    vs uchardet F1..F1000 (1000 small files)
#   3. norm convert -f gbk -t utf-8 BIG vs iconv vs uconv
#   4. norm fix BIG (clean UTF-8, and the same text garbled: UTF-8 read as
#      GBK) and norm fix --jsonl on a JSON Lines file made of the same text,
#      each vs iconv -f utf-8 -t utf-8 on the same file (the floor: a pass
#      that only validates and copies)
# Uses hyperfine when installed (it prints "N times faster than"), else a
# loop timed with `date +%s%N` (median of RUNS) and ratios printed here.
#   bench/compare.sh [RUNS]      (default 10; builds build-bench/norm first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}

cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DNORM_BUILD_BENCHMARKS=ON -DNORM_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --target norm_cli >/dev/null
norm=$PWD/build-bench/norm
for tool in uchardet iconv uconv python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool missing (tools/setup.sh installs it)" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/norm-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Inputs: corpus text when present, else the sample in corpora/samples/.
gbk_unit=corpora/detect/zh-hans/GBK.txt
[[ -f $gbk_unit ]] || gbk_unit=corpora/samples/zh_gbk.txt
one=$work/one_gbk.txt        # one detection input: ~64 KiB of GBK
big=$work/big_gbk.txt        # conversion input: ~32 MiB of GBK
: >"$one"
while [[ $(stat -c %s "$one") -lt 65536 ]]; do cat "$gbk_unit" >>"$one"; done
cp "$one" "$big"
while [[ $(stat -c %s "$big") -lt $((32 << 20)) ]]; do cat "$big" "$big" >"$big.2"; mv "$big.2" "$big"; done

mapfile -t sources < <(find corpora/detect -maxdepth 2 -name '*.txt' ! -name '*.bom.txt' 2>/dev/null | sort)
[[ ${#sources[@]} -gt 0 ]] || sources=(corpora/samples/zh_gbk.txt corpora/samples/zh_utf8.txt)
mkdir -p "$work/many"
list=$work/list.txt
: >"$list"
for i in $(seq 0 999); do
  f=$work/many/f$i.txt
  src=${sources[$((i % ${#sources[@]}))]}
  head -c 2048 "$src" >"$f"
  echo "$f" >>"$list"
done

# Section 4 inputs: the zh-hans UTF-8 text (clean), the same text garbled
# (UTF-8 read as GBK, as Python's decoder shows it), and JSON Lines: one
# object per text line, {"id", "text", "meta"}, every 10th text garbled.
utf8_unit=corpora/detect/zh-hans/UTF-8.txt
[[ -f $utf8_unit ]] || utf8_unit=corpora/samples/zh_utf8.txt
fix_clean=$work/fix_clean.txt
fix_garbled=$work/fix_garbled.txt
fix_jsonl=$work/fix.jsonl
python3 - "$utf8_unit" "$fix_clean" "$fix_garbled" "$fix_jsonl" <<'PY'
import json, sys
unit = open(sys.argv[1], encoding="utf-8").read()
size = 32 << 20
def garble(s):
    return s.encode("utf-8").decode("gbk", errors="replace")
reps = size // len(unit.encode("utf-8")) + 1
open(sys.argv[2], "w", encoding="utf-8").write(unit * reps)
# Garbled: a quarter of the size (8 MiB): repair is far slower than a pass.
open(sys.argv[3], "w", encoding="utf-8").write(garble(unit) * (reps // 4 + 1))
lines = [l for l in unit.splitlines() if l.strip()]
with open(sys.argv[4], "w", encoding="utf-8") as f:
    n = written = 0
    while written < size:
        for l in lines:
            text = garble(l) if n % 10 == 9 else l
            row = json.dumps({"id": n, "text": text, "meta": {"lang": "zh", "src": "bench"}},
                             ensure_ascii=False) + "\n"
            f.write(row)
            written += len(row.encode("utf-8"))
            n += 1
PY

echo "inputs: $(stat -c %s "$one") B detect file, 1000 files of <= 2 KiB (${#sources[@]} corpus sources), $(( $(stat -c %s "$big") >> 20 )) MiB GBK"
echo "fix inputs: $(( $(stat -c %s "$fix_clean") >> 20 )) MiB clean UTF-8, $(( $(stat -c %s "$fix_garbled") >> 20 )) MiB garbled, $(( $(stat -c %s "$fix_jsonl") >> 20 )) MiB JSON Lines"
echo "norm: $norm ($("$norm" --version))"
echo

if command -v hyperfine >/dev/null; then
  hf() { hyperfine --warmup 2 --runs "$runs" -N "$@" 2>/dev/null || hyperfine --warmup 2 --runs "$runs" "$@"; }
  echo "== 1. one file: detection"
  hf -n "norm detect" "$norm detect $one" -n uchardet "uchardet $one"
  echo "== 2. 1000 files: batch detection (one process each side)"
  hyperfine --warmup 1 --runs "$runs" \
    -n "norm detect --files-from" "$norm detect --files-from $list" \
    -n "uchardet (1000 args)" "xargs uchardet < $list"
  echo "== 3. conversion GBK -> UTF-8, $(( $(stat -c %s "$big") >> 20 )) MiB"
  hyperfine --warmup 1 --runs "$runs" \
    -n "norm convert" "$norm convert -f gbk -t utf-8 $big > /dev/null" \
    -n iconv "iconv -f gbk -t utf-8 $big > /dev/null" \
    -n uconv "uconv -f gbk -t utf-8 $big > /dev/null"
  for pair in "clean:$fix_clean" "garbled:$fix_garbled"; do
    label=${pair%%:*} file=${pair#*:}
    echo "== 4. norm fix, $label text, $(( $(stat -c %s "$file") >> 20 )) MiB (vs iconv -f utf-8 -t utf-8)"
    hyperfine --warmup 1 --runs "$runs" \
      -n "norm fix ($label)" "$norm fix $file > /dev/null" \
      -n "iconv utf-8 ($label)" "iconv -f utf-8 -t utf-8 $file > /dev/null"
  done
  echo "== 4. norm fix --jsonl, $(( $(stat -c %s "$fix_jsonl") >> 20 )) MiB (vs iconv -f utf-8 -t utf-8)"
  hyperfine --warmup 1 --runs "$runs" \
    -n "norm fix --jsonl" "$norm fix --jsonl $fix_jsonl > /dev/null" \
    -n "iconv utf-8 (jsonl)" "iconv -f utf-8 -t utf-8 $fix_jsonl > /dev/null"
  exit 0
fi

# Fallback: median wall time in ms of RUNS runs of a shell command.
median_ms() {
  local t=() s e
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); bash -c "$1" >/dev/null 2>&1 || true; e=$(date +%s%N)
    t+=($(( (e - s) / 1000 )))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}
row() {  # row LABEL BASE_MS MS
  awk -v l="$1" -v b="$2" -v m="$3" 'BEGIN {printf "  %-28s %10.2f ms   x%.2f vs norm\n", l, m, m/b}'
}
echo "== 1. one file: detection"
a=$(median_ms "$norm detect $one"); b=$(median_ms "uchardet $one")
row "norm detect" "$a" "$a"; row "uchardet" "$a" "$b"
echo "== 2. 1000 files: batch detection"
a=$(median_ms "$norm detect --files-from $list"); b=$(median_ms "xargs uchardet < $list")
row "norm detect --files-from" "$a" "$a"; row "uchardet (1000 args)" "$a" "$b"
echo "== 3. conversion GBK -> UTF-8"
a=$(median_ms "$norm convert -f gbk -t utf-8 $big")
b=$(median_ms "iconv -f gbk -t utf-8 $big"); c=$(median_ms "uconv -f gbk -t utf-8 $big")
row "norm convert" "$a" "$a"; row "iconv" "$a" "$b"; row "uconv" "$a" "$c"
mbps() {  # mbps FILE MS
  awk -v b="$(stat -c %s "$1")" -v m="$2" 'BEGIN {printf "%.0f MB/s", b / 1e6 / (m / 1e3)}'
}
for pair in "clean:$fix_clean" "garbled:$fix_garbled" "jsonl:$fix_jsonl"; do
  label=${pair%%:*} file=${pair#*:}
  args="$file"
  [[ $label == jsonl ]] && args="--jsonl $file"
  echo "== 4. norm fix ($label), $(( $(stat -c %s "$file") >> 20 )) MiB"
  a=$(median_ms "$norm fix $args"); b=$(median_ms "iconv -f utf-8 -t utf-8 $file")
  row "norm fix ($(mbps "$file" "$a"))" "$a" "$a"
  row "iconv utf-8 ($(mbps "$file" "$b"))" "$a" "$b"
done
