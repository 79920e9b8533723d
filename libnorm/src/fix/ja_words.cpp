#include "fix/ja_words.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace norm::detail {
namespace {
#include "ja_words.inc"
}  // namespace

bool ja_kanji_word(char32_t a, char32_t b) {
  if (a < 0x4E00 || a > 0x9FFF || b < 0x4E00 || b > 0x9FFF) return false;
  return std::binary_search(std::begin(kJaKanjiPairs), std::end(kJaKanjiPairs),
                            static_cast<std::uint32_t>(a << 16 | b));
}

bool ja_katakana_word(std::u32string_view word) {
  if (word.size() < 3) return false;
  std::uint64_t h = 0xCBF29CE484222325ULL;  // FNV-1a, as tools/gen_ja_words.py
  for (char32_t c : word) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return std::binary_search(std::begin(kJaKatakanaHashes), std::end(kJaKatakanaHashes), h);
}

}  // namespace norm::detail
