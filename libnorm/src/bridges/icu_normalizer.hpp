// Internal: the ICU normalization bridge. The only file that includes ICU's
// normalizer headers (unicode/normalizer2.h, unicode/uchar.h for the quick
// check properties); the normalize fixer (fix/normalize.cpp) sees only
// these functions. No ICU type and no exception other than std::bad_alloc
// leaves it: ICU reports through error codes, and every function says what
// it returns when ICU fails (the fixer then leaves the text alone).
//
//   using norm::detail::icu_form;
//   std::uint64_t m = norm::detail::icu_safe_mask(icu_form::nfc, 0x300 >> 6);
//   std::string out;
//   if (!norm::detail::icu_is_normalized(icu_form::nfc, s))
//     norm::detail::icu_normalize(icu_form::nfc, s, out);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace norm::detail {

enum class icu_form : std::uint8_t { nfc, nfkc };

// Bit i of the result is set when code point (block * 64 + i) is "safe" for
// `form`: its quick-check value is Yes and its canonical combining class is
// 0. Such a character is a normalization boundary (nothing before it
// combines with it or reorders past it) and is unchanged by the form, so a
// text made only of safe characters is already normalized, and a stretch
// between two safe characters normalizes on its own. Surrogates and
// unassigned-but-stable code points follow ICU's data (ICU 72 on Debian 12).
// block < 0x110000 / 64; 0 when ICU fails.
std::uint64_t icu_safe_mask(icu_form form, std::uint32_t block) noexcept;

// True when valid UTF-8 `utf8` is already in `form` (ICU's
// isNormalizedUTF8). On an ICU error: true (the caller leaves it alone).
// O(n) for runs of at most a few hundred combining marks (ICU reorders by
// insertion; the caller bounds the stretch).
bool icu_is_normalized(icu_form form, std::string_view utf8) noexcept;

// `utf8` (valid UTF-8) in `form`, written to `out` (replaced). False on an
// ICU error (out is then unspecified). Throws only std::bad_alloc.
bool icu_normalize(icu_form form, std::string_view utf8, std::string& out);

// The canonical composite of a + b (e.g. U+30C6 + U+3099 -> U+30C7), or -1
// when there is none (Normalizer2::composePair on the NFC data).
std::int32_t icu_compose_pair(std::uint32_t a, std::uint32_t b) noexcept;

}  // namespace norm::detail
