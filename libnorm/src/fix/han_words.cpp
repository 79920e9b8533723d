#include "fix/han_words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace norm::detail {
namespace {
#include "han_bigrams.inc"
}  // namespace

bool han_word_pair(char32_t a, char32_t b) {
  auto han = [](char32_t c) { return c >= 0x3400 && c <= 0x9FFF; };
  if (!han(a) || !han(b)) return false;
  return std::binary_search(std::begin(kHanBigramKeys), std::end(kHanBigramKeys),
                            static_cast<std::uint32_t>(a << 16 | b));
}

}  // namespace norm::detail
