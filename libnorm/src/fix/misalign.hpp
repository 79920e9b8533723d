// Internal: the misalign fixer -- double-byte text (GBK, Big5, Shift_JIS,
// EUC-KR, EUC-JP) that a lost, replaced or inserted byte put one byte out of
// step. The page's decoder then read each trail byte as a lead byte: rare
// characters (`?\u68a2\u54c9f` for `\u3002\u53ef\u4ee5\u8aaa`), Private Use
// characters, U+FFFD or nothing for pairs it could not map, an ASCII letter
// where a split character had an ASCII trail byte, until an ASCII byte put
// it back in step.
//
// How: stretches of text with evidence (a rare character for the language,
// U+FFFD, a Private Use character, '?' or a stray ASCII letter next to CJK
// text, half-width katakana) are turned back into the bytes of each
// candidate encoding, and a Viterbi search over those bytes finds the most
// plausible reading (character unigram costs of the detection models, plus a
// cost per damage event: a byte lost, a lead byte replaced by '?', '?' that
// was a full-width U+FF1F before a width fold, a 3-byte UTF-8 sequence
// inserted). A stretch where that reading differs from the text is changed
// only when it is more plausible by a margin. Where a character's bytes are
// gone the output has U+FFFD (fix_options::mark_lost) or nothing, unless the
// model gives one character a posterior of kRestorePosterior or more.
// O(n) time and memory: the search holds one byte of back-pointer per byte
// of a window, and windows are bounded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output repair_misalignment(std::string_view text, const fix_options& options);

}  // namespace norm::detail
