// bench/bench_inputs.hpp -- benchmark inputs: corpus text of one language in
// one encoding, repeated to a target size. Read from
// corpora/detect/<lang>/<encoding>.txt (the file name is the encoding); when
// that file is missing, a built-in sample (\u-escaped, source stays ASCII)
// is encoded with norm::encode instead.
//
//   std::string gbk = bench::make_input({"zh-hans", "GBK", norm::encoding::gbk,
//                                        bench::kZh}, 4 << 20);
#pragma once

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <norm/norm.hpp>

namespace bench {

inline constexpr std::string_view kZh =
    "\u4e2d\u6587\u7f16\u7801\u68c0\u6d4b\u548c\u8f6c\u6362\u5de5\u5177\u3002"
    "\u8fd9\u6bb5\u6587\u5b57\u7528\u6765\u6d4b\u8bd5\u547d\u4ee4\u884c\u7a0b"
    "\u5e8f\u80fd\u5426\u6b63\u786e\u8bc6\u522b\u7b80\u4f53\u4e2d\u6587\u7684"
    "\u7f16\u7801\uff0c\u5e76\u5728\u4e0d\u540c\u7f16\u7801\u4e4b\u95f4\u8f6c"
    "\u6362\u800c\u4e0d\u4e22\u5931\u4efb\u4f55\u5b57\u8282\u3002\n";
inline constexpr std::string_view kZhHant =
    "\u4e2d\u6587\u7de8\u78bc\u6aa2\u6e2c\u548c\u8f49\u63db\u5de5\u5177\u3002"
    "\u9019\u6bb5\u6587\u5b57\u7528\u4f86\u6e2c\u8a66\u547d\u4ee4\u5217\u7a0b"
    "\u5f0f\u80fd\u5426\u6b63\u78ba\u8b58\u5225\u7e41\u9ad4\u4e2d\u6587\u3002\n";
inline constexpr std::string_view kJa =
    "\u3053\u308c\u306f\u6587\u5b57\u30b3\u30fc\u30c9\u3092\u5224\u5b9a\u3059"
    "\u308b\u305f\u3081\u306e\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059"
    "\u3002\u30c6\u30b9\u30c8\u3092\u7e70\u308a\u8fd4\u3057\u307e\u3059\u3002\n";
inline constexpr std::string_view kRu =
    "\u042d\u0442\u043e \u0440\u0443\u0441\u0441\u043a\u0438\u0439 \u0442"
    "\u0435\u043a\u0441\u0442 \u0434\u043b\u044f \u043f\u0440\u043e\u0432"
    "\u0435\u0440\u043a\u0438 \u043e\u043f\u0440\u0435\u0434\u0435\u043b"
    "\u0435\u043d\u0438\u044f \u043a\u043e\u0434\u0438\u0440\u043e\u0432"
    "\u043a\u0438.\n";

struct input_spec {
  const char* lang;        // corpora/detect/<lang>/
  const char* file_enc;    // <file_enc>.txt
  norm::encoding enc;
  std::string_view fallback_utf8;
};

inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// `size` bytes or a little less: whole copies of `unit`, at least one
// (empty for an empty unit).
inline std::string repeat(const std::string& unit, std::size_t size) {
  std::string out;
  if (unit.empty()) return out;
  out.reserve(size + unit.size());
  do out += unit; while (out.size() + unit.size() <= size);
  return out;
}

// `size` bytes or a little less (whole copies of the sample, at least one).
inline std::string make_input(const input_spec& spec, std::size_t size) {
  std::string unit = read_file(std::string(NORM_CORPUS_DIR) + "/detect/" + spec.lang + "/" +
                               spec.file_enc + ".txt");
  if (unit.empty()) {
    std::fprintf(stderr, "bench: corpora/detect/%s/%s.txt missing; using the built-in sample\n",
                 spec.lang, spec.file_enc);
    auto e = norm::encode(spec.fallback_utf8, spec.enc);
    if (e) unit = std::move(e->bytes);
  }
  return repeat(unit, size);
}

}  // namespace bench
