// Internal: how plausible a piece of Unicode text is, under the language
// model that explains it best (the detection models: character unigrams for
// Chinese, Japanese, Korean; class bigrams for alphabetic languages). The
// repair stage changes text only when this cost drops by a margin.
#pragma once

#include <cstdint>
#include <string_view>

namespace norm::detail {

enum class model_family : std::uint8_t { ideographic, alphabetic };

// Cost in half-bits (lower is more plausible) under the best model of the
// family. O(n * models).
std::int64_t text_cost(std::u32string_view text, model_family family);

// The family to judge a change with: ideographic when either version holds
// a Han, kana or Hangul character (the alphabetic models see all of those
// as one "other letter" class and cannot tell a common character from a
// rare one), alphabetic otherwise.
model_family family_for(std::u32string_view a, std::u32string_view b);

}  // namespace norm::detail
