// Script conversion throughput (bytes of input per second), norm's own
// converter against libopencc in-process, on the same ~20 MB in the same run
// (FIELD.md: compare ratios within a run):
//   norm/s2t, opencc/s2t   Simplified input (corpora/golden/input: manpages-zh
//                          zh_CN, gettext zh_CN, clean zh-hans), repeated
//   norm/t2s, opencc/t2s   Traditional input (manpages-zh zh_TW, gettext
//                          zh_TW and zh_HK, clean zh-hant), repeated
//   norm/s2twp, opencc/s2twp   the longest chain (3 steps)
//   fix/hant               norm::fix --script=hant --normalize=none (the
//                          fixer: conversion plus per-line edits)
// The ratio is printed after the runs. Both converters are loaded before
// timing (first use builds norm's tries, about 0.1 s; OpenCC loads its
// dictionaries).
//   build-bench/bench/script_bench
#include <benchmark/benchmark.h>

#include <opencc/opencc.h>

#include <cstdio>
#include <map>
#include <string>
#include <string_view>

#include "bench_inputs.hpp"
#include "fix/script_convert.hpp"

namespace {

constexpr std::size_t kSize = 20u << 20;  // ~20 MB, as the issue asks

std::string make_text(std::initializer_list<const char*> names) {
  std::string unit;
  for (const char* n : names)
    unit += bench::read_file(std::string(NORM_CORPUS_DIR) + "/golden/input/" + n + ".txt");
  if (unit.empty()) return {};
  std::string out;
  out.reserve(kSize + unit.size());
  while (out.size() < kSize) out += unit;
  return out;
}

const std::string& hans() {
  static const std::string s = make_text({"man_zh_cn", "po_zh_cn", "clean_zh_hans"});
  return s;
}
const std::string& hant() {
  static const std::string s = make_text({"man_zh_tw", "po_zh_tw", "po_zh_hk", "clean_zh_hant"});
  return s;
}

std::map<std::string, double>& rates() {
  static std::map<std::string, double> r;
  return r;
}

void bm_norm(benchmark::State& state, norm::detail::opencc_config c, const std::string& (*in)()) {
  const std::string& text = in();
  if (text.empty()) {
    state.SkipWithError("corpora/golden/input missing");
    return;
  }
  (void)norm::detail::convert_text(c, "x");  // build the tries before timing
  for (auto _ : state) {
    std::string out = norm::detail::convert_text(c, text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void bm_opencc(benchmark::State& state, const char* config, const std::string& (*in)()) {
  const std::string& text = in();
  if (text.empty()) {
    state.SkipWithError("corpora/golden/input missing");
    return;
  }
  opencc::SimpleConverter conv(std::string("/usr/share/opencc/") + config + ".json");
  for (auto _ : state) {
    std::string out = conv.Convert(text);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void bm_fix_hant(benchmark::State& state) {
  const std::string& text = hans();
  norm::fix_options o;
  o.form = norm::unicode_form::none;
  o.script = norm::script_target::hant;
  for (auto _ : state) {
    auto r = norm::fix(text, o);
    benchmark::DoNotOptimize(r->text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

using norm::detail::opencc_config;
BENCHMARK_CAPTURE(bm_norm, s2t, opencc_config::s2t, hans)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_opencc, s2t, "s2t", hans)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_norm, t2s, opencc_config::t2s, hant)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_opencc, t2s, "t2s", hant)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_norm, s2twp, opencc_config::s2twp, hans)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_opencc, s2twp, "s2twp", hans)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_fix_hant)->Unit(benchmark::kMillisecond);

// Prints "norm/opencc" ratios after the table.
class ratio_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs) {
      auto it = r.counters.find("bytes_per_second");
      if (it != r.counters.end()) rates()[r.benchmark_name()] = it->second;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  ratio_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  for (const char* c : {"s2t", "t2s", "s2twp"}) {
    auto n = rates().find(std::string("bm_norm/") + c);
    auto o = rates().find(std::string("bm_opencc/") + c);
    if (n == rates().end() || o == rates().end() || o->second <= 0) continue;
    std::printf("%-6s norm %.1f MB/s, libopencc %.1f MB/s: norm is %.1fx faster\n", c,
                n->second / 1e6, o->second / 1e6, n->second / o->second);
  }
  benchmark::Shutdown();
  return 0;
}
