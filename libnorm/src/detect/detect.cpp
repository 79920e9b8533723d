// norm::detect: structure first (BOM, file signatures, NUL layout, escape
// sequences, strict UTF-8), then the legacy scorer for everything else.
#include "norm/detect.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "bridges/uchardet_bridge.hpp"
#include "detail/charmap.hpp"
#include "detect/legacy_scorer.hpp"
#include "detect/tables.hpp"
#include "norm/utf8.hpp"

namespace norm {

std::string_view to_string(content_kind k) noexcept {
  return k == content_kind::text ? "text" : "binary";
}

std::string_view to_string(binary_reason r) noexcept {
  switch (r) {
    case binary_reason::none: return "none";
    case binary_reason::magic_number: return "magic_number";
    case binary_reason::nul_bytes: return "nul_bytes";
    case binary_reason::control_bytes: return "control_bytes";
  }
  return "none";
}

namespace {

using namespace std::string_view_literals;
using detail::scored_reading;

// The structural checks look at the first 64 KiB: a binary file shows
// itself long before that, and it keeps detect() on a 1 GiB input cheap.
constexpr std::size_t kSniffBytes = 64 * 1024;
// Text confidence is a softmax over costs with this temperature, in bits:
// a reading 4 bits behind has half the weight.
constexpr double kTemperatureBits = 4.0;
// A legacy answer is reliable when it leads the next distinct reading by
// 24 bits (odds > 10^7 under the models) -- 16-byte CJK pieces that the
// models decide correctly have margins well above this.
constexpr double kReliableBits = 24.0;

struct magic {
  std::string_view bytes;
  std::size_t offset;
  std::string_view what;
};
constexpr magic kMagics[] = {
    {"\x7F" "ELF"sv, 0, "ELF executable"},
    {"\x89PNG\r\n\x1A\n"sv, 0, "PNG image"},
    {"GIF87a"sv, 0, "GIF image"},
    {"GIF89a"sv, 0, "GIF image"},
    {"\xFF\xD8\xFF"sv, 0, "JPEG image"},
    {"%PDF-"sv, 0, "PDF document"},
    {"PK\x03\x04"sv, 0, "ZIP archive"},
    {"PK\x05\x06"sv, 0, "ZIP archive"},
    {"\x1F\x8B"sv, 0, "gzip data"},
    {"1AY&SY"sv, 4, "bzip2 data"},
    {"\xFD" "7zXZ"sv, 0, "xz data"},
    {"\x28\xB5\x2F\xFD"sv, 0, "zstd data"},
    {"7z\xBC\xAF\x27\x1C"sv, 0, "7-zip archive"},
    {"Rar!\x1A\x07"sv, 0, "RAR archive"},
    {"SQLite format 3"sv, 0, "SQLite database"},
    {"\xCA\xFE\xBA\xBE"sv, 0, "Mach-O or Java class"},
    {"\xCF\xFA\xED\xFE"sv, 0, "Mach-O executable"},
    {"\x00" "asm"sv, 0, "WebAssembly module"},
    {"OggS"sv, 0, "Ogg media"},
    {"fLaC"sv, 0, "FLAC audio"},
    {"ID3\x03\x00"sv, 0, "MP3 audio"},
    {"ID3\x04\x00"sv, 0, "MP3 audio"},
    {"\x1A\x45\xDF\xA3"sv, 0, "Matroska/WebM media"},
    {"wOFF"sv, 0, "WOFF font"},
    {"wOF2"sv, 0, "WOFF2 font"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, 0, "OLE2 (legacy Office) document"},
    {"ustar"sv, 257, "tar archive"},
};

bool starts_with_at(std::string_view s, std::string_view m, std::size_t off) {
  return s.size() >= off + m.size() && s.compare(off, m.size(), m) == 0;
}

// RIFF containers (WAV, AVI, WebP) and PE executables need two checks.
std::string_view find_magic(std::string_view s) {
  for (const magic& m : kMagics)
    if (starts_with_at(s, m.bytes, m.offset)) return m.what;
  if (starts_with_at(s, "RIFF", 0) && s.size() >= 12) return "RIFF media";
  if (starts_with_at(s, "MZ", 0) && s.size() >= 0x40) {
    std::uint32_t pe = 0;
    std::memcpy(&pe, s.data() + 0x3C, 4);
    // 64-bit sum: e_lfanew is attacker-controlled (0xFFFFFFFF must not wrap).
    if (std::uint64_t{pe} + 4 <= s.size() && s.compare(pe, 4, std::string_view("PE\0\0", 4)) == 0)
      return "PE executable";
  }
  return {};
}

candidate make(encoding e, double conf, bool reliable, std::uint64_t examined) {
  return candidate{e, conf, reliable, examined};
}

// UTF-32 layout: every unit a valid scalar value, and the high half of
// almost every unit zero.
bool looks_utf32(std::string_view s, bool le) {
  if (s.size() < 4 || s.size() % 4 != 0) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t zero_hi = 0, units = s.size() / 4;
  for (std::size_t i = 0; i < s.size(); i += 4) {
    std::uint32_t u = le ? (p[i] | p[i + 1] << 8 | p[i + 2] << 16 | std::uint32_t{p[i + 3]} << 24)
                         : (std::uint32_t{p[i]} << 24 | p[i + 1] << 16 | p[i + 2] << 8 | p[i + 3]);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return false;
    if (u < 0x10000) ++zero_hi;
  }
  return zero_hi * 10 >= units * 9;
}

// UTF-16 with Latin text: NUL in every other byte.
int utf16_nul_layout(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size() & ~std::size_t{1};
  if (n < 4) return 0;
  std::size_t even0 = 0, odd0 = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even0 += p[i] == 0;
    odd0 += p[i + 1] == 0;
  }
  std::size_t units = n / 2;
  // 30%: text with a third of its characters in Latin/ASCII; the other
  // position must be (nearly) NUL-free.
  if (odd0 * 10 >= units * 3 && even0 * 50 <= units) return 1;   // LE
  if (even0 * 10 >= units * 3 && odd0 * 50 <= units) return 2;   // BE
  return 0;
}

bool valid_utf16(std::string_view s, bool le) { return detail::utf16_cost(s, le) >= 0; }

// ISO-2022-JP/KR and HZ are 7-bit: recognised by their escapes.
encoding seven_bit_encoding(std::string_view s) {
  if (s.find("\x1B$B") != std::string_view::npos || s.find("\x1B$@") != std::string_view::npos ||
      s.find("\x1B(J") != std::string_view::npos || s.find("\x1B$(D") != std::string_view::npos)
    return encoding::iso2022jp;
  if (s.find("\x1B$)C") != std::string_view::npos) return encoding::iso2022kr;
  std::size_t open = s.find("~{");
  if (open != std::string_view::npos && s.find("~}", open) != std::string_view::npos) {
    // Inside ~{ ~}: pairs of 0x21-0x7E (GB2312 with the high bits cleared).
    std::size_t i = open + 2, pairs = 0;
    while (i + 1 < s.size() && !(s[i] == '~' && s[i + 1] == '}')) {
      unsigned char a = s[i], b = s[i + 1];
      if (a == '\n' || a == '\r') { ++i; continue; }
      if (a < 0x21 || a > 0x7E || b < 0x21 || b > 0x7E) return encoding::ascii;
      ++pairs;
      i += 2;
    }
    if (pairs > 0) return encoding::hz;
  }
  return encoding::ascii;
}

void fill_from_ranking(detection& d, const detail::legacy_ranking& r, const detect_options& o,
                       std::uint64_t utf16_bonus_cost, encoding utf16_enc) {
  struct scored {
    encoding enc;
    double bits;
  };
  std::vector<scored> list;
  for (const scored_reading& x : r.readings) {
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const scored& s) { return detail::same_single_byte_decoding(s.enc, x.enc, r.byte_seen); });
    if (same != list.end()) {
      // The same text either way: report the more common encoding.
      if (detail::encoding_prior(x.enc) < detail::encoding_prior(same->enc)) same->enc = x.enc;
      continue;
    }
    double bits = static_cast<double>(x.cost) / 2.0;
    list.push_back({x.enc, bits});
  }
  if (utf16_enc != encoding::unknown)
    list.push_back({utf16_enc, static_cast<double>(utf16_bonus_cost) / 2.0});
  std::stable_sort(list.begin(), list.end(), [](const scored& a, const scored& b) { return a.bits < b.bits; });
  if (list.empty()) return;
  double total = 0;
  for (const scored& s : list) total += std::exp2(-(s.bits - list[0].bits) / kTemperatureBits);
  double margin = list.size() > 1 ? list[1].bits - list[0].bits : 1e9;
  std::size_t k = std::min(list.size(), std::max<std::size_t>(1, o.max_candidates));
  for (std::size_t i = 0; i < k; ++i) {
    double w = std::exp2(-(list[i].bits - list[0].bits) / kTemperatureBits) / total;
    bool reliable = i == 0 && margin >= kReliableBits;
    d.candidates.push_back(make(list[i].enc, w, reliable, r.bytes_examined));
  }
}

}  // namespace

static detection detect_impl(std::string_view bytes, const detect_options& options) {
  detection d;
  const std::uint64_t n = bytes.size();
  if (n == 0) {
    d.candidates.push_back(make(encoding::ascii, 1.0, true, 0));
    return d;
  }

  // 1. Byte-order marks.
  struct bom {
    std::string_view sig;
    encoding enc;
  };
  static constexpr bom kBoms[] = {
      {std::string_view("\x00\x00\xFE\xFF", 4), encoding::utf32be},
      {std::string_view("\xFF\xFE\x00\x00", 4), encoding::utf32le},
      {"\xEF\xBB\xBF", encoding::utf8},
      {"\xFF\xFE", encoding::utf16le},
      {"\xFE\xFF", encoding::utf16be},
  };
  for (const bom& b : kBoms) {
    if (!starts_with_at(bytes, b.sig, 0)) continue;
    std::string_view rest = bytes.substr(b.sig.size());
    bool ok = true;
    if (b.enc == encoding::utf8) ok = is_valid_utf8(rest);
    if (b.enc == encoding::utf16le || b.enc == encoding::utf16be)
      ok = rest.size() % 2 == 0 && valid_utf16(rest.substr(0, kSniffBytes), b.enc == encoding::utf16le);
    if (b.enc == encoding::utf32le || b.enc == encoding::utf32be)
      ok = rest.empty() || looks_utf32(rest.substr(0, kSniffBytes & ~std::size_t{3}), b.enc == encoding::utf32le);
    if (!ok && b.enc == encoding::utf32le) continue;  // FF FE 00 00 may be UTF-16LE "\0"
    // EF BB BF before bytes that are not UTF-8: never call that UTF-8;
    // score it like any other bytes.
    if (!ok && b.enc == encoding::utf8) break;
    d.has_bom = true;
    d.bom_length = b.sig.size();
    // A BOM is strong evidence even when the rest is damaged.
    d.candidates.push_back(make(b.enc, ok ? 1.0 : 0.9, true, std::min<std::uint64_t>(n, kSniffBytes)));
    return d;
  }

  // 2. File signatures.
  if (std::string_view what = find_magic(bytes); !what.empty()) {
    d.kind = content_kind::binary;
    d.reason = binary_reason::magic_number;
    d.detail = std::string(what);
    return d;
  }

  std::string_view head = bytes.substr(0, kSniffBytes);
  std::size_t nul = 0, ctrl = 0;
  const auto* hb = reinterpret_cast<const unsigned char*>(head.data());
  std::size_t k = 0;
  for (; k < head.size(); ++k) {
    // Eight bytes at a time while none is below 0x20 or is DEL (most text).
    if ((k & 7) == 0 && k + 8 <= head.size()) {
      std::uint64_t x;
      std::memcpy(&x, hb + k, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
      std::uint64_t below20 = (x - ones * 0x20) & ~x & highs;
      std::uint64_t y = x ^ (ones * 0x7F);
      std::uint64_t is7f = (y - ones) & ~y & highs;
      if ((below20 | is7f) == 0) {
        k += 7;
        continue;
      }
    }
    unsigned char c = hb[k];
    nul += c == 0;
    // C0 controls that text does not use (tab, LF, VT, FF, CR, SO, SI, ESC
    // and SUB do occur: ISO-2022 uses SO/SI/ESC, DOS files end with SUB).
    ctrl += (c < 0x20 && c != 0 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' &&
             c != 0x0E && c != 0x0F && c != 0x1B && c != 0x1A) || c == 0x7F;
  }

  // 3. UTF-32 / UTF-16 without BOM, by where the NULs are.
  if (nul > 0) {
    std::string_view h4 = head.substr(0, head.size() & ~std::size_t{3});
    if (n % 4 == 0 && looks_utf32(h4, true)) {
      d.candidates.push_back(make(encoding::utf32le, 0.98, true, h4.size()));
      return d;
    }
    if (n % 4 == 0 && looks_utf32(h4, false)) {
      d.candidates.push_back(make(encoding::utf32be, 0.98, true, h4.size()));
      return d;
    }
    std::string_view h2 = head.substr(0, head.size() & ~std::size_t{1});
    int layout = utf16_nul_layout(head);
    if (layout != 0 && valid_utf16(h2, layout == 1)) {
      d.candidates.push_back(make(layout == 1 ? encoding::utf16le : encoding::utf16be, 0.98, true, h2.size()));
      return d;
    }
    // CJK UTF-16 has few NULs (U+4E00 is 00 4E): valid UTF-16 whose
    // characters are common under an ideographic model (13 bits a
    // character on average; random binary is invalid or far costlier).
    if (n % 2 == 0 && h2.size() >= 4) {
      std::int64_t le = detail::utf16_cost(h2, true), be = detail::utf16_cost(h2, false);
      std::int64_t units = static_cast<std::int64_t>(h2.size() / 2);
      bool le_ok = le >= 0 && le <= units * 26, be_ok = be >= 0 && be <= units * 26;
      if (le_ok || be_ok) {
        bool pick_le = le_ok && (!be_ok || le <= be);
        d.candidates.push_back(make(pick_le ? encoding::utf16le : encoding::utf16be, 0.9, true, h2.size()));
        return d;
      }
    }
    // 4. NULs no Unicode layout explains: binary. One stray NUL in a long
    // text file is tolerated (1 in 1000 bytes, and fewer than 4).
    if (nul >= 4 || nul * 1000 > head.size()) {
      d.kind = content_kind::binary;
      d.reason = binary_reason::nul_bytes;
      d.detail = std::to_string(nul) + " NUL bytes in the first " + std::to_string(head.size()) + " bytes";
      return d;
    }
  }
  // 5. Control bytes: more than 5% (and at least 4) of the bytes examined.
  if (ctrl >= 4 && ctrl * 20 > head.size()) {
    d.kind = content_kind::binary;
    d.reason = binary_reason::control_bytes;
    d.detail = std::to_string(ctrl) + " control bytes in the first " + std::to_string(head.size()) + " bytes";
    return d;
  }

  // 6. UTF-8 (our own strict check over the whole input) and 7-bit forms.
  utf8_check u = validate_utf8(bytes);
  if (u.valid && u.non_ascii == 0) {
    encoding e = seven_bit_encoding(bytes.substr(0, kSniffBytes));
    d.candidates.push_back(make(e, 1.0, true, n));
    return d;
  }
  if (u.valid) {
    // Legacy text is valid UTF-8 by chance only for a sequence or two.
    double conf = u.non_ascii >= 3 ? 1.0 - std::exp2(-4.0 * static_cast<double>(u.non_ascii)) : 0.9;
    d.candidates.push_back(make(encoding::utf8, conf, u.non_ascii >= 2, n));
    if (u.non_ascii < 3) {
      detail::legacy_ranking r = detail::rank_legacy(bytes, options.max_scored_bytes);
      for (const scored_reading& x : r.readings) {
        if (d.candidates.size() >= std::max<std::size_t>(1, options.max_candidates)) break;
        d.candidates.push_back(make(x.enc, (1.0 - conf) / 2, false, r.bytes_examined));
        conf = 1.0 - (1.0 - conf) / 2;
      }
    }
    return d;
  }

  // 7. Legacy encodings (and UTF-16 without NULs, e.g. pure CJK).
  detail::legacy_ranking r = detail::rank_legacy(bytes, options.max_scored_bytes);
  // UTF-16 without NULs (CJK text): compare cost per byte with the best
  // legacy reading over the same bytes. Every byte counts in UTF-16, while
  // the legacy scorer skipped ASCII; charge ASCII 4 bits a byte there.
  encoding utf16_enc = encoding::unknown;
  std::int64_t utf16_scaled = 0;
  if (n % 2 == 0 && nul == 0 && !r.readings.empty() && r.bytes_examined >= 2) {
    std::string_view span = bytes.substr(0, r.bytes_examined & ~std::uint64_t{1});
    std::int64_t le = detail::utf16_cost(span, true), be = detail::utf16_cost(span, false);
    std::int64_t best16 = -1;
    if (le >= 0 && (be < 0 || le <= be)) { utf16_enc = encoding::utf16le; best16 = le; }
    else if (be >= 0) { utf16_enc = encoding::utf16be; best16 = be; }
    std::int64_t legacy = r.readings.front().cost + static_cast<std::int64_t>(r.ascii_bytes) * 8;
    if (utf16_enc != encoding::unknown && best16 * static_cast<std::int64_t>(r.bytes_examined) <
                                              legacy * static_cast<std::int64_t>(span.size())) {
      // On the legacy scale (ASCII not charged), below the best legacy cost.
      utf16_scaled = std::max<std::int64_t>(0, best16 - static_cast<std::int64_t>(r.ascii_bytes) * 8);
      utf16_scaled = std::min(utf16_scaled, r.readings.front().cost - 1);
    } else {
      utf16_enc = encoding::unknown;
    }
  }
  fill_from_ranking(d, r, options, static_cast<std::uint64_t>(std::max<std::int64_t>(0, utf16_scaled)), utf16_enc);

  if (options.uchardet_vote && !d.candidates.empty() && !d.candidates.front().reliable) {
    encoding v = detail::uchardet_guess(bytes);
    if (v != encoding::utf8 && v != encoding::unknown) {
      auto it = std::find_if(d.candidates.begin(), d.candidates.end(),
                             [&](const candidate& c) { return c.enc == v; });
      if (it != d.candidates.end() && it != d.candidates.begin()) {
        // uchardet breaks the tie: its pick moves to the front and takes
        // the front's confidence (the list stays sorted).
        std::vector<double> conf;
        for (const candidate& c : d.candidates) conf.push_back(c.confidence);
        std::rotate(d.candidates.begin(), it, it + 1);
        for (std::size_t i = 0; i < conf.size(); ++i) d.candidates[i].confidence = conf[i];
      }
    }
  }
  if (d.candidates.empty()) d.candidates.push_back(make(encoding::windows1252, 0.0, false, r.bytes_examined));
  return d;
}

detection detect(std::string_view bytes, const detect_options& options) {
  // No exception crosses the API: only allocation can fail here, and then
  // the answer is an unreliable guess rather than an abort.
  try {
    return detect_impl(bytes, options);
  } catch (...) {
    detection d;
    d.detail = "internal error during detection";
    d.candidates.push_back(make(encoding::windows1252, 0.0, false, 0));
    return d;
  }
}

}  // namespace norm
