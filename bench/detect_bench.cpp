// In-process detection throughput: norm::detect vs libuchardet on the same
// bytes (corpus text repeated to 64 KiB and 4 MiB). Reports bytes/s.
//   build-bench/bench/detect_bench --benchmark_min_time=1
// Both see the whole buffer; norm scores at most 1 MiB of it (plus a UTF-8
// check of all of it) and uchardet stops when it is sure; bytes/s counts the
// whole input for both, i.e. "input classified per second".
#include <benchmark/benchmark.h>
#include <uchardet.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench_inputs.hpp"

namespace {

const bench::input_spec kInputs[] = {
    {"zh-hans", "UTF-8", norm::encoding::utf8, bench::kZh},
    {"zh-hans", "GBK", norm::encoding::gbk, bench::kZh},
    {"zh-hant", "Big5", norm::encoding::big5, bench::kZhHant},
    {"ja", "Shift_JIS", norm::encoding::shift_jis, bench::kJa},
    {"ru", "windows-1251", norm::encoding::windows1251, bench::kRu},
};

// 64 KiB: a typical document; 4 MiB: a large file (past norm's 1 MiB
// scoring window).
constexpr std::size_t kSizes[] = {64 * 1024, 4 << 20};

void bm_norm(benchmark::State& state, const std::string* input) {
  std::string answer;
  for (auto _ : state) {
    norm::detection d = norm::detect(*input);
    benchmark::DoNotOptimize(d);
    answer = norm::name(d.best());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
  state.SetLabel(answer);
}

void bm_uchardet(benchmark::State& state, const std::string* input) {
  uchardet_t ud = uchardet_new();
  std::string answer;
  for (auto _ : state) {
    uchardet_reset(ud);
    uchardet_handle_data(ud, input->data(), input->size());
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    benchmark::DoNotOptimize(cs);
    answer = cs;
  }
  uchardet_delete(ud);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input->size()));
  state.SetLabel(answer.empty() ? "(none)" : answer);
}

}  // namespace

int main(int argc, char** argv) {
  static std::vector<std::string> inputs;  // outlive the benchmarks
  inputs.reserve(std::size(kInputs) * std::size(kSizes));
  for (const auto& spec : kInputs) {
    for (std::size_t size : kSizes) {
      inputs.push_back(bench::make_input(spec, size));
      const std::string* in = &inputs.back();
      if (in->empty()) continue;
      const std::string tag = std::string(spec.lang) + "/" + spec.file_enc + "/" +
                              std::to_string(size / 1024) + "KiB";
      benchmark::RegisterBenchmark(("norm_detect/" + tag).c_str(), bm_norm, in);
      benchmark::RegisterBenchmark(("uchardet/" + tag).c_str(), bm_uchardet, in);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
