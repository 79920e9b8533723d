// Internal: Japanese words -- the compiled-in kJaKanjiPairs and
// kJaKatakanaHashes (tools/gen_ja_words.py: mecab-ipadic's dictionary
// source). Evidence for the misalign fixer's Shift_JIS lone trail bytes: a
// letter beside a kanji that makes a two-kanji word with a code of that
// trail byte (`\u691co\u3057\u305f`: \u691c\u51fa), a letter before a
// katakana run that the katakana of lead 0x83 makes a word of
// (`t\u30e9\u30b0`: \u30d5\u30e9\u30b0).
#pragma once

#include <cstdint>
#include <string_view>

namespace norm::detail {

// Is ab a two-kanji word (both U+4E00-U+9FFF)?
bool ja_kanji_word(char32_t a, char32_t b);

// Is `word` (three characters or more) a katakana word of the dictionary?
bool ja_katakana_word(std::u32string_view word);

}  // namespace norm::detail
