// Byte <-> code point tables from glibc's charmaps (see charmap.hpp). The
// data is generated into libnorm/data/charmaps.inc by tools/gen_charmaps.py;
// this file only hands out pointers and spans to it (O(1), no allocation).
#include "detail/charmap.hpp"

namespace norm::detail {
namespace {

constexpr char32_t N = kNoChar;  // "undefined" in the generated tables

#include "charmaps.inc"

}  // namespace

const char32_t* single_byte_map(encoding e) noexcept {
  switch (e) {
    case encoding::windows1250: return kSb_windows1250;
    case encoding::windows1251: return kSb_windows1251;
    case encoding::windows1252: return kSb_windows1252;
    case encoding::windows1253: return kSb_windows1253;
    case encoding::windows1254: return kSb_windows1254;
    case encoding::windows1255: return kSb_windows1255;
    case encoding::windows1256: return kSb_windows1256;
    case encoding::windows1257: return kSb_windows1257;
    case encoding::windows1258: return kSb_windows1258;
    case encoding::iso8859_1: return kSb_iso8859_1;
    case encoding::iso8859_2: return kSb_iso8859_2;
    case encoding::iso8859_3: return kSb_iso8859_3;
    case encoding::iso8859_4: return kSb_iso8859_4;
    case encoding::iso8859_5: return kSb_iso8859_5;
    case encoding::iso8859_6: return kSb_iso8859_6;
    case encoding::iso8859_7: return kSb_iso8859_7;
    case encoding::iso8859_8: return kSb_iso8859_8;
    case encoding::iso8859_9: return kSb_iso8859_9;
    case encoding::iso8859_10: return kSb_iso8859_10;
    case encoding::iso8859_11: return kSb_iso8859_11;
    case encoding::iso8859_13: return kSb_iso8859_13;
    case encoding::iso8859_14: return kSb_iso8859_14;
    case encoding::iso8859_15: return kSb_iso8859_15;
    case encoding::iso8859_16: return kSb_iso8859_16;
    case encoding::koi8_r: return kSb_koi8_r;
    case encoding::koi8_u: return kSb_koi8_u;
    case encoding::macroman: return kSb_macroman;
    case encoding::maccyrillic: return kSb_maccyrillic;
    case encoding::ibm866: return kSb_ibm866;
    case encoding::cp437: return kSb_cp437;
    case encoding::tis620: return kSb_tis620;
    case encoding::windows874: return kSb_windows874;
    case encoding::viscii: return kSb_viscii;
    default: return nullptr;
  }
}

std::span<const dbcs_entry> double_byte_map(encoding e) noexcept {
  switch (e) {
    case encoding::gbk: return kDb_gbk;
    case encoding::big5: return kDb_big5;
    case encoding::big5_hkscs: return kDb_big5_hkscs;
    case encoding::euc_tw: return kDb_euc_tw;
    case encoding::shift_jis: return kDb_shift_jis;
    case encoding::cp932: return kDb_cp932;
    case encoding::euc_jp: return kDb_euc_jp;
    case encoding::euc_kr: return kDb_euc_kr;
    case encoding::cp949: return kDb_cp949;
    case encoding::johab: return kDb_johab;
    default: return {};
  }
}

}  // namespace norm::detail
