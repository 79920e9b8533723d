#include "fix/reencode.hpp"

#include <array>
#include <memory>
#include <mutex>

#include "bridges/icu_converter.hpp"
#include "detail/charmap.hpp"

namespace norm::detail {

reencoder::reencoder(encoding e) : enc_(e), rev_(0x10000, 0) {
  if (const char32_t* map = single_byte_map(e)) {
    for (int b = 0xFF; b >= 0x80; --b)
      if (map[b] != kNoChar && map[b] < 0x10000) rev_[map[b]] = static_cast<std::uint16_t>(b);
    // Sloppy: an undefined byte decodes to the C1 control of the same value.
    for (int b = 0x80; b < 0xA0; ++b)
      if (map[b] == kNoChar && rev_[b] == 0) rev_[b] = static_cast<std::uint16_t>(b);
    return;
  }
  for (const dbcs_entry& d : double_byte_map(e))
    if (d.cp < 0x10000 && d.cp >= 0x80 && rev_[d.cp] == 0) rev_[d.cp] = d.code;
  if (e == encoding::cp932 || e == encoding::shift_jis)  // half-width katakana
    for (int b = 0xA1; b <= 0xDF; ++b) rev_[0xFF61 + (b - 0xA1)] = static_cast<std::uint16_t>(b);
  if (e == encoding::euc_jp)
    for (int b = 0xA1; b <= 0xDF; ++b) rev_[0xFF61 + (b - 0xA1)] = static_cast<std::uint16_t>(0x8E00 | b);
  if (e == encoding::gbk) {
    rev_[0x20AC] = 0x80;  // cp936: euro
    // cp936's user-defined areas, as Windows and ICU decode them: to the
    // Private Use Area, in this order (FIELD.md: real GBK mojibake carries
    // these invisible characters; decoding them back needs their bytes).
    char32_t pua = 0xE000;
    for (int lead = 0xAA; lead <= 0xAF; ++lead)
      for (int trail = 0xA1; trail <= 0xFE; ++trail) set_pua(pua++, lead, trail);
    for (int lead = 0xF8; lead <= 0xFE; ++lead)
      for (int trail = 0xA1; trail <= 0xFE; ++trail) set_pua(pua++, lead, trail);
    for (int lead = 0xA1; lead <= 0xA7; ++lead)
      for (int trail = 0x40; trail <= 0xA0; ++trail)
        if (trail != 0x7F) set_pua(pua++, lead, trail);
  }
  // What the decoder libnorm runs (ICU) makes of two-byte codes the table
  // above lacks: the rest of the user-defined areas (GBK's holes in the
  // symbol rows, Big5's and Shift_JIS's user areas, EUC-KR's) and the
  // vendor forms (Shift_JIS 0x8160 as U+FF5E). Mojibake made by that
  // decoder carries these characters; undoing it needs their bytes. The
  // table's own mapping of a character wins.
  for (const dbcs_entry& d : icu_double_byte_codes(e))
    if (rev_[d.cp] == 0) rev_[d.cp] = d.code;
}

const reencoder* reencoder::get(encoding e) {
  static std::array<std::unique_ptr<reencoder>, static_cast<std::size_t>(encoding::count_)> cache;
  static std::array<std::once_flag, static_cast<std::size_t>(encoding::count_)> once;
  auto i = static_cast<std::size_t>(e);
  if (i == 0 || i >= cache.size()) return nullptr;
  if (single_byte_map(e) == nullptr && double_byte_map(e).empty()) return nullptr;
  std::call_once(once[i], [&] { cache[i].reset(new reencoder(e)); });
  return cache[i].get();
}

}  // namespace norm::detail
