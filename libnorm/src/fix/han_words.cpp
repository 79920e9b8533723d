#include "fix/han_words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace norm::detail {
namespace {
struct HanWordFreq {
  std::uint32_t key;
  std::uint32_t freq;
};
#include "han_bigrams.inc"

std::uint32_t lookup(const HanWordFreq* first, const HanWordFreq* last, std::uint32_t key) {
  const HanWordFreq* it =
      std::lower_bound(first, last, key, [](const HanWordFreq& e, std::uint32_t k) { return e.key < k; });
  return it != last && it->key == key ? it->freq : 0;
}

bool han(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }
}  // namespace

bool han_word_pair(char32_t a, char32_t b) {
  if (!han(a) || !han(b)) return false;
  return std::binary_search(std::begin(kHanBigramKeys), std::end(kHanBigramKeys),
                            static_cast<std::uint32_t>(a << 16 | b));
}

std::uint32_t han_word_frequency(char32_t a, char32_t b) {
  if (!han(a) || !han(b)) return 0;
  return lookup(std::begin(kHanWords2), std::end(kHanWords2), static_cast<std::uint32_t>(a << 16 | b));
}

std::uint32_t han_word_frequency(char32_t c) {
  if (!han(c)) return 0;
  return lookup(std::begin(kHanSingles), std::end(kHanSingles), static_cast<std::uint32_t>(c));
}

}  // namespace norm::detail
