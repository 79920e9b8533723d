// detect_fuzzer: norm::detect on arbitrary bytes. Oracles (each one has been
// seen to fail with a planted bug, see tests/unit/detect_test.cpp notes):
//  * binary <=> no candidates, and binary has a reason;
//  * confidences in [0, 1], sorted descending, summing to <= 1;
//  * bytes_examined <= input size;
//  * UTF-8 is never the answer for bytes that are not valid UTF-8;
//  * the answer is deterministic, and max_candidates is honoured.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "norm/norm.hpp"

namespace {
void check(bool ok) {
  if (!ok) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  norm::detection d = norm::detect(bytes);
  check((d.kind == norm::content_kind::binary) == d.candidates.empty());
  check((d.kind == norm::content_kind::binary) == (d.reason != norm::binary_reason::none));
  double sum = 0, prev = 1.0;
  for (const norm::candidate& c : d.candidates) {
    check(c.confidence >= 0.0 && c.confidence <= prev + 1e-12);
    check(c.bytes_examined <= size);
    check(c.enc != norm::encoding::unknown);
    prev = c.confidence;
    sum += c.confidence;
  }
  check(sum <= 1.0 + 1e-9);
  if (d.best() == norm::encoding::utf8) check(norm::is_valid_utf8(bytes.substr(d.bom_length)));
  if (d.best() == norm::encoding::ascii) {
    for (unsigned char c : bytes) check(c < 0x80);
  }
  norm::detect_options one;
  one.max_candidates = 1;
  norm::detection d1 = norm::detect(bytes, one);
  check(d1.candidates.size() <= 1);
  check(d1.best() == d.best());
  return 0;
}
