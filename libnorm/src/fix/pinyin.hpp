// Internal: the pinyin fixer -- inline pinyin annotations after Han characters.
//
// Some converters write a character's reading after it in ASCII parentheses
// (U+6625 U+7BC0 "(jie2)" with the tone as a mark: "spring festival" with
// the reading of its second character). strip_pinyin() removes such an
// annotation when all of this holds:
//   * the character before `(` is Han (U+3400..4DBF, U+4E00..9FFF,
//     U+F900..FAFF, U+20000..323AF); an ASCII letter there (a base character
//     garbled by misalignment) is never stripped after: the repair stage
//     restores the base first, the next run strips;
//   * inside the parentheses is exactly one syllable: lowercase letters,
//     at most one tone (a precomposed or combining mark, or a digit 1-5
//     after the letters; no mark and no digit is the neutral tone), 'v' or
//     'u:' or u-diaeresis for u-diaeresis; at most 6 letters;
//   * that syllable is a reading of the character in Unihan (kMandarin,
//     kHanyuPinyin, kXHC1983, kTGHZ2013, kHanyuPinlu; libnorm/data/pinyin.inc
//     from tools/gen_pinyin_table.py), tone included;
//   * the document shows the pattern: at least kMinAnnotations (3) such
//     annotations outside lesson context, and at most one wrong toned
//     reading (a syllable that is not a reading of its character) for every
//     kValidPerWrong (4) right ones -- a converter is consistent;
//   * every annotation of that character in the document gives the same
//     reading (a converter applies the default reading without context; a
//     lesson on a polyphone shows two readings);
//   * not lesson context: not `<open quote>X(py)<close quote>` and not right
//     after a reading cue (U+8B80 U+4F5C "read as" and kin, see kCues);
//   * the `)` is not followed by `(` (stripping would make a new candidate:
//     idempotence), and the base is not U+951F followed by U+65A4 (that
//     would make kunjinkao, which the markers fixer, run before, repairs).
// Edits: action "strip", parameter the reading as written; no findings.
// Annotations one character apart ("X(x)Y(y)") are one edit (up to 4 KiB)
// whose parameter lists the readings separated by spaces.
// O(n): two scans; a candidate looks at most 24 bytes past its `(` and 12
// bytes before its base; memory is one entry per distinct annotated
// character.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output strip_pinyin(std::string_view text, const fix_options& options);

// Exposed for tests: the canonical numbered form of one syllable
// ("jie2", "lv4", "de5"), or "" when `reading` is not a single syllable in
// one of the accepted spellings.
std::string canonical_pinyin(std::string_view reading);
// True when the canonical syllable is a Unihan reading of code point cp.
bool is_reading_of(char32_t cp, std::string_view canonical);

}  // namespace norm::detail
