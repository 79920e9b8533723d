// Internal: the mojibake fixer. One call makes one sweep over the text with
// every suspected wrong decoder W (windows-1252, GBK, ...):
//  * UTF-8 read as W: runs of W-encodable text are turned back into W's
//    bytes; "islands" of valid multi-byte UTF-8 in them are decoded;
//  * legacy text read as W: stretches of non-ASCII characters are turned
//    back into W's bytes and read with the legacy encoding the detection
//    scorer ranks first (GBK, Big5, Shift_JIS, EUC-KR, windows-1251, ...).
// A candidate replaces the text only when the language models find it
// clearly more plausible, in context (text_model.hpp). Layered damage is
// undone by calling it again (the pipeline's rounds).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace norm::detail {

struct text_edit {
  std::size_t begin = 0;  // byte offsets in the text the sweep was given
  std::size_t end = 0;
  std::string after;
  std::string parameter;  // "windows-1252>UTF-8"
  double confidence = 1.0;
  std::int64_t gain = 0;  // half-bits of plausibility won, prior deducted
  bool structural = false;  // valid multi-byte UTF-8 (the UTF-8 route)
  bool whole = false;       // the fast path: the whole window read as UTF-8
};

// The text as code points, with the byte offset of each (and of the end).
// Offsets are 32-bit: fix() refuses inputs above 1 GiB.
struct prepared_text {
  std::u32string cps;
  std::vector<std::uint32_t> offs;
};
prepared_text prepare(std::string_view utf8);

// Candidate edits of one wrong decoder's pass over `text` (prepared from
// the same UTF-8), sorted and non-overlapping.
// `claimed`: byte ranges (sorted) already repaired by strong UTF-8
// evidence this round; legacy readings skip regions that touch them.
std::vector<text_edit> find_mojibake(const prepared_text& text, std::size_t decoder_index,
                                     const std::vector<text_edit>* claimed = nullptr,
                                     bool repaired_before = false);

// One repair round: every decoder's candidates compete; the best gain wins
// each stretch of text. Sorted, non-overlapping edits.
// `whole_only`: try only the fast whole-window reading (the rounds after
// one: what is left of a window read whole is another layer of the same).
// `repaired_before`: earlier rounds changed this window (short legacy
// stretches amid CJK text are judged only then, or beside long ones).
std::vector<text_edit> mojibake_round(const prepared_text& text, bool whole_only = false,
                                      bool repaired_before = false);
std::size_t mojibake_decoder_count() noexcept;

// True when the text holds nothing any pass could change (all ASCII).
bool mojibake_impossible(std::string_view utf8) noexcept;

}  // namespace norm::detail
