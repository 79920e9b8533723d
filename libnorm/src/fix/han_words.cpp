#include "fix/han_words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

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

namespace {
// kHanWords2 indexed by one of its characters: keys[i] the character,
// words[i] the other one and the frequency, sorted by key.
struct word_index {
  std::vector<char32_t> keys;
  std::vector<han_word> words;
  explicit word_index(bool by_first) {
    std::vector<std::pair<char32_t, han_word>> all;
    all.reserve(std::size(kHanWords2));
    for (const HanWordFreq& e : kHanWords2) {
      const char32_t a = e.key >> 16, b = e.key & 0xFFFF;
      all.push_back(by_first ? std::pair{a, han_word{b, e.freq}} : std::pair{b, han_word{a, e.freq}});
    }
    // (kHanWords2 is sorted by its first character already)
    if (!by_first)
      std::stable_sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [k, w] : all) {
      keys.push_back(k);
      words.push_back(w);
    }
  }
  std::span<const han_word> find(char32_t k) const {
    auto [lo, hi] = std::equal_range(keys.begin(), keys.end(), k);
    return {words.data() + (lo - keys.begin()), static_cast<std::size_t>(hi - lo)};
  }
};
const word_index& index(bool by_first) {
  static const word_index* first = new word_index(true);  // never destroyed
  static const word_index* second = new word_index(false);
  return by_first ? *first : *second;
}
}  // namespace

std::span<const han_word> han_words_starting(char32_t a) { return index(true).find(a); }
std::span<const han_word> han_words_ending(char32_t b) { return index(false).find(b); }

}  // namespace norm::detail
