#!/usr/bin/env bash
# Whole-process script conversion, side by side in ONE run (FIELD.md: this
# class of machine is noisy; compare ratios within a run, never absolute
# times across runs), on the same ~20 MB file:
#   1. norm fix --script=hant FILE       vs  opencc -c s2t.json -i FILE
#      (a) only the convert stage (--no-repair --keep-pinyin --keep-markers
#          --keep-entities --normalize=none), (b) norm fix's default stages too
#   2. norm fix --script=hans (t2s) on Traditional text, the same two ways
#   3. norm fix --script=auto on Traditional text with Simplified leftovers
#      (and on clean Traditional text) vs opencc -c s2tw.json over all of it
# Each output is checked byte for byte against opencc's (norm's must equal
# it). The text: corpora/golden/input/*.txt (manpages-zh, gettext catalogs,
# clean corpus), Simplified or Traditional, repeated to ~20 MB.
# Median of RUNS wall-clock times (date +%s%N); ratios printed.
#   bench/script_compare.sh [RUNS]   (default 3; builds build-bench/norm first;
#                                     NORM_BENCH_BUILD=DIR uses another build dir)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
build=${NORM_BENCH_BUILD:-build-bench}

if [[ $build == build-bench ]]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNORM_BUILD_BENCHMARKS=ON -DNORM_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target norm_cli >/dev/null
norm=$PWD/$build/norm
command -v opencc >/dev/null || { echo "script_compare.sh: opencc missing (apt-get install opencc)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/norm-script-compare.XXXXXX")
trap 'rm -rf "$work"' EXIT

make_big() {  # OUT FILE... : the files concatenated, repeated to >= 20 MiB
  local out=$1
  shift
  cat "$@" >"$out.unit"
  : >"$out"
  while [[ $(stat -c %s "$out") -lt $((20 << 20)) ]]; do cat "$out.unit" >>"$out"; done
  rm -f "$out.unit"
}
g=corpora/golden/input
make_big "$work/hans.txt" $g/man_zh_cn.txt $g/po_zh_cn.txt $g/clean_zh_hans.txt
make_big "$work/hant.txt" $g/man_zh_tw.txt $g/po_zh_tw.txt $g/po_zh_hk.txt $g/clean_zh_hant.txt

# median wall time in ms of RUNS runs of "$@" (stdout to $work/out)
time_ms() {
  local t=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N)
    "$@" >"$work/out"
    e=$(date +%s%N)
    t+=($(((e - s) / 1000000)))
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

only="--no-repair --keep-pinyin --keep-markers --keep-entities --normalize=none"
report() {  # LABEL INPUT TARGET CONFIG
  local label=$1 in=$2 target=$3 config=$4 size mb
  size=$(stat -c %s "$in")
  mb=$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}')
  local t_occ t_only t_all
  t_occ=$(time_ms opencc -c "/usr/share/opencc/$config.json" -i "$in")
  cp "$work/out" "$work/expected"
  # shellcheck disable=SC2086
  t_only=$(time_ms "$norm" fix $only --script="$target" "$in")
  cmp -s "$work/out" "$work/expected" || { echo "$label: norm (convert stage only) differs from opencc" >&2; exit 1; }
  t_all=$(time_ms "$norm" fix --script="$target" "$in")
  cmp -s "$work/out" "$work/expected" || echo "$label: note: norm fix with default stages differs from opencc (other stages changed the text)"
  echo "$label ($mb MB, median of $runs runs, wall clock):"
  awk -v mb="$mb" -v o="$t_occ" -v a="$t_only" -v b="$t_all" -v c="$config" -v t="$target" 'BEGIN {
    printf "  opencc -c %s.json           %7d ms  %6.1f MB/s\n", c, o, mb * 1000 / o
    printf "  norm fix --script=%s (convert only) %7d ms  %6.1f MB/s  %.1fx opencc\n", t, a, mb * 1000 / a, o / a
    printf "  norm fix --script=%s (all stages)   %7d ms  %6.1f MB/s  %.1fx opencc\n", t, b, mb * 1000 / b, o / b
  }'
}

report "Simplified -> Traditional (s2t)" "$work/hans.txt" hant s2t
report "Traditional -> Simplified (t2s)" "$work/hant.txt" hans t2s

# 3. --script=auto: only the strays change. Input: the Traditional text with
# converter leftovers (every 20th line run through t2s: Simplified-only
# characters for the repair to find), vs opencc s2tw over the whole text.
awk 'NR % 20 == 0 {print > "/dev/stderr"; next} {print}' "$work/hant.txt" >"$work/auto_keep.txt" 2>"$work/auto_flip.txt"
opencc -c /usr/share/opencc/t2s.json -i "$work/auto_flip.txt" -o "$work/auto_flip_s.txt"
cat "$work/auto_keep.txt" "$work/auto_flip_s.txt" >"$work/auto.txt"
size=$(stat -c %s "$work/auto.txt")
mb=$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}')
t_occ=$(time_ms opencc -c /usr/share/opencc/s2tw.json -i "$work/auto.txt")
# shellcheck disable=SC2086
t_auto=$(time_ms "$norm" fix $only --script=auto "$work/auto.txt")
# shellcheck disable=SC2086
t_clean=$(time_ms "$norm" fix $only --script=auto "$work/hant.txt")
echo "--script=auto ($mb MB, median of $runs runs, wall clock):"
awk -v mb="$mb" -v o="$t_occ" -v a="$t_auto" -v b="$t_clean" 'BEGIN {
  printf "  opencc -c s2tw.json (whole text)          %7d ms  %6.1f MB/s\n", o, mb * 1000 / o
  printf "  norm fix --script=auto (with strays)      %7d ms  %6.1f MB/s  %.1fx opencc\n", a, mb * 1000 / a, o / a
  printf "  norm fix --script=auto (clean Traditional) %6d ms  %6.1f MB/s  %.1fx opencc\n", b, mb * 1000 / b, o / b
}'
