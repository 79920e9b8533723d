// Internal: the markers fixer -- lossy markers (kunjinkao, MSVC fill, U+FFFD
// runs, ? for lost characters) and HTML character references in plain text.
//
// repair_markers() reports each marker as a finding (fixer "markers") with
// its byte range, and repairs where the bytes allow it:
//   kunjinkao        U+951F U+65A4 U+62F7 ("kun jin kao"): U+FFFD U+FFFD
//                    (EF BF BD EF BF BD) read as GBK (EFBF BDEF BFBD).
//                    A run of those characters in that cyclic order,
//                    starting with U+951F U+65A4 (two or more characters;
//                    U+65A4 "jin" and U+62F7 "kao" alone are common words),
//                    optionally led by the tail "U+65A4 U+62F7" or "U+62F7"
//                    of a U+FFFD whose head was lost. Repair (when
//                    fix_options::repair_markers): the GBK bytes of the run
//                    hold one U+FFFD per EF byte plus one for a leading
//                    partial sequence, so the run becomes that many U+FFFD:
//                    U+951F U+65A4 U+62F7 -> 2, U+951F U+65A4 -> 1 plus the
//                    head of a second = 2, a lone U+951F is never touched.
//                    When the run ends inside a U+FFFD (its bytes end in EF
//                    or EF BF) and a '?' or U+FFFD follows, that is the
//                    decoder's mark for the unpaired rest: absorbed.
//   msvc-fill        3+ U+70EB ("tang", CC CC: MSVC's uninitialized stack) or
//                    3+ U+5C6F ("tun", CD CD: uninitialized heap) in a row.
//                    Reported only: the bytes were never text.
//   replacement-run  a run of U+FFFD. Reported only.
//   question-marker  '?' standing in for a character a conversion could not
//                    map, conservatively: a line that is '?'(1-2) + 1..16 Han
//                    + '?'(1-2) (a heading between two lost symbols), or,
//                    when the document has 2+ of them, a line that starts
//                    with '?' + optional space + Han (a lost bullet).
//                    Reported only.
//   html-entity      &name; (a fixed list of common names) &#NNN; &#xHHH;.
//                    Decoded when fix_options::decode_html_entities and the
//                    text is neither HTML (has a tag such as <p>, </a>,
//                    <div ...>) nor code (#include, std::, "};", ...).
//                    Idempotence: an entity is decoded only when its result
//                    cannot be part of an entity -- not one of & # ; or an
//                    ASCII letter or digit -- except '&' from &amp; / &#38;
//                    when what follows does not make a known entity
//                    ("&amp;lt;" stays). Also left: code points 0, C0/C1
//                    controls other than tab/LF/CR, surrogates, > U+10FFFF.
// Findings are capped at kMaxFindings (1000) per call; edits are not, but
// repairs of one kind at most 8 bytes apart are merged into one edit of at
// most 4 KiB (the bytes between kept as they are).
// Edits: action "replace" parameter "kunjinkao"; action "decode"
// parameter "html-entity". O(n): one scan; each look-ahead is bounded.
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output repair_markers(std::string_view text, const fix_options& options);

// Exposed for tests: true when the text is HTML or code (entities are left).
bool looks_like_markup_or_code(std::string_view text);

}  // namespace norm::detail
