// Internal: the normalize fixer -- Unicode form (NFC/NFKC), width, spaces,
// newlines (fix_options::form, width, spaces, newlines). It runs on every
// `norm fix` (the default form is NFC), so already-normalized text costs one
// quick scan: code points below U+0300 (NFKC: U+00A0), Han and Hangul
// syllables pass without a table lookup, others through a lazily filled
// per-64-code-point mask of ICU's quick-check data; only the stretch
// between two normalization boundaries around a suspect character goes to
// ICU (bridges/icu_normalizer), and an edit is made only where it changes.
//
//   norm::fix_options o;  o.width = norm::width_mode::cjk;
//   auto out = norm::detail::normalize_text(text, o);  // edits, not text
//   // out.edits: sorted, non-overlapping; action "nfc", "nfkc",
//   // "width-fold", "width-cjk", "spaces", "newlines" (joined with '+'
//   // where two of them touch the same bytes, e.g. "nfkc+width-cjk").
//
// The steps run in this order, each on the output of the one before; the
// edits returned are their composition, in offsets of the input:
//  1. form: NFC or NFKC (ICU Normalizer2). A stretch longer than 512 bytes
//     between two boundaries (a run of ~250 combining marks; UAX #15's
//     stream-safe format allows 30) is left as it is and reported
//     ("long-combining-run"): ICU reorders marks by insertion, quadratic in
//     the run length. CJK compatibility ideographs (U+F900..FAFF,
//     U+2F800..2FA1F) are kept as they are, unlike ICU's NFC: their
//     singleton mappings erase what KS X 1001 Hanja and Big5 round-trip,
//     and the repair stage reads them as evidence (idempotence broke on
//     Korean garbles). "NFC" here is NFC with that one exception.
//  2. width=fold: U+FF01..U+FF5E -> U+0021..U+007E; half-width katakana and
//     punctuation U+FF61..U+FF9F -> their full-width forms, a half-width
//     voiced/semi-voiced mark (U+FF9E/U+FF9F) combined with the kana before
//     it where a precomposed form exists (TE + U+FF9E -> DE, U+30C7), else
//     the spacing full-width mark (U+309B/U+309C). U+3000 is left to
//     spaces=ascii.
//  3. width=cjk: ASCII `, ; : ? ! ( )` to U+FF0C U+FF1B U+FF1A U+FF1F
//     U+FF01 U+FF08 U+FF09 in Chinese prose. Classes of a neighbour (the
//     nearest character that is not a horizontal space, at most 8 spaces
//     away, on the same line):
//       H  Han (U+3400..4DBF, U+4E00..9FFF, U+F900..FAFF, U+3007,
//          U+20000..3134F)
//       C  CJK punctuation (U+3001..3003, U+3008..3011, U+3014..301F,
//          U+FF01..FF0F, U+FF1A..FF20, U+FF3B..FF40, U+FF5B..FF65), and a
//          parenthesis this step converts
//       Q  U+2018/2019/201C/201D quotes, U+2014 dash, U+2026 ellipsis
//       A  ASCII letter or digit, or `%`, directly adjacent (no space)
//     Rules, checked in this order:
//     a. Parentheses: a `(` and its matching `)` on the same line (outside
//        URLs) become U+FF08/U+FF09 when the first and last non-space
//        characters inside are H or C (`DeepSeek(<Han>)` -> full-width), or
//        when the inside is at most 64 bytes and the character directly
//        outside on one side is H and on the other H, C, a `, ; : ? !` or
//        the line's start/end (`<Han>(Nasdaq)<Han>`, `<Han>(DeepSeek),`).
//     b. `, ; :` are converted when both neighbours are H, C or Q and at
//        least one is H or C (`<Han>,<Han>`, `<close quote>,<Han>`);
//        `? !` when the left neighbour is H, C or Q and the right one is H,
//        C, Q or the end of the line (`<Han>?` at a line end).
//     c. On a line that has C characters (or a conversion by a or b),
//        `, ; :` directly between H and A, either way round, are converted
//        too (`1/20,<Han>`, `13.78%,<Han>`, `<Han>:DeepSeek`).
//     The horizontal spaces between a converted mark and its neighbours are
//     absorbed (`<Han> , <Han>` -> `<Han>U+FF0C<Han>`). Never converted:
//     anything inside a URL (`scheme://` or `www.` up to a space, `"<>` or
//     a non-ASCII character), `.` (decimals, abbreviations), ASCII quotes,
//     numbers (`1,000`: A on both sides), Latin text and code
//     (`f(x, y)`, `{"k":"v"}`: no H neighbour), mixed runs with spaces
//     (`Hello, <Han>`: a space before the Han).
//     Known limit: comma-separated data with Han fields (`<Han>,<Han>`) is
//     treated as prose; do not use width=cjk on tables.
//  4. spaces=ascii: every Zs but U+0020 (U+00A0, U+1680, U+2000..200A,
//     U+202F, U+205F, U+3000) -> U+0020.
//  5. newlines=lf|crlf: CRLF, lone CR and lone LF -> the chosen form. NEL
//     (U+0085), U+2028 and U+2029 are kept (NEL is far more often a
//     windows-1252 ellipsis misread than a line break).
//  6. When 2-5 changed something and form != none: NFC again (a folded
//     letter may now compose with a mark after it), so the fixer is
//     idempotent.
// Output is byte-identical when nothing applies; every step is O(n).
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output normalize_text(std::string_view text, const fix_options& options);

}  // namespace norm::detail
