// The strip stage's fixers through norm::fix (only that fixer on), on the
// worst inputs for them and on benign text of the same size, 1 KiB to
// 16 MiB (RELIABILITY.md R3: time(2n)/time(n) <= 2.3 and <= 3x benign):
//   pinyin/han_a         "<Han>(a)" repeated: a candidate every 6 bytes,
//                        none a reading (10^6 of them at 6 MiB)
//   pinyin/annotated     "<fa>(fa1)" repeated: every one stripped (an edit
//                        and a trace-free splice per 8 bytes)
//   markers/amp          "&amp;" repeated (1 M at 5 MiB): every one decoded
//   markers/amp_nested   "&amp;amp;" repeated: each left (would re-form)
//   markers/kunjin       "<kun><jin>" repeated: a repair every 6 bytes
//   benign               clean Chinese prose, no parentheses or markers
// Run:
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DNORM_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target strip_bench && build-bench/bench/strip_bench
// The BigO line of each family is Google Benchmark's fit (expect O(N)).
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "norm/norm.hpp"

namespace {

std::string repeat_to(std::string_view unit, std::size_t size) {
  std::string s;
  s.reserve(size + unit.size());
  while (s.size() < size) s.append(unit);
  return s;
}

norm::fix_options only(bool pinyin, bool markers) {
  norm::fix_options o;
  o.repair_mojibake = false;
  o.repair_misalignment = false;
  o.form = norm::unicode_form::none;
  o.strip_pinyin = pinyin;
  o.repair_markers = markers;
  o.decode_html_entities = markers;
  return o;
}

void run(benchmark::State& state, std::string_view unit, const norm::fix_options& o) {
  const std::string input = repeat_to(unit, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto r = norm::fix(input, o);
    if (!r) state.SkipWithError("fix failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(input.size()));
  state.SetComplexityN(static_cast<benchmark::IterationCount>(input.size()));
}

// Clean Traditional prose (seed 004 without its annotations), 105 bytes.
constexpr std::string_view kBenign =
    "\u5728\u8fad\u820a\u8fce\u65b0\u7684\u86c7\u5e74\u6625\u7bc0\u5047\u671f\uff0c\u6a6b"
    "\u7a7a\u51fa\u4e16\u7684\u91d1\u86c7\u72c2\u821e\uff0c\u9019\u4e9b\u9818\u5148\u884c"
    "\u696d\u7684\u529b\u91cf\u7d66\u5168\u7403\u79d1\u6280\u754c\u5e36\u4f86\u4e86\u9707"
    "\u64bc\u3002\n";

void BM_PinyinHanA(benchmark::State& s) { run(s, "\u6f22(a)", only(true, false)); }
void BM_PinyinAnnotated(benchmark::State& s) { run(s, "\u767c(f\u0101)", only(true, false)); }
void BM_PinyinBenign(benchmark::State& s) { run(s, kBenign, only(true, false)); }
void BM_MarkersAmp(benchmark::State& s) { run(s, "&amp;", only(false, true)); }
void BM_MarkersAmpNested(benchmark::State& s) { run(s, "&amp;amp;", only(false, true)); }
void BM_MarkersKunjin(benchmark::State& s) { run(s, "\u951f\u65a4", only(false, true)); }
void BM_MarkersBenign(benchmark::State& s) { run(s, kBenign, only(false, true)); }

constexpr std::int64_t kMin = 1 << 10;  // 1 KiB
constexpr std::int64_t kMax = 1 << 24;  // 16 MiB

#define NORM_STRIP_BENCH(fn) \
  BENCHMARK(fn)->RangeMultiplier(4)->Range(kMin, kMax)->Unit(benchmark::kMicrosecond) \
      ->Complexity(benchmark::oN)

NORM_STRIP_BENCH(BM_PinyinHanA);
NORM_STRIP_BENCH(BM_PinyinAnnotated);
NORM_STRIP_BENCH(BM_PinyinBenign);
NORM_STRIP_BENCH(BM_MarkersAmp);
NORM_STRIP_BENCH(BM_MarkersAmpNested);
NORM_STRIP_BENCH(BM_MarkersKunjin);
NORM_STRIP_BENCH(BM_MarkersBenign);

}  // namespace

BENCHMARK_MAIN();
