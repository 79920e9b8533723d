// norm::fix throughput (bytes of input per second), 4 MiB per input:
//  * clean UTF-8 (Chinese, French, Russian): the common case of an ingest
//    pipeline, which must pass through fast (issue 3: >= 300 MB/s);
//  * the same text garbled, made at startup with norm::encode/decode: UTF-8
//    read as GBK (Chinese), as windows-1252 (French, Russian) and as
//    windows-1251 (Russian) (issue 3: repaired at >= 20 MB/s).
// Inputs come from corpora/detect/<lang>/UTF-8.txt, repeated.
//   build-bench/bench/fix_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bench_inputs.hpp"

namespace {

constexpr std::size_t kSize = 4 << 20;  // 4 MiB: well past cache sizes

inline constexpr std::string_view kFr =
    "Le caf\u00e9 au lait, s'il vous pla\u00eet. Les \u00e9l\u00e8ves ont "
    "r\u00e9ussi l'examen de fran\u00e7ais \u00e0 No\u00ebl.\n";

void bm_fix(benchmark::State& state, const std::string* input) {
  for (auto _ : state) {
    auto r = norm::fix(*input);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(r->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
}

// UTF-8 text as a reader that took its bytes for `wrong` shows it (bytes
// `wrong` cannot map become U+FFFD, as they do in real mojibake).
std::string garble(const std::string& utf8, norm::encoding wrong) {
  norm::decode_options o;
  o.on_error = norm::error_policy::replace;
  auto d = norm::decode(utf8, wrong, o);
  if (!d) {
    std::fprintf(stderr, "fix_bench: cannot garble: %s\n", d.error().message.c_str());
    return {};
  }
  return std::move(d->text);
}

}  // namespace

int main(int argc, char** argv) {
  struct spec {
    const char* name;
    bench::input_spec in;
  };
  const spec clean[] = {
      {"zh", {"zh-hans", "UTF-8", norm::encoding::utf8, bench::kZh}},
      {"fr", {"fr", "UTF-8", norm::encoding::utf8, kFr}},
      {"ru", {"ru", "UTF-8", norm::encoding::utf8, bench::kRu}},
  };
  static std::vector<std::string> inputs;
  static std::vector<std::string> names;
  inputs.reserve(8);
  names.reserve(8);
  auto add = [](std::string name, std::string text) {
    if (text.empty()) return;
    inputs.push_back(std::move(text));
    names.push_back(std::move(name));
    benchmark::RegisterBenchmark(names.back().c_str(), bm_fix, &inputs.back());
  };
  std::string zh, fr, ru;
  for (const spec& s : clean) {
    std::string text = bench::make_input(s.in, kSize);
    if (std::string_view(s.name) == "zh") zh = text;
    if (std::string_view(s.name) == "fr") fr = text;
    if (std::string_view(s.name) == "ru") ru = text;
    add(std::string("fix/clean/") + s.name + "/UTF-8", std::move(text));
  }
  add("fix/garbled/zh/UTF-8-as-GBK", garble(zh, norm::encoding::gbk));
  add("fix/garbled/fr/UTF-8-as-windows-1252", garble(fr, norm::encoding::windows1252));
  add("fix/garbled/ru/UTF-8-as-windows-1252", garble(ru, norm::encoding::windows1252));
  add("fix/garbled/ru/UTF-8-as-windows-1251", garble(ru, norm::encoding::windows1251));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
