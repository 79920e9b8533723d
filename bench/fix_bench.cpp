// norm::fix throughput (bytes of input per second), 4 MiB per input:
//  * clean UTF-8 (Chinese, French, Russian): the common case of an ingest
//    pipeline, which must pass through fast (issue 3: >= 300 MB/s);
//  * the same text garbled, made at startup with norm::encode/decode: UTF-8
//    read as GBK (Chinese), as windows-1252 (French, Russian) and as
//    windows-1251 (Russian) (issue 3: repaired at >= 20 MB/s);
//  * UTF-8 Chinese read as GBK the way Python does it
//    (`s.encode().decode("gbk", errors="replace")`: a pair GBK cannot map
//    gives U+FFFD for its first byte only, and the next byte starts the
//    next character: lossier than ICU, which drops both), the input of
//    bench/compare.sh's garbled row;
//  * real clean text, repeated: the seed news articles (corpora/seeds/000,
//    002, 003: names, numbers and English inside Chinese, which the
//    repair stages look at closely) and Debian's zh_TW / zh_HK gettext
//    catalogs (corpora/golden/input/po_zh_*.txt).
// Inputs come from corpora/detect/<lang>/UTF-8.txt, repeated.
//   build-bench/bench/fix_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <initializer_list>
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

// Python's GBK decoder with errors="replace": a valid two-byte code is its
// character; any other byte >= 0x80 is one U+FFFD, and decoding goes on at
// the next byte. The two-byte codes come from norm::decode, once per pair,
// less the user-defined area. (Checked against python3 on
// corpora/detect/zh-hans/UTF-8.txt: identical output.)
std::string garble_python_gbk(const std::string& utf8) {
  static const std::vector<char32_t> pairs = [] {
    std::vector<char32_t> t(0x80 * 0x100, 0);
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead)
      for (unsigned trail = 0x40; trail <= 0xFE; ++trail) {
        const char b[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        auto d = norm::decode(std::string_view(b, 2), norm::encoding::gbk);
        if (!d) continue;
        const auto& u = d->text;  // one character, 2 to 4 bytes of UTF-8
        char32_t cp = 0;
        if (u.size() == 3) cp = (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
        else if (u.size() == 2) cp = (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
        // Python's table has no user-defined area (ICU maps it to the
        // Private Use Area): invalid there.
        if (cp < 0xE000 || cp > 0xF8FF) t[(lead - 0x80) << 8 | trail] = cp;
      }
    return t;
  }();
  const std::string& bytes = utf8;
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  auto put = [&out](char32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | cp >> 6));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | cp >> 12));
      out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  };
  for (std::size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      put(b);
      ++i;
      continue;
    }
    const char32_t cp = b >= 0x81 && b <= 0xFE && i + 1 < bytes.size()
                            ? pairs[(b - 0x80u) << 8 | static_cast<unsigned char>(bytes[i + 1])]
                            : 0;
    put(cp != 0 ? cp : 0xFFFD);
    i += cp != 0 ? 2 : 1;
  }
  return out;
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
  inputs.reserve(16);  // the benchmarks hold pointers into it: never reallocate
  names.reserve(16);
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
  auto repeated = [](std::initializer_list<const char*> files) {
    std::string unit;
    for (const char* f : files) unit += bench::read_file(std::string(NORM_CORPUS_DIR) + "/" + f);
    return bench::repeat(unit, kSize);
  };
  add("fix/clean/zh-news/seeds", repeated({"seeds/000.input.txt", "seeds/002.input.txt", "seeds/003.input.txt"}));
  add("fix/clean/zh-hant/catalogs", repeated({"golden/input/po_zh_tw.txt", "golden/input/po_zh_hk.txt"}));
  add("fix/garbled/zh/UTF-8-as-GBK", garble(zh, norm::encoding::gbk));
  add("fix/garbled/zh/UTF-8-as-GBK-python", garble_python_gbk(zh));
  add("fix/garbled/fr/UTF-8-as-windows-1252", garble(fr, norm::encoding::windows1252));
  add("fix/garbled/ru/UTF-8-as-windows-1252", garble(ru, norm::encoding::windows1252));
  add("fix/garbled/ru/UTF-8-as-windows-1251", garble(ru, norm::encoding::windows1251));

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
