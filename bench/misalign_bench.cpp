// The misalign fixer's time per byte, 1 KiB ... 16 MiB, on its worst case:
// one long run of misaligned text (Chinese without an ASCII byte, in GBK,
// its first lead byte lost, read as GBK: the decoder never gets back in
// step, every window is searched and every stretch repaired), and for
// comparison the same text clean. Linear time: bytes/s stays flat from 64 KiB
// up (below that the per-call start-up shows).
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DNORM_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target misalign_bench && build-bench/bench/misalign_bench
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "norm/norm.hpp"

namespace {

// Chinese with full-width punctuation only (no ASCII: nothing resyncs).
constexpr std::string_view kSentence =
    "\u81ea\u52a8\u5220\u9664\u4f9d\u8d56\u4e8e\u88ab\u4f9d\u8d56\u5b57\u6bb5\u6216\u8005\u7ea6\u675f\u7684\u5bf9"
    "\u8c61\uff0c\u6bd4\u5982\u5f15\u7528\u8be5\u5b57\u6bb5\u7684\u89c6\u56fe\u3002\u8fd9\u662f\u7f3a\u7701\u884c"
    "\u4e3a\uff0c\u5982\u679c\u5b57\u6bb5\u6216\u8005\u7ea6\u675f\u8fd8\u6709\u4efb\u4f55\u4f9d\u8d56\u7684\u5bf9"
    "\u8c61\uff0c\u5219\u62d2\u7edd\u5220\u9664\u8be5\u5b57\u6bb5\u3002";

std::string clean_text(std::size_t bytes) {
  std::string s;
  while (s.size() < bytes) s += kSentence;
  return s;
}

// `text` in GBK, first lead byte lost, decoded as GBK (U+FFFD for what the
// decoder cannot map).
std::string misaligned(const std::string& text) {
  auto e = norm::encode(text, norm::encoding::gbk);
  if (!e) return text;
  std::string bytes = e->bytes.substr(1);
  norm::decode_options o;
  o.on_error = norm::error_policy::replace;
  auto d = norm::decode(bytes, norm::encoding::gbk, o);
  return d ? d->text : text;
}

norm::fix_options misalign_only() {
  norm::fix_options o;
  o.repair_mojibake = false;
  o.strip_pinyin = false;
  o.repair_markers = false;
  o.decode_html_entities = false;
  o.form = norm::unicode_form::none;
  o.max_rounds = 1;  // one sweep: the time per byte of the fixer itself
  return o;
}

void run(benchmark::State& state, const std::string& input) {
  const norm::fix_options o = misalign_only();
  for (auto _ : state) {
    auto r = norm::fix(input, o);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(r->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.counters["ns_per_byte"] = benchmark::Counter(
      static_cast<double>(state.iterations() * input.size()),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void bm_misaligned(benchmark::State& state) {
  // made from UTF-8 of about the target size (the garble is about as long)
  const std::string input = misaligned(clean_text(static_cast<std::size_t>(state.range(0))));
  run(state, input);
}

void bm_clean(benchmark::State& state) {
  const std::string input = clean_text(static_cast<std::size_t>(state.range(0)));
  run(state, input);
}

BENCHMARK(bm_misaligned)->RangeMultiplier(4)->Range(1 << 10, 16 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_clean)->RangeMultiplier(4)->Range(1 << 10, 16 << 20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
