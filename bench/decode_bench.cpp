// norm::decode throughput (bytes of input per second): GBK -> UTF-8 and
// UTF-8 -> UTF-8 (validation + copy), whole buffer and streamed in 64 KiB
// chunks through norm::decoder.
//   build-bench/bench/decode_bench
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "bench_inputs.hpp"

namespace {

constexpr std::size_t kSize = 4 << 20;     // 4 MiB: well past cache sizes
constexpr std::size_t kChunk = 64 * 1024;  // the CLI's chunk size

void bm_decode(benchmark::State& state, const std::string* input, norm::encoding from) {
  for (auto _ : state) {
    auto r = norm::decode(*input, from);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      break;
    }
    benchmark::DoNotOptimize(r->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
}

void bm_stream(benchmark::State& state, const std::string* input, norm::encoding from) {
  std::string out;
  for (auto _ : state) {
    auto d = norm::decoder::create(from);
    if (!d) {
      state.SkipWithError(d.error().message.c_str());
      break;
    }
    const std::string_view all = *input;
    for (std::size_t pos = 0; pos < all.size(); pos += kChunk) {
      out.clear();
      if (!d->feed(all.substr(pos, kChunk), out)) {
        state.SkipWithError("feed failed");
        break;
      }
      benchmark::DoNotOptimize(out.data());
    }
    out.clear();
    if (!d->finish(out)) state.SkipWithError("finish failed");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<std::string> inputs;
  inputs.reserve(2);
  inputs.push_back(bench::make_input({"zh-hans", "GBK", norm::encoding::gbk, bench::kZh}, kSize));
  inputs.push_back(
      bench::make_input({"zh-hans", "UTF-8", norm::encoding::utf8, bench::kZh}, kSize));
  benchmark::RegisterBenchmark("decode/GBK->UTF-8", bm_decode, &inputs[0], norm::encoding::gbk);
  benchmark::RegisterBenchmark("decode/UTF-8->UTF-8", bm_decode, &inputs[1],
                               norm::encoding::utf8);
  benchmark::RegisterBenchmark("decoder_64KiB/GBK->UTF-8", bm_stream, &inputs[0],
                               norm::encoding::gbk);
  benchmark::RegisterBenchmark("decoder_64KiB/UTF-8->UTF-8", bm_stream, &inputs[1],
                               norm::encoding::utf8);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
