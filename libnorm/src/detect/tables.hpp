// Internal: the scoring tables the detector builds once, lazily, from the
// generated charmaps (detail/charmap.hpp) and language models
// (detail/lang_model.hpp). Built on first use of a legacy hypothesis;
// read-only (and so thread-safe) afterwards.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "detail/lang_model.hpp"
#include "norm/encoding.hpp"

namespace norm::detail {

inline constexpr std::uint8_t kInvalid = 255;

// How the bytes of a double-byte family are laid out, beyond lead+trail.
enum class mb_layout : std::uint8_t {
  gb,     // GBK/GB18030: + 4-byte GB18030 sequences, 0x80 = euro
  big5,   // Big5 / Big5-HKSCS
  euc_tw, // + 8E A1..A7 plane prefix (4 bytes)
  sjis,   // + A1..DF single-byte half-width katakana
  euc_jp, // + 8E xx half-width katakana, 8F xx xx JIS X 0212
  uhc,    // EUC-KR / cp949
  johab,
};

// One double-byte hypothesis: an encoding family read with one language.
struct mb_table {
  encoding enc;               // the superset: gbk, big5_hkscs, euc_tw, cp932, euc_jp, cp949, johab
  encoding narrow;            // name when only narrow codes are seen (gbk->gbk, big5_hkscs->big5,
                              // cp932->shift_jis, cp949->euc_kr); == enc if none
  mb_layout layout;
  const lang_model* model;
  std::vector<std::uint8_t> pair_cost;   // [lead<<8|trail] -> half-bits, kInvalid if no char
  std::vector<std::uint8_t> wide_only;   // [code] 1 if the code is outside `narrow`
  std::array<std::uint8_t, 256> single_cost;  // high byte alone; kInvalid if not a char alone
  std::int32_t prior;         // half-bits added once
};

// One single-byte hypothesis: an encoding read with one language's model.
struct sb_table {
  encoding enc;
  const lang_model* model;
  const std::uint8_t* bigram;  // the model's, with symbol/control made neutral
  std::array<std::uint8_t, 256> cls;  // byte -> model class
  // Extra cost of the byte's character within its class: the class bigram
  // says how likely "some symbol" or "some foreign letter" is, not which
  // one; 0 for alphabet letters.
  std::array<std::uint8_t, 256> emission;
  std::int32_t prior;
};

// Per-model dense cost over the BMP for ideographic models (65536 entries).
struct ideo_costs {
  const lang_model* model;
  std::vector<std::uint8_t> bmp;
  std::uint8_t cost(char32_t cp) const noexcept;
};

struct scoring_tables {
  std::vector<mb_table> mb;
  std::vector<sb_table> sb;
  std::vector<ideo_costs> ideo;  // zh-hans, zh-hant, ja, ko (those present)
  std::vector<std::vector<std::uint8_t>> bigrams;  // adjusted copies, one per model used
  std::vector<const lang_model*> bigram_models;    // bigrams[i] belongs to bigram_models[i]
  // alpha_class() of bigram_models[i] for every code point below
  // kDenseClassLimit (Latin, Greek, Cyrillic, Hebrew, Arabic, Thai,
  // Vietnamese, general punctuation): the text model's hot lookup.
  std::vector<std::vector<std::uint8_t>> dense_class;
  std::vector<cp_class> bmp_class;  // classify() for the whole BMP
};

// The prior (half-bits) of reading input as `e`; also ranks encodings that
// decode a given input identically (the more common name is reported).
std::int32_t encoding_prior(encoding e) noexcept;

// The class of `cp` in an alphabetic model (alphabet letter, or a special
// class by cp_class), and the extra cost of the character within it.
std::uint8_t alpha_class(const lang_model& m, char32_t cp);
std::uint8_t alpha_emission(std::uint8_t cls, char32_t cp);

inline constexpr char32_t kDenseClassLimit = 0x3000;

// Built on first call (a few milliseconds), then shared.
const scoring_tables& tables();
// The same bmp_class and ideo, without the code pages' tables (mb, sb,
// bigrams and dense_class empty): built on first call in about 1 ms, for
// the paths that clean text takes.
const scoring_tables& ideo_tables();

}  // namespace norm::detail
