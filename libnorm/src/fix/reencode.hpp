// Internal: turning text back into the bytes a wrong decoder read, the way
// real decoders map them ("sloppy" windows-125x: an undefined byte 0x81
// came out as U+0081, as in Windows and browsers). Our own reverse tables,
// built lazily per encoding from the charmaps: no ICU on this hot path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "norm/encoding.hpp"

namespace norm::detail {

class reencoder {
 public:
  // nullptr when `e` has no table (only table encodings are wrong-decoder
  // candidates).
  static const reencoder* get(encoding e);

  encoding enc() const noexcept { return enc_; }
  // Appends the bytes of `cp` to `out`; false when `e` cannot hold it.
  bool append(char32_t cp, std::string& out) const noexcept {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      return true;
    }
    if (cp >= 0x10000) return false;
    std::uint16_t v = rev_[cp];
    if (v == 0) return false;
    if (v < 0x100) {
      out.push_back(static_cast<char>(v));
    } else {
      out.push_back(static_cast<char>(v >> 8));
      out.push_back(static_cast<char>(v & 0xFF));
    }
    return true;
  }
  // Single-byte encodings: the byte for `cp` (precondition: can(cp)).
  std::uint8_t byte(char32_t cp) const noexcept {
    return cp < 0x80 ? static_cast<std::uint8_t>(cp) : static_cast<std::uint8_t>(rev_[cp]);
  }
  bool can(char32_t cp) const noexcept { return cp < 0x80 || (cp < 0x10000 && rev_[cp] != 0); }
  // The code of a BMP code point >= 0x80: a byte (< 0x100), lead << 8 |
  // trail, or 0 when `e` cannot hold it.
  std::uint16_t code(char32_t cp) const noexcept { return cp < 0x10000 ? rev_[cp] : 0; }

 private:
  explicit reencoder(encoding e);
  void set_pua(char32_t cp, int lead, int trail) {
    if (rev_[cp] == 0) rev_[cp] = static_cast<std::uint16_t>(lead << 8 | trail);
  }
  encoding enc_;
  std::vector<std::uint16_t> rev_;  // cp -> byte (< 0x100) or lead<<8|trail; 0 = none
};

}  // namespace norm::detail
