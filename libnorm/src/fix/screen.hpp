// Internal: the clean-text fast path of the mojibake fixer. One scan over
// the UTF-8, a table lookup per non-ASCII character, finds the places where
// some wrong-decoder reading could apply; the full engine (mojibake.hpp)
// then runs only on windows around them (their lines, bounded). Clean text
// -- the common case of an ingest pipeline -- costs one pass.
//
// A place is suspect when (necessary conditions of the engine's passes,
// made cheap):
//  * UTF-8 read as a single-byte code page W: two adjacent characters whose
//    W bytes are a UTF-8 lead (C2-F4) and a continuation byte (80-BF);
//  * UTF-8 or legacy CJK read as a double-byte code page: rare CJK
//    characters in a row (every ideographic model finds them rare: two
//    above 16 bits or three above 14 bits each; clean text has such pairs
//    in about 1% of 100-character lines, garble in nearly every pair);
//  * legacy double-byte text read as a Latin code page: two adjacent
//    non-ASCII characters of windows-1252/ISO-8859-1/windows-1254;
//  * ... read as windows-1251/KOI8-R: Cyrillic next to a symbol of those
//    code pages, or a lower-case letter followed by an upper-case one;
//  * U+FFFD next to a rare CJK or a Latin-1 character; private use, C1
//    controls, half-width katakana, a Greek or
//    Cyrillic letter next to a CJK character.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace norm::detail {

// Sorted, disjoint byte ranges [begin, end) of `utf8` (valid UTF-8) to run
// the engine on; empty for clean text.
std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows(std::string_view utf8);

// What the misalignment gate (misalign_suspect) finds in the same pass.
struct screen_gate {
  bool local = false;     // its own conditions ('?' or U+FFFD by CJK, ...)
  bool seen_cjk = false;  // the text has CJK
  // misalign_suspect()'s answer, given whether the screen found windows.
  bool suspect(bool windows) const { return local || (seen_cjk && windows); }
};

// suspicious_windows(), and the misalignment gate's answer for the same
// text in `gate` (one pass for both).
std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows(std::string_view utf8,
                                                                    screen_gate& gate);

// The screen and the gate as first written (a scan each, no fast loop):
// references for the differential test (tests/unit/screen_test.cpp).
std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows_reference(std::string_view utf8);
bool misalign_suspect_reference(std::string_view utf8, int windows_known = -1);

}  // namespace norm::detail

namespace norm::detail {

// The misalignment fixer's gate: true when the text holds what a
// double-byte decoder running out of step leaves -- a `?` or U+FFFD next
// to CJK text, one ASCII letter between two CJK characters, or what
// suspicious_windows() finds (rare CJK characters in a row). Clean text
// (almost all of it) skips the fixer's search.
// `windows_known`: what suspicious_windows() gave for this very text when
// the caller has it (0: none, 1: some), -1 to compute it.
bool misalign_suspect(std::string_view utf8, int windows_known = -1);

}  // namespace norm::detail
