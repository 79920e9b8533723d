// Internal: which pairs of Han characters occur inside Chinese words -- the
// compiled-in kHanBigramKeys (tools/gen_han_bigrams.py: python3-jieba's
// dictionary, in Simplified and, through OpenCC, in Traditional). Evidence
// for three fixers: the misalign fixer (a realignment that makes words),
// the mojibake screen (a rare character in a word is no garble) and the
// script fixer (a phrase that cuts a word is no conversion).
#pragma once

namespace norm::detail {

// Is the pair (a, b) of Han characters (U+3400-U+9FFF) inside some word?
bool han_word_pair(char32_t a, char32_t b);

}  // namespace norm::detail
