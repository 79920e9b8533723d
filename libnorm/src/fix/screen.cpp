#include "fix/screen.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "detail/charmap.hpp"
#include "detect/tables.hpp"
#include "fix/han_words.hpp"
#include "norm/encoding.hpp"

namespace norm::detail {
namespace {

// The single-byte code pages of the UTF-8 route (mojibake.cpp's kDecoders).
constexpr encoding kSingleByte[] = {
    encoding::windows1252, encoding::windows1251, encoding::windows1250, encoding::windows1253,
    encoding::windows1254, encoding::windows1257, encoding::iso8859_2,   encoding::iso8859_15,
    encoding::macroman,    encoding::cp437,       encoding::koi8_r,      encoding::iso8859_1,
};
static_assert(std::size(kSingleByte) <= 16);

// Ideographic cost thresholds (half-bits, the cheapest model): see screen.hpp.
constexpr std::uint8_t kRare14 = 28;
constexpr std::uint8_t kRare16 = 32;

enum : std::uint16_t {
  kRareA = 1 << 0,       // above 14 bits in every ideographic model
  kRareB = 1 << 1,       // above 16 bits
  kSpecial = 1 << 2,     // suspect alone
  kLatinHigh = 1 << 3,   // Latin-1 supplement (and windows-1252's letters)
  kCyrLower = 1 << 4,
  kCyrUpper = 1 << 5,
  kCyrSymbol = 1 << 6,   // a windows-1251/KOI8-R symbol that Russian text rarely has
  kAlphaLetter = 1 << 7, // Greek or Cyrillic letter
  kCjk = 1 << 8,         // Han, kana, Hangul
  kOddNearCjk = 1 << 9,  // suspect next to CJK: bopomofo, small form variants,
                         // windows-1252's symbols, Latin-1 letters
  kSym1252 = 1 << 10,    // windows-1252 symbols clean text rarely glues into words
  kLatinLower = 1 << 11, // a lower-case Latin-1 letter (U+00DF-U+00FF but U+00F7)
  kReplacement = 1 << 12, // U+FFFD
  kDbLatin = 1 << 13,    // CJK whose bytes in a double-byte code page are the
                         // UTF-8 of an accented Latin letter (GBK C3 A9: e-acute)
};

// Everything the scan needs of one code point, in one load.
struct cp_info {
  std::uint16_t flags;
  std::uint16_t lead;   // bit w: its byte in kSingleByte[w] is C2-DF
  std::uint16_t lead3;  // ... E0-F4
  std::uint16_t cont;   // ... 80-BF
};

struct screen_tables {
  std::vector<cp_info> info;             // per BMP code point
  std::vector<std::uint16_t> flags;      // per BMP code point
  std::vector<std::uint16_t> lead_mask;  // bit w: the byte of cp in kSingleByte[w] is C2-DF
  std::vector<std::uint16_t> lead3_mask; // ... is E0-F4 (a 3- or 4-byte sequence)
  std::vector<std::uint16_t> cont_mask;  // ... is 80-BF
  std::vector<std::uint8_t> bytes[std::size(kSingleByte)];  // cp -> byte in kSingleByte[w]
  std::vector<std::uint8_t> quiet;       // per BMP code point: kQuiet* (see below)
};

// Quiet characters: those no rule of the screen can fire on when the
// character before them is ASCII or quiet of a compatible group, and no
// rare CJK character is among the last four. A run of them is skipped
// with one small-table load per character (suspicious_windows).
//  * neutral: no flag and no continuation byte in any code page (most
//    punctuation and symbols of CJK text, letters of other scripts);
//  * alpha: a Greek or lower-case Cyrillic letter with no other flag and
//    no continuation byte (the KOI8-R and windows-1251 lead bits of
//    Cyrillic letters matter only before a continuation byte, which no
//    quiet character is);
//  * cjk: a CJK character that is not rare, with no other flag.
// Why a quiet character after a compatible one fires nothing: every pair
// and triple rule needs the later character to carry a flag or a
// continuation bit, except the Cyrillic-symbol rule (needs a symbol on
// either side: neither is one), the Greek/Cyrillic-CJK and odd-CJK rules
// (alpha and cjk never follow each other in the fast loop). The low bits
// give the group, bits 4-6 the groups that may follow quietly.
enum : std::uint8_t {
  kQuietNeutral = 1,
  kQuietAlpha = 2,
  kQuietCjk = 4,
  kAfterNeutral = (kQuietNeutral | kQuietAlpha | kQuietCjk) << 4,
  kAfterAlpha = (kQuietNeutral | kQuietAlpha) << 4,
  kAfterCjk = (kQuietNeutral | kQuietCjk) << 4,
};

// What a 2-byte UTF-8 sequence must decode to for its garble to be worth
// the engine's time: Latin, Greek, Cyrillic, Hebrew and Arabic letters and
// the symbols between them -- the alphabets the language models know. A
// chance pair in clean text (a MacRoman right quote and e-acute make
// U+054E, Armenian) decodes to anything else.
bool plausible_two_byte(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x2FF) || (cp >= 0x370 && cp <= 0x52F) ||
         (cp >= 0x5D0 && cp <= 0x5EA) || (cp >= 0x600 && cp <= 0x6FF);
}

screen_tables build() {
  screen_tables t;
  t.flags.assign(0x10000, 0);
  t.lead_mask.assign(0x10000, 0);
  t.lead3_mask.assign(0x10000, 0);
  t.cont_mask.assign(0x10000, 0);
  // Each code page's byte for a character, as reencoder takes it (the
  // lowest byte that decodes to it; an undefined byte 0x80-0x9F to its C1
  // control), from the charmap's 128 entries: building the re-encoders
  // (a 64K-entry table each) at the start of every process cost more.
  std::size_t w1251 = std::size(kSingleByte), wkoi8 = std::size(kSingleByte);
  for (std::size_t w = 0; w < std::size(kSingleByte); ++w) {
    const char32_t* map = single_byte_map(kSingleByte[w]);
    if (map == nullptr) continue;
    if (kSingleByte[w] == encoding::windows1251) w1251 = w;
    if (kSingleByte[w] == encoding::koi8_r) wkoi8 = w;
    std::vector<std::uint8_t>& bytes = t.bytes[w];
    bytes.assign(0x10000, 0);
    for (int b = 0xFF; b >= 0x80; --b)
      if (map[b] != kNoChar && map[b] >= 0x80 && map[b] < 0x10000) bytes[map[b]] = static_cast<std::uint8_t>(b);
    for (int b = 0x80; b < 0xA0; ++b)
      if (map[b] == kNoChar && bytes[b] == 0) bytes[b] = static_cast<std::uint8_t>(b);
    for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
      const std::uint8_t b = bytes[cp];
      if (b == 0) continue;
      if (b >= 0xC2 && b <= 0xDF) t.lead_mask[cp] |= static_cast<std::uint16_t>(1u << w);
      if (b >= 0xE0 && b <= 0xF4) t.lead3_mask[cp] |= static_cast<std::uint16_t>(1u << w);
      if (b >= 0x80 && b <= 0xBF) t.cont_mask[cp] |= static_cast<std::uint16_t>(1u << w);
    }
  }
  const scoring_tables& st = ideo_tables();
  auto in_page = [&](std::size_t w, char32_t cp) { return w < std::size(kSingleByte) && t.bytes[w][cp] != 0; };
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    std::uint16_t f = 0;
    const cp_class c = st.bmp_class[cp];
    if (c == cp_class::han || c == cp_class::kana || c == cp_class::hangul) {
      f |= kCjk;
      std::uint8_t best = std::numeric_limits<std::uint8_t>::max();
      for (const ideo_costs& ic : st.ideo) best = std::min(best, ic.cost(cp));
      if (best > kRare14) f |= kRareA;
      if (best > kRare16) f |= kRareB;
    }
    if (cp == 0xFFFD) f |= kReplacement;
    if ((cp >= 0xE000 && cp <= 0xF8FF) || cp <= 0x9F || (cp >= 0xFF61 && cp <= 0xFF9F))
      f |= kSpecial;
    if ((cp >= 0xA1 && cp <= 0xFF) || cp == 0x160 || cp == 0x161 || cp == 0x152 || cp == 0x153 ||
        cp == 0x17D || cp == 0x17E || cp == 0x178 || cp == 0x192)
      f |= kLatinHigh;
    if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) f |= kLatinLower;
    if ((cp >= 0x3100 && cp <= 0x312F) || (cp >= 0x31A0 && cp <= 0x31BF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || cp == 0x20AC || cp == 0x2030 || cp == 0x2039 ||
        cp == 0x203A || cp == 0x2020 || cp == 0x2021 || cp == 0x192 || cp == 0x2C6 ||
        cp == 0x2DC || cp == 0x2122 || cp == 0x201A || cp == 0x201E ||
        (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7))
      f |= kOddNearCjk;
    if (cp == 0x192 || cp == 0x201A || cp == 0x201E || cp == 0x2020 || cp == 0x2021 ||
        cp == 0x2C6 || cp == 0x2030 || cp == 0x2039 || cp == 0x203A || cp == 0x160 ||
        cp == 0x161 || cp == 0x152 || cp == 0x153 || cp == 0x17D || cp == 0x17E ||
        cp == 0x178 || cp == 0x2DC || cp == 0x2122)
      f |= kSym1252;
    if ((cp >= 0x430 && cp <= 0x44F) || cp == 0x451) f |= kCyrLower;
    if ((cp >= 0x410 && cp <= 0x42F) || cp == 0x401) f |= kCyrUpper;
    if ((cp >= 0x391 && cp <= 0x3C9) || (cp >= 0x400 && cp <= 0x4FF)) f |= kAlphaLetter;
    const bool in_cyr_page = in_page(w1251, cp) || in_page(wkoi8, cp);
    const bool letter = c == cp_class::latin_letter || c == cp_class::other_letter;
    // Punctuation Russian typography uses is not suspect.
    const bool usual = cp == 0xA0 || cp == 0xAB || cp == 0xBB || cp == 0x2014 || cp == 0x2013 ||
                       cp == 0x2026 || (cp >= 0x2018 && cp <= 0x201E) || cp == 0x2116;
    if (in_cyr_page && !letter && !usual) f |= kCyrSymbol;
    t.flags[cp] = f;
  }
  // UTF-8 read as a double-byte code page: an accented letter of a Latin
  // word becomes one CJK character glued to ASCII letters (f + the EUC-JP
  // reading of C3 BC + r).
  // (From the code pages' tables directly, each character's first code as
  // the re-encoders take it: building those re-encoders here would run
  // ICU's enumeration of vendor codes at the start of every process, and
  // none of those codes is a CJK character with a lead byte C3-C9.)
  std::vector<bool> seen;
  for (encoding page : {encoding::gbk, encoding::cp949, encoding::euc_jp, encoding::big5_hkscs, encoding::cp932}) {
    seen.assign(0x10000, false);
    for (const dbcs_entry& d : double_byte_map(page)) {
      if (d.cp < 0x80 || d.cp >= 0x10000 || seen[d.cp]) continue;
      seen[d.cp] = true;
      if (!(t.flags[d.cp] & kCjk)) continue;
      const unsigned b0 = d.code >> 8, b1 = d.code & 0xFF;
      if (b0 < 0xC3 || b0 > 0xC9 || (b1 & 0xC0) != 0x80) continue;
      const char32_t seq = static_cast<char32_t>((b0 & 0x1F) << 6 | (b1 & 0x3F));
      if (seq != 0xD7 && seq != 0xF7 && st.bmp_class[seq] == cp_class::latin_letter) t.flags[d.cp] |= kDbLatin;
    }
  }
  t.info.resize(0x10000);
  for (char32_t cp = 0; cp < 0x10000; ++cp)
    t.info[cp] = cp_info{t.flags[cp], t.lead_mask[cp], t.lead3_mask[cp], t.cont_mask[cp]};
  t.quiet.assign(0x10000, 0);
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    const std::uint16_t f = t.flags[cp];
    if (t.cont_mask[cp] != 0) continue;
    // The misalignment gate's own characters (GBK read of UTF-8
    // punctuation; U+FFFD is flagged) take the full path.
    if (cp == 0x9225 || cp == 0x9286 || cp == 0x951B || cp == 0x951D) continue;
    if (f == 0) t.quiet[cp] = kQuietNeutral | kAfterNeutral;
    else if ((f & kAlphaLetter) && (f & ~(kAlphaLetter | kCyrLower)) == 0)
      t.quiet[cp] = kQuietAlpha | kAfterAlpha;
    else if (f == kCjk)
      t.quiet[cp] = kQuietCjk | kAfterCjk;
  }
  return t;
}

const screen_tables& screen() {
  // Never destroyed: freeing 2 MB of tables at exit is a process's last
  // millisecond for nothing.
  static const screen_tables& t = *new screen_tables(build());
  return t;
}

// A rare CJK character that makes a word with the character before it
// (han_word_pair: a pair inside a word of python3-jieba's dictionary, in
// either script) is no evidence of garble: news text names rare things in
// words (\u9707\u98a4, \u8783\u87f9, \u8001\u7238 between ASCII words), and a wrong
// decoder's characters almost never make one. Both characters then count
// as not rare: the rare-in-a-row counters restart, and the earlier one's
// share of its run is taken back. `prev_flags`/`prev_cp`: the adjacent
// character before (flags 0 when none).
inline bool rare_word(std::uint16_t prev_flags, char32_t prev_cp, std::uint16_t f, char32_t cp) {
  return (prev_flags & f & kCjk) && ((prev_flags | f) & (kRareA | kRareB)) && han_word_pair(prev_cp, cp);
}

// Window bounds around a suspect byte: its line, at most kReach bytes each
// way (then cut at an ASCII space within kSnap more, or at a character
// boundary).
// Two or more bits set in a 4-bit history (no popcount instruction needed).
constexpr bool kTwoOrMore[16] = {false, false, false, true, false, true, true, true,
                                 false, true,  true,  true, true,  true, true, true};

constexpr std::size_t kReach = 4096;
constexpr std::size_t kSnap = 48;

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t window_begin(std::string_view s, std::size_t at) {
  const std::size_t limit = at > kReach ? at - kReach : 0;
  std::size_t i = at;
  while (i > limit && s[i - 1] != '\n') --i;
  if (i == 0 || s[i - 1] == '\n') return i;
  const std::size_t snap_limit = i > kSnap ? i - kSnap : 0;
  for (std::size_t k = i; k > snap_limit; --k)
    if (s[k - 1] == ' ' || s[k - 1] == '\t') return k;
  while (i > 0 && is_cont(static_cast<unsigned char>(s[i]))) --i;
  return i;
}

std::size_t window_end(std::string_view s, std::size_t at) {
  const std::size_t n = s.size();
  const std::size_t limit = std::min(n, at + kReach);
  std::size_t i = at;
  while (i < limit && s[i] != '\n') ++i;
  if (i >= n || s[i] == '\n') return i;
  const std::size_t snap_limit = std::min(n, i + kSnap);
  for (std::size_t k = i; k < snap_limit; ++k)
    if (s[k] == ' ' || s[k] == '\t') return k;
  while (i < n && is_cont(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows_reference(std::string_view utf8) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  const screen_tables& t = screen();
  const cp_info* info = t.info.data();
  constexpr cp_info kNone{0, 0, 0, 0};
  std::size_t i = 0;
  // The previous two characters when non-ASCII and adjacent (else kNone).
  cp_info prev = kNone, prev2 = kNone;
  char32_t prev_cp = 0;
  unsigned rare_a = 0, rare_b = 0;  // rare CJK characters in a row
  unsigned rare_b_bits = 0;         // which of the last characters were rare (B)
  unsigned cyr_upper = 0;           // upper-case Cyrillic letters in a row
  // The current run of non-ASCII characters: where it began, its length,
  // its rare CJK characters (A).
  std::size_t run_start = 0;
  unsigned run_len = 0, run_rare = 0;
  unsigned prev_rare = 0;  // the previous character counted in run_rare
  bool run_sym = false;  // the run is one kSym1252 character
  unsigned glued = 0;    // such runs glued to an ASCII letter after them
  std::size_t last_cjk_end = 0;  // just past the last CJK character
  bool cjk_seen = false;
  auto suspect = [&](std::size_t at) {
    if (!out.empty() && at < out.back().second) return;  // inside the last window
    const std::size_t b = window_begin(utf8, at), e = window_end(utf8, at);
    if (!out.empty() && b <= out.back().second) out.back().second = std::max(out.back().second, e);
    else out.emplace_back(b, e);
  };
  while (i < n) {
    if (p[i] < 0x80) {
      // The run ends: a short run with a rare CJK character, or a run
      // dense with them, is suspect (a character or two of garble between
      // ASCII words: UTF-8 read as Big5, e-acute's UTF-8 read as
      // windows-1252 and that as GBK inside a French word).
      if (run_rare > 0 && (run_len <= 3 || run_rare * 3 >= run_len)) suspect(run_start);
      // Shift_JIS read as windows-1252 with ASCII trail bytes: f-hook,
      // dagger and the like glued into words, again and again.
      if (run_len == 1 && run_sym && ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') && ++glued >= 3) {
        suspect(run_start);
        glued = 0;
      }
      run_len = run_rare = 0;
      // ASCII breaks adjacency; skip it eight bytes at a time.
      prev = prev2 = kNone;
      rare_a = rare_b = 0;
      rare_b_bits = 0;
      cyr_upper = 0;
      ++i;
      while (i + 8 <= n) {
        std::uint64_t v;
        __builtin_memcpy(&v, p + i, 8);
        if (v & 0x8080808080808080ull) break;
        i += 8;
      }
      while (i < n && p[i] < 0x80) ++i;
      continue;
    }
    const std::size_t at = i;
    if (run_len++ == 0) run_start = at;
    char32_t cp;
    if (p[i] < 0xE0) {
      cp = static_cast<char32_t>((p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F));
      i += 2;
    } else if (p[i] < 0xF0) {
      cp = static_cast<char32_t>((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
      i += 3;
    } else {
      // Outside the BMP: no code page reads to it; CJK extension B and up
      // are rare characters.
      i += 4;
      ++run_rare;
      if (++rare_a >= 3 || ++rare_b >= 2) suspect(at);
      prev = prev2 = kNone;
      prev_rare = 1;
      continue;
    }
    const cp_info cur = info[cp];
    const bool word = rare_word(prev.flags, prev_cp, cur.flags, cp);
    const std::uint16_t f = word ? static_cast<std::uint16_t>(cur.flags & ~(kRareA | kRareB)) : cur.flags;
    if (word) {
      rare_a = rare_b = 0;
      rare_b_bits &= ~1u;
      run_rare -= prev_rare;
    }
    rare_a = (f & kRareA) ? rare_a + 1 : 0;
    rare_b = (f & kRareB) ? rare_b + 1 : 0;
    run_rare += (f & kRareA) != 0;
    prev_rare = (f & kRareA) != 0;
    run_sym = (f & kSym1252) != 0;
    rare_b_bits = (rare_b_bits << 1 | ((f & kRareB) != 0)) & 0xF;
    cyr_upper = (f & kCyrUpper) ? cyr_upper + 1 : 0;
    // Rare CJK in a row (two above 16 bits, three above 14) or two of the
    // last four above 16 bits; five upper-case Cyrillic letters in a row
    // (lower-case KOI8-R read as windows-1251 is upper case).
    bool hit = (f & kSpecial) != 0 || rare_a >= 3 || rare_b >= 2 ||
               kTwoOrMore[rare_b_bits] || cyr_upper >= 5;
    const std::uint16_t pf = prev.flags;
    const std::uint16_t both = pf | f;
    // Pair rules (pf is 0 when there is no adjacent previous character).
    // Two Latin-1 characters in a row (GBK read as Latin-1), unless two
    // lower-case letters (French cr-e-acute-e-acute, Portuguese c-cedilla a-tilde): those need a third.
    hit |= (pf & kLatinHigh) && (f & kLatinHigh) &&
           (!((pf & kLatinLower) && (f & kLatinLower)) || (prev2.flags & kLatinHigh));
    hit |= (both & kCyrSymbol) && (both & (kCyrLower | kCyrUpper)) && pf != 0;
    hit |= (pf & kCyrLower) && (f & kCyrUpper);
    // U+FFFD (a byte the wrong decoder lost) next to garble-like company:
    // a rare CJK character or a Latin-1 one. Alone, or amid ordinary
    // text, it is a mark of an old loss that no reading can undo (the
    // repaired text keeps it).
    hit |= ((f & kReplacement) && (pf & (kRareA | kLatinHigh))) ||
           ((pf & kReplacement) && (f & (kRareA | kLatinHigh)));
    hit |= ((pf & kAlphaLetter) && (f & kCjk)) || ((pf & kCjk) && (f & kAlphaLetter));
    hit |= ((pf & kOddNearCjk) && (f & kCjk)) || ((pf & kCjk) && (f & kOddNearCjk));
    // A UTF-8 sequence in one code page's bytes: a 3/4-byte lead + two
    // continuations (4-byte ones need a third too; two is enough to be
    // safe), or a 2-byte lead + continuation that decodes to a letter of
    // an alphabet the models know.
    hit |= (prev2.lead3 & prev.cont & cur.cont) != 0;
    for (unsigned m = prev.lead & cur.cont; m != 0 && !hit; m &= m - 1) {
      const unsigned w = static_cast<unsigned>(__builtin_ctz(m));
      const char32_t seq =
          static_cast<char32_t>((t.bytes[w][prev_cp] & 0x1F) << 6 | (t.bytes[w][cp] & 0x3F));
      hit = plausible_two_byte(seq);
    }
    // (Not in CJK text, which glues its characters to ASCII words all the
    // time: no other CJK character in the 48 bytes before.)
    if ((f & kDbLatin) && !hit && (!cjk_seen || at >= last_cjk_end + 48)) {
      auto alpha = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
      hit = (at > 0 && alpha(p[at - 1])) || (i < n && alpha(p[i]));
    }
    if (f & kCjk) {
      last_cjk_end = i;
      cjk_seen = true;
    }
    if (hit) suspect(at);
    prev2 = prev;
    prev = cur;
    prev_cp = cp;
  }
  if (run_rare > 0 && (run_len <= 3 || run_rare * 3 >= run_len)) suspect(run_start);
  return out;
}

}  // namespace norm::detail

namespace norm::detail {

// A symbol that may be a trail byte at the head of a CJK word: ']' '}'
// (Big5), '\\' '^' '_' '~' (Shift_JIS katakana).
static bool head_symbol(unsigned char c) {
  return c == ']' || c == '}' || c == '\\' || c == '^' || c == '_' || c == '~';
}

bool misalign_suspect_reference(std::string_view utf8, int windows_known) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  const screen_tables& t = screen();
  // Is the character starting at byte i CJK (Han, kana, Hangul)?
  auto cjk_at = [&](std::size_t i) {
    if (i >= n) return false;
    if (p[i] >= 0xF0) return true;  // CJK extensions B and up
    if (p[i] < 0xE0 || i + 2 >= n) return false;
    const char32_t cp = static_cast<char32_t>((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
    return (t.flags[cp] & kCjk) != 0;
  };
  // Is the character starting at byte i wide (U+2E80 and up: CJK, CJK
  // punctuation, full-width forms, U+FFFD)?
  auto wide_at = [&](std::size_t i) {
    if (i >= n || p[i] < 0xE2) return false;
    if (p[i] >= 0xF0) return true;
    if (i + 2 >= n) return false;
    return ((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6) >= 0x2E80;
  };
  bool prev_cjk = false;  // the character before i
  bool prev_wide = false;
  bool seen_cjk = false;
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
      // '?' for a lost lead byte; its trail byte may be ASCII ("?\" in Shift_JIS).
      if (c == '?' && (prev_cjk || cjk_at(i + 1) ||
                       (i + 1 < n && p[i + 1] > 0x20 && p[i + 1] < 0x7F && cjk_at(i + 2))))
        return true;
      if (letter && prev_cjk && cjk_at(i + 1)) return true;
      // One ASCII letter with CJK on one side and a space on the other (a
      // Big5 trail byte whose lead was lost: ` e\u9762` for \u524d\u9762).
      auto space = [](unsigned char b) { return b == ' ' || b == '\n' || b == '\t' || b == '\r'; };
      if (letter && (i == 0 || space(p[i - 1])) && cjk_at(i + 1)) return true;  // (or the text's start)
      // A ']' or '}' after a space or '(' before CJK (Big5 `(]\u5141`: \u4e5f = A4 5D),
      // or one of \ ^ _ ~ (Shift_JIS ` \\\u30b1\u30c3\u30c8`: \u30bd = 83 5C).
      if (head_symbol(c) && (i == 0 || space(p[i - 1]) || p[i - 1] == '(') && cjk_at(i + 1)) return true;
      if (letter && prev_cjk && i + 1 < n && space(p[i + 1])) return true;
      // Any byte that can be a trail byte (0x40-0x7E: letters and
      // @[\]^_`{|}~) glued to CJK text on one side and to a wide character
      // (CJK, full-width forms, CJK punctuation, U+FFFD) on the other: the
      // split character of a Big5 or Shift_JIS run (`\u30e1[\u30b8`).
      if (c >= 0x40 && c <= 0x7E && ((prev_cjk && wide_at(i + 1)) || (prev_wide && cjk_at(i + 1)))) return true;
      prev_cjk = false;
      prev_wide = false;
      ++i;
      continue;
    }
    const std::size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 3 && c == 0xEF && i + 2 < n && p[i + 1] == 0xBF && p[i + 2] == 0xBD) {
      if (prev_cjk || cjk_at(i + 3)) return true;  // U+FFFD next to CJK
    }
    // UTF-8 punctuation inside GBK text: its first two bytes read as GBK
    // (E2 80 quotes and dashes, E3 80 ideographic stops, EF BC/BD
    // full-width forms).
    if (len == 3 && i + 2 < n) {
      const char32_t cp = static_cast<char32_t>((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
      if (cp == 0x9225 || cp == 0x9286 || cp == 0x951B || cp == 0x951D) return true;
    }
    prev_cjk = cjk_at(i);
    prev_wide = wide_at(i);
    seen_cjk |= prev_cjk;
    i += len;
  }
  // Rare CJK in a row (the mojibake screen's rules), in text that has CJK.
  if (!seen_cjk) return false;
  return windows_known >= 0 ? windows_known > 0 : !suspicious_windows_reference(utf8).empty();
}

}  // namespace norm::detail

namespace norm::detail {
namespace {

// The screen (suspicious_windows_reference's rules, exactly) with a fast
// loop over runs of quiet characters, and, when `gate` is given, the
// misalignment gate's own conditions (misalign_suspect_reference) found in
// the same pass.
bool ascii_letter(unsigned char b) { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }
bool ascii_space(unsigned char b) { return b == ' ' || b == '\n' || b == '\t' || b == '\r'; }

template <bool Gate>
std::vector<std::pair<std::size_t, std::size_t>> screen_scan(std::string_view utf8,
                                                             screen_gate* gate) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  const screen_tables& t = screen();
  const cp_info* info = t.info.data();
  const std::uint16_t* flags = t.flags.data();
  const std::uint8_t* quiet = t.quiet.data();
  constexpr cp_info kNone{0, 0, 0, 0};
  std::size_t i = 0;
  cp_info prev = kNone, prev2 = kNone;
  char32_t prev_cp = 0;
  unsigned rare_a = 0, rare_b = 0;
  unsigned rare_b_bits = 0;
  unsigned cyr_upper = 0;
  std::size_t run_start = 0;
  unsigned run_len = 0, run_rare = 0;
  unsigned prev_rare = 0;  // the previous character counted in run_rare
  bool run_sym = false;
  unsigned glued = 0;
  std::size_t last_cjk_end = 0;  // just past the last (BMP) CJK character
  bool cjk_seen = false;
  // The quiet groups that may follow the previous character (ASCII or
  // none: any).
  unsigned allow = kQuietNeutral | kQuietAlpha | kQuietCjk;
  // The gate: its conditions met, CJK seen, the previous character CJK.
  bool local = false, seen_cjk = false, last_cjk = false;
  bool last_wide = false;  // the previous character is U+2E80 or above (CJK, full-width, U+FFFD)
  auto wide_at = [&](std::size_t k) {
    if (k >= n || p[k] < 0xE2) return false;
    if (p[k] >= 0xF0) return true;
    if (k + 2 >= n) return false;
    return ((p[k] & 0x0F) << 12 | (p[k + 1] & 0x3F) << 6) >= 0x2E80;
  };
  auto cjk_at = [&](std::size_t k) {
    if (k >= n) return false;
    if (p[k] >= 0xF0) return true;
    if (p[k] < 0xE0 || k + 2 >= n) return false;
    const char32_t cp = static_cast<char32_t>((p[k] & 0x0F) << 12 | (p[k + 1] & 0x3F) << 6 | (p[k + 2] & 0x3F));
    return (flags[cp] & kCjk) != 0;
  };
  auto suspect = [&](std::size_t at) {
    if (!out.empty() && at < out.back().second) return;
    const std::size_t b = window_begin(utf8, at), e = window_end(utf8, at);
    if (!out.empty() && b <= out.back().second) out.back().second = std::max(out.back().second, e);
    else out.emplace_back(b, e);
  };
  while (i < n) {
    if (p[i] < 0x80) {
      if (run_rare > 0 && (run_len <= 3 || run_rare * 3 >= run_len)) suspect(run_start);
      if (run_len == 1 && run_sym && ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z') && ++glued >= 3) {
        suspect(run_start);
        glued = 0;
      }
      run_len = run_rare = 0;
      prev = prev2 = kNone;
      rare_a = rare_b = 0;
      rare_b_bits = 0;
      cyr_upper = 0;
      allow = kQuietNeutral | kQuietAlpha | kQuietCjk;
      [[maybe_unused]] const std::size_t ascii_start = i;
      [[maybe_unused]] const bool before_cjk = last_cjk;
      [[maybe_unused]] const bool before_wide = last_wide;
      if constexpr (Gate) {
        // '?' right after a CJK character.
        if (before_cjk && p[i] == '?') local = true;
        last_cjk = false;
        last_wide = false;
      }
      ++i;
      while (i + 8 <= n) {
        std::uint64_t v;
        __builtin_memcpy(&v, p + i, 8);
        if (v & 0x8080808080808080ull) break;
        i += 8;
      }
      while (i < n && p[i] < 0x80) ++i;
      if constexpr (Gate) {
        // One ASCII letter after CJK, a space after it.
        if (before_cjk && i - ascii_start >= 2 && ascii_letter(p[ascii_start]) && ascii_space(p[ascii_start + 1]))
          local = true;
        if (!local && i < n) {
          const std::size_t len = i - ascii_start;
          const unsigned char last = p[i - 1];
          const bool letter = (last | 0x20) >= 'a' && (last | 0x20) <= 'z';
          // '?' (or '?' and one printable ASCII byte) right before CJK; one
          // ASCII letter between two CJK characters.
          if ((last == '?' || (len >= 2 && p[i - 2] == '?' && last > 0x20 && last < 0x7F) ||
               (len == 1 && before_cjk && letter) || (len >= 2 && letter && ascii_space(p[i - 2])) ||
               (len == 1 && ascii_start == 0 && letter) ||
               (head_symbol(last) && (len == 1 ? ascii_start == 0 : ascii_space(p[i - 2]) || p[i - 2] == '('))) &&
              cjk_at(i))
            local = true;
          // One possible trail byte (0x40-0x7E) glued to CJK on one side
          // and a wide character on the other (misalign_suspect_reference).
          if (len == 1 && last >= 0x40 && last <= 0x7E &&
              ((before_cjk && wide_at(i)) || (before_wide && cjk_at(i))))
            local = true;
        }
      }
      continue;
    }
    // A run of quiet characters, and the ASCII between them where no rule
    // fires at the ends (no rare CJK in the run before; for the gate, no
    // '?' at either end, not one letter after CJK): nothing fires, the
    // state is what the full path would leave.
    if (allow != 0 && rare_b_bits == 0 && p[i] < 0xF0) {
      std::size_t j = i;
      unsigned a = allow, groups = 0;
      unsigned count = 0;  // quiet characters since the loop began or the last ASCII
      bool reset = false;  // ASCII taken
      std::size_t rs = run_start;
      unsigned rl = run_len, rr = run_rare;
      char32_t last = 0, last2 = 0;
      std::size_t lc = 0;  // just past the run's last CJK character (0: none)
      while (j < n) {
        const unsigned c = p[j];
        char32_t cp;
        std::size_t len;
        if (c < 0x80) {
          if (rr > 0) break;
          std::size_t e = j + 1;
          while (e + 8 <= n) {
            std::uint64_t v;
            __builtin_memcpy(&v, p + e, 8);
            if (v & 0x8080808080808080ull) break;
            e += 8;
          }
          while (e < n && p[e] < 0x80) ++e;
          if constexpr (Gate) {
            const bool after_cjk = (quiet[last] & kQuietCjk) != 0;
            const bool after_wide = count > 0 && last >= 0x2E80;
            const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            if (c == '?' || p[e - 1] == '?' || (e - j >= 2 && p[e - 2] == '?') ||
                (e - j == 1 && after_cjk && letter) ||
                (e - j >= 2 && ascii_letter(p[e - 1]) && ascii_space(p[e - 2])) || (e - j == 1 && j == 0 && letter) ||
                (head_symbol(p[e - 1]) &&
                 (e - j == 1 ? j == 0 : ascii_space(p[e - 2]) || p[e - 2] == '(')) ||
                (e - j >= 2 && after_cjk && letter && ascii_space(p[j + 1])) ||
                (e - j == 1 && c >= 0x40 && c <= 0x7E && (after_cjk || after_wide)))
              break;
          }
          j = e;
          reset = true;
          count = 0;
          rl = 0;
          last = last2 = 0;
          a = kQuietNeutral | kQuietAlpha | kQuietCjk;
          continue;
        }
        if (c < 0xE0) {
          cp = static_cast<char32_t>((c & 0x1F) << 6 | (p[j + 1] & 0x3F));
          len = 2;
        } else if (c < 0xF0) {
          cp = static_cast<char32_t>((c & 0x0F) << 12 | (p[j + 1] & 0x3F) << 6 | (p[j + 2] & 0x3F));
          len = 3;
        } else {
          break;
        }
        const unsigned q = quiet[cp];
        if ((q & a) == 0) break;
        a = q >> 4;
        groups |= q;
        if (q & kQuietCjk) lc = j + len;
        last2 = last;
        last = cp;
        ++count;
        if (rl++ == 0) rs = j;
        j += len;
      }
      if (j != i) {
        run_start = rs;
        run_len = rl;
        if (reset) run_rare = 0;
        rare_a = rare_b = 0;
        cyr_upper = 0;
        run_sym = false;
        if (count >= 2) {
          prev2 = info[last2];
          prev = info[last];
        } else if (count == 1) {
          prev2 = reset ? kNone : prev;
          prev = info[last];
        } else {
          prev = prev2 = kNone;
        }
        if (count > 0) prev_cp = last;
        prev_rare = 0;
        if (lc != 0) {
          last_cjk_end = lc;
          cjk_seen = true;
        }
        allow = a;
        if constexpr (Gate) {
          seen_cjk |= (groups & kQuietCjk) != 0;
          last_cjk = count > 0 && (quiet[last] & kQuietCjk) != 0;
          last_wide = count > 0 && last >= 0x2E80;
        }
        i = j;
        continue;
      }
    }
    const std::size_t at = i;
    if (run_len++ == 0) run_start = at;
    char32_t cp;
    if (p[i] < 0xE0) {
      cp = static_cast<char32_t>((p[i] & 0x1F) << 6 | (p[i + 1] & 0x3F));
      i += 2;
    } else if (p[i] < 0xF0) {
      cp = static_cast<char32_t>((p[i] & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
      i += 3;
    } else {
      i += 4;
      ++run_rare;
      if (++rare_a >= 3 || ++rare_b >= 2) suspect(at);
      prev = prev2 = kNone;
      prev_rare = 1;
      allow = kQuietNeutral | kQuietAlpha | kQuietCjk;
      if constexpr (Gate) seen_cjk = last_cjk = last_wide = true;
      continue;
    }
    const cp_info cur = info[cp];
    const bool word = rare_word(prev.flags, prev_cp, cur.flags, cp);
    const std::uint16_t f = word ? static_cast<std::uint16_t>(cur.flags & ~(kRareA | kRareB)) : cur.flags;
    if (word) {
      rare_a = rare_b = 0;
      rare_b_bits &= ~1u;
      run_rare -= prev_rare;
    }
    if constexpr (Gate) {
      const bool cjk = (f & kCjk) != 0;
      if (!local) {
        if (cp == 0xFFFD && (last_cjk || cjk_at(i))) local = true;
        if (cp == 0x9225 || cp == 0x9286 || cp == 0x951B || cp == 0x951D) local = true;
      }
      seen_cjk |= cjk;
      last_cjk = cjk;
      last_wide = cp >= 0x2E80;
    }
    allow = quiet[cp] >> 4;
    rare_a = (f & kRareA) ? rare_a + 1 : 0;
    rare_b = (f & kRareB) ? rare_b + 1 : 0;
    run_rare += (f & kRareA) != 0;
    prev_rare = (f & kRareA) != 0;
    run_sym = (f & kSym1252) != 0;
    rare_b_bits = (rare_b_bits << 1 | ((f & kRareB) != 0)) & 0xF;
    cyr_upper = (f & kCyrUpper) ? cyr_upper + 1 : 0;
    bool hit = (f & kSpecial) != 0 || rare_a >= 3 || rare_b >= 2 ||
               kTwoOrMore[rare_b_bits] || cyr_upper >= 5;
    const std::uint16_t pf = prev.flags;
    const std::uint16_t both = pf | f;
    hit |= (pf & kLatinHigh) && (f & kLatinHigh) &&
           (!((pf & kLatinLower) && (f & kLatinLower)) || (prev2.flags & kLatinHigh));
    hit |= (both & kCyrSymbol) && (both & (kCyrLower | kCyrUpper)) && pf != 0;
    hit |= (pf & kCyrLower) && (f & kCyrUpper);
    hit |= ((f & kReplacement) && (pf & (kRareA | kLatinHigh))) ||
           ((pf & kReplacement) && (f & (kRareA | kLatinHigh)));
    hit |= ((pf & kAlphaLetter) && (f & kCjk)) || ((pf & kCjk) && (f & kAlphaLetter));
    hit |= ((pf & kOddNearCjk) && (f & kCjk)) || ((pf & kCjk) && (f & kOddNearCjk));
    hit |= (prev2.lead3 & prev.cont & cur.cont) != 0;
    for (unsigned m = prev.lead & cur.cont; m != 0 && !hit; m &= m - 1) {
      const unsigned w = static_cast<unsigned>(__builtin_ctz(m));
      const char32_t seq =
          static_cast<char32_t>((t.bytes[w][prev_cp] & 0x1F) << 6 | (t.bytes[w][cp] & 0x3F));
      hit = plausible_two_byte(seq);
    }
    if ((f & kDbLatin) && !hit && (!cjk_seen || at >= last_cjk_end + 48)) {
      auto alpha = [](unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
      hit = (at > 0 && alpha(p[at - 1])) || (i < n && alpha(p[i]));
    }
    if (f & kCjk) {
      last_cjk_end = i;
      cjk_seen = true;
    }
    if (hit) suspect(at);
    prev2 = prev;
    prev = cur;
    prev_cp = cp;
  }
  if (run_rare > 0 && (run_len <= 3 || run_rare * 3 >= run_len)) suspect(run_start);
  if constexpr (Gate) {
    gate->local = local;
    gate->seen_cjk = seen_cjk;
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows(std::string_view utf8) {
  return screen_scan<false>(utf8, nullptr);
}

std::vector<std::pair<std::size_t, std::size_t>> suspicious_windows(std::string_view utf8,
                                                                    screen_gate& gate) {
  return screen_scan<true>(utf8, &gate);
}

bool misalign_suspect(std::string_view utf8, int windows_known) {
  if (windows_known >= 0) return misalign_suspect_reference(utf8, windows_known);
  screen_gate g;
  const bool windows = !screen_scan<true>(utf8, &g).empty();
  return g.suspect(windows);
}

}  // namespace norm::detail
