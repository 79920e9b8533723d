// The normalize stage's throughput (bytes of input per second), 1 MiB per
// input, the fixer alone (norm::detail::normalize_text, default options:
// form=nfc) and through norm::fix with every other stage off:
//  * clean ASCII, clean Chinese (zh-hant, corpora/detect), clean Latin with
//    accents (fr, corpora/detect): the quick check, which runs on every
//    `norm fix` (targets: >= 1 GB/s ASCII, >= 500 MB/s CJK);
//  * French in NFD (every accent decomposed): normalization needed;
//  * width=cjk over Chinese with ASCII commas (every comma converted).
//   cmake -S . -B build-bench -G Ninja -DNORM_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target normalize_bench
//   build-bench/bench/normalize_bench
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "bench_inputs.hpp"
// The fixer is internal (bench/CMakeLists.txt puts libnorm/src on the path).
#include "fix/normalize.hpp"

namespace {

constexpr std::size_t kSize = 1 << 20;

std::string repeat(std::string_view unit) {
  std::string s;
  s.reserve(kSize + unit.size());
  while (s.size() < kSize) s.append(unit);
  return s;
}

// French: a sentence with many accents, composed (NFC) and decomposed.
constexpr std::string_view kFrNfc =
    "Le caf\u00e9 au lait, s'il vous pla\u00eet. Les \u00e9l\u00e8ves ont "
    "r\u00e9ussi l'examen de fran\u00e7ais \u00e0 No\u00ebl, d\u00e9j\u00e0.\n";
constexpr std::string_view kFrNfd =
    "Le cafe\u0301 au lait, s'il vous plai\u0302t. Les e\u0301le\u0300ves ont "
    "re\u0301ussi l'examen de franc\u0327ais a\u0300 Noe\u0308l, de\u0301ja\u0300.\n";
// Traditional Chinese with ASCII commas between Han characters (seed 004).
constexpr std::string_view kZhCommas =
    "\u5728\u8fad\u820a\u8fce\u65b0\u7684\u86c7\u5e74\u6625\u7bc0\u5047\u671f,"
    "\u6a6b\u7a7a\u51fa\u4e16\u7684DeepSeek\u91d1\u86c7\u72c2\u821e,"
    "\u9019\u4e9b\u9818\u5148\u884c\u696d\u7684\u529b\u91cf\u3002\n";

void bm_stage(benchmark::State& state, const std::string* input, norm::fix_options o) {
  for (auto _ : state) {
    auto out = norm::detail::normalize_text(*input, o);
    benchmark::DoNotOptimize(out.edits.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
}

void bm_fix(benchmark::State& state, const std::string* input, norm::fix_options o) {
  o.repair_mojibake = o.repair_misalignment = false;
  o.strip_pinyin = o.repair_markers = o.decode_html_entities = false;
  for (auto _ : state) {
    auto r = norm::fix(*input, o);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(r->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
}

}  // namespace

int main(int argc, char** argv) {
  static const std::string ascii = repeat(
      "The quick brown fox jumps over the lazy dog; 0123456789 (ASCII only).\n");
  static const std::string zh =
      bench::make_input({"zh-hant", "UTF-8", norm::encoding::utf8, bench::kZhHant}, kSize);
  static const std::string zh_hans =
      bench::make_input({"zh-hans", "UTF-8", norm::encoding::utf8, bench::kZh}, kSize);
  static const std::string fr = repeat(kFrNfc);
  static const std::string fr_nfd = repeat(kFrNfd);
  static const std::string zh_commas = repeat(kZhCommas);
  const norm::fix_options nfc;
  norm::fix_options nfkc;
  nfkc.form = norm::unicode_form::nfkc;
  norm::fix_options cjk;
  cjk.width = norm::width_mode::cjk;
  benchmark::RegisterBenchmark("stage/nfc/clean_ascii", bm_stage, &ascii, nfc);
  benchmark::RegisterBenchmark("stage/nfc/clean_zh_hant", bm_stage, &zh, nfc);
  benchmark::RegisterBenchmark("stage/nfc/clean_zh_hans", bm_stage, &zh_hans, nfc);
  benchmark::RegisterBenchmark("stage/nfc/clean_latin_accents", bm_stage, &fr, nfc);
  benchmark::RegisterBenchmark("stage/nfkc/clean_zh_hant", bm_stage, &zh, nfkc);
  benchmark::RegisterBenchmark("stage/nfc/needed_latin_nfd", bm_stage, &fr_nfd, nfc);
  benchmark::RegisterBenchmark("stage/width_cjk/zh_commas", bm_stage, &zh_commas, cjk);
  benchmark::RegisterBenchmark("fix/nfc/clean_ascii", bm_fix, &ascii, nfc);
  benchmark::RegisterBenchmark("fix/nfc/clean_zh_hant", bm_fix, &zh, nfc);
  benchmark::RegisterBenchmark("fix/nfc/needed_latin_nfd", bm_fix, &fr_nfd, nfc);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
