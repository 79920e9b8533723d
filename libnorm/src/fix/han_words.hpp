// Internal: which pairs of Han characters occur inside Chinese words -- the
// compiled-in kHanBigramKeys, kHanWords2 and kHanSingles
// (tools/gen_han_bigrams.py: python3-jieba's dictionary, in Simplified and,
// through OpenCC, in Traditional). Evidence
// for three fixers: the misalign fixer (a realignment that makes words),
// the mojibake screen (a rare character in a word is no garble) and the
// script fixer (a phrase that cuts a word is no conversion).
#pragma once

#include <cstdint>
#include <span>

namespace norm::detail {

// Is the pair (a, b) of Han characters (U+3400-U+9FFF) inside some word?
bool han_word_pair(char32_t a, char32_t b);

// The floor of the two-character word table: a "common" word.
inline constexpr std::uint32_t kCommonWord = 300;

// The dictionary frequency of the two-character word ab (0 below
// kCommonWord or no word), and of the one-character word c (0 below 5000): how common a
// word a lone trail byte's character would make, and how often a
// character stands alone (function characters: \u7684 \u70ba \u548c).
std::uint32_t han_word_frequency(char32_t a, char32_t b);
std::uint32_t han_word_frequency(char32_t c);

// The two-character words (frequency kCommonWord or more) that start with `a`
// (other: the second character) or end with `b` (other: the first).
struct han_word {
  char32_t other;
  std::uint32_t freq;
};
std::span<const han_word> han_words_starting(char32_t a);
std::span<const han_word> han_words_ending(char32_t b);

}  // namespace norm::detail
