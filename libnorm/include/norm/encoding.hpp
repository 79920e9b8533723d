// norm/encoding.hpp -- the character encodings libnorm knows: a closed enum,
// canonical names, aliases (case-, dash- and underscore-insensitive) and the
// script family each belongs to.
//
//   std::optional<norm::encoding> e = norm::encoding_from_name("cp936");
//   if (e) std::puts(norm::name(*e).data());        // "GBK"
//   norm::family(norm::encoding::big5);              // chinese_traditional
//   for (norm::encoding x : norm::all_encodings()) { ... }
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace norm {

// Values are stable (append only).
enum class encoding : std::uint16_t {
  unknown = 0,
  // Unicode
  ascii, utf8, utf16le, utf16be, utf32le, utf32be,
  // Chinese
  gb18030, gbk, gb2312, hz, big5, big5_hkscs, euc_tw,
  // Japanese
  shift_jis, cp932, euc_jp, iso2022jp,
  // Korean
  euc_kr, cp949, johab, iso2022kr,
  // Windows code pages
  windows1250, windows1251, windows1252, windows1253, windows1254,
  windows1255, windows1256, windows1257, windows1258,
  // ISO-8859 (there is no ISO-8859-12)
  iso8859_1, iso8859_2, iso8859_3, iso8859_4, iso8859_5, iso8859_6,
  iso8859_7, iso8859_8, iso8859_9, iso8859_10, iso8859_11, iso8859_13,
  iso8859_14, iso8859_15, iso8859_16,
  // Others
  koi8_r, koi8_u, macroman, maccyrillic, ibm866, cp437, tis620,
  windows874, viscii,
  count_  // not an encoding
};

enum class encoding_family : std::uint8_t {
  unknown, unicode, chinese_simplified, chinese_traditional, japanese, korean,
  western, central_european, south_european, nordic, baltic, celtic,
  cyrillic, greek, turkish, hebrew, arabic, thai, vietnamese,
};

// Canonical name, as IANA/WHATWG spell it where they agree ("UTF-8", "GBK",
// "Shift_JIS", "windows-1252", "ISO-8859-1", "KOI8-R"). O(1).
std::string_view name(encoding e) noexcept;
std::string_view name(encoding_family f) noexcept;

// Looks a name or alias up ("utf8", "CP936", "latin1", "sjis", "big5hkscs").
// Case, '-', '_', ' ' and '.' are ignored. O(number of aliases).
std::optional<encoding> encoding_from_name(std::string_view name) noexcept;

encoding_family family(encoding e) noexcept;

// True for encodings where every byte is one character (windows-125x,
// ISO-8859-x, KOI8, ...); false for ASCII, Unicode and CJK encodings.
bool is_single_byte(encoding e) noexcept;

// True when ASCII bytes 0x00-0x7F mean ASCII characters in every position
// (false for UTF-16/32, ISO-2022, HZ and Shift_JIS trail bytes are
// ignored here: its lead bytes are never ASCII).
bool is_ascii_compatible(encoding e) noexcept;

// Every encoding except `unknown`, in enum order.
std::span<const encoding> all_encodings() noexcept;

}  // namespace norm
