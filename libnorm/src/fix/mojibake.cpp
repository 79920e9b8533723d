#include "fix/mojibake.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "detail/codec.hpp"
#include "detect/legacy_scorer.hpp"
#include "detect/tables.hpp"
#include "fix/reencode.hpp"
#include "fix/text_model.hpp"
#include "norm/transcode.hpp"

namespace norm::detail {
namespace {

enum class route : std::uint8_t { utf8, legacy };

struct wrong_decoder {
  encoding enc;
  route how;
};

// The order is the order of likelihood: UTF-8 read as windows-1252 is by
// far the most common mix-up (FIELD.md), then the CJK ones.
constexpr wrong_decoder kDecoders[] = {
    {encoding::windows1252, route::utf8}, {encoding::gbk, route::utf8},
    {encoding::cp932, route::utf8},       {encoding::big5_hkscs, route::utf8},
    {encoding::cp949, route::utf8},       {encoding::euc_jp, route::utf8},
    {encoding::windows1251, route::utf8}, {encoding::windows1250, route::utf8},
    {encoding::windows1253, route::utf8}, {encoding::windows1254, route::utf8},
    {encoding::windows1257, route::utf8}, {encoding::iso8859_2, route::utf8},
    {encoding::iso8859_15, route::utf8},  {encoding::macroman, route::utf8},
    {encoding::cp437, route::utf8},       {encoding::koi8_r, route::utf8},
    {encoding::iso8859_1, route::utf8},
    {encoding::windows1252, route::legacy}, {encoding::iso8859_1, route::legacy},
    {encoding::windows1254, route::legacy},
    {encoding::windows1251, route::legacy}, {encoding::koi8_r, route::legacy},
    {encoding::gbk, route::legacy},       {encoding::big5_hkscs, route::legacy},
    {encoding::cp932, route::legacy},     {encoding::cp949, route::legacy},
};

// A change must make the text at least 5 bits more plausible (in context):
// below that, the models cannot tell a repair from a coin toss.
constexpr std::int64_t kMargin = 10;
// Average cost (half-bits per character) above which a CJK stretch is
// examined as possible legacy mojibake: 12 bits (see legacy_pass).
constexpr std::int64_t kImplausibleCjk = 24;
// The same for letters (half-bits per character): 6 bits.
constexpr std::int64_t kImplausibleLetter = 12;
// Characters of unchanged context on each side of a candidate.
constexpr std::size_t kContext = 3;
// A character as rare as a wrong double-byte decoder's usually are: 20
// bits (see best_whole_reading).
constexpr std::int64_t kGarbleRare = 40;
// ... and the reading must lose that rarity: its rarest character 5 bits
// cheaper than the input's (`\u6977\u519e` -> `\u53d1\u9001`, 44 -> 20 half-bits;
// not Japanese \u57fc\u7389, Saitama, as cp949 bytes read as EUC-JP \u6703\u8317,
// 44 -> 40).
constexpr std::int64_t kRarityGain = 10;

// Two Cyrillic pages mixed up (KOI8 and windows-1251 or Mac Cyrillic) swap
// the case of most letters: lower-case text, the common kind, comes out
// upper-case, so a repair turns capitals into small letters. One that
// makes more capitals than the input had is chance (ld's Russian
// \u0445\u044d\u0448, "hash", read as KOI8-R is \u0423\u0429\u042c; appstream's Ukrainian
// \u0442\u0435\u0491, "tag", as KOI8-U \u0420\u0415\u0404).
bool cyrillic_case_up(encoding wrong, encoding meant, std::u32string_view before, std::u32string_view after) {
  if (family(wrong) != encoding_family::cyrillic || family(meant) != encoding_family::cyrillic) return false;
  auto upper = [](std::u32string_view t) {
    std::size_t n = 0;
    for (char32_t c : t) n += (c >= 0x400 && c <= 0x42F) || (c >= 0x490 && c <= 0x4FF && c % 2 == 0);
    return n;
  };
  return upper(after) > upper(before);
}

// The cost of the rarest non-ASCII character of `t` (half-bits).
std::int64_t rarest(std::u32string_view t) {
  std::int64_t m = 0;
  for (std::size_t k = 0; k < t.size(); ++k)
    if (t[k] >= 0x80) m = std::max(m, text_cost(t.substr(k, 1), model_family::ideographic));
  return m;
}

using decoded_text = prepared_text;

decoded_text to_cps(std::string_view s) {
  decoded_text d;
  d.cps.reserve(s.size());
  d.offs.reserve(s.size() + 1);
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      d.offs.push_back(static_cast<std::uint32_t>(i));
      d.cps.push_back(c);
      ++i;
      continue;
    }
    d.offs.push_back(static_cast<std::uint32_t>(i));
    char32_t cp;
    std::size_t len;
    if (c < 0xE0) { cp = c & 0x1F; len = 2; }
    else if (c < 0xF0) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (std::size_t k = 1; k < len && i + k < n; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    d.cps.push_back(cp);
    i += len;
  }
  d.offs.push_back(static_cast<std::uint32_t>(n));
  return d;
}


// Length of a valid multi-byte UTF-8 sequence at p (strict), else 0.
std::size_t utf8_seq(const unsigned char* p, std::size_t avail, char32_t& cp) {
  unsigned char c = p[0];
  auto cont = [](unsigned char x) { return (x & 0xC0) == 0x80; };
  if (c >= 0xC2 && c < 0xE0 && avail >= 2 && cont(p[1])) {
    cp = ((c & 0x1F) << 6) | (p[1] & 0x3F);
    return 2;
  }
  if (c >= 0xE0 && c < 0xF0 && avail >= 3 && cont(p[1]) && cont(p[2])) {
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) return 0;
    cp = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return 3;
  }
  if (c >= 0xF0 && c < 0xF5 && avail >= 4 && cont(p[1]) && cont(p[2]) && cont(p[3])) {
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) return 0;
    cp = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return 4;
  }
  return 0;
}

bool has_cjk(std::u32string_view t) {
  const std::vector<cp_class>& bmp = tables().bmp_class;
  for (char32_t cp : t) {
    cp_class c = cp < 0x10000 ? bmp[cp] : classify(cp);
    if (c == cp_class::han || c == cp_class::kana || c == cp_class::hangul) return true;
  }
  return false;
}

// Han, kana, Hangul or CJK punctuation / full-width forms.
bool cjk_char(char32_t cp) {
  const cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
  return c == cp_class::han || c == cp_class::kana || c == cp_class::hangul || c == cp_class::cjk_symbol;
}


bool ascii_alpha(char32_t c) { return c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Greek or Cyrillic.
bool greek_cyrillic(char32_t c) { return (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF); }

// Two adjacent letters, one Latin past ASCII, the other Greek or Cyrillic.
bool mixed_alphabet_pair(std::u32string_view t) {
  auto latin_ext = [](char32_t c) { return c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7; };
  const auto gc = greek_cyrillic;
  for (std::size_t k = 1; k < t.size(); ++k)
    if ((latin_ext(t[k - 1]) && gc(t[k])) || (gc(t[k - 1]) && latin_ext(t[k]))) return true;
  return false;
}

// cps[at] is one character of a double-byte W whose bytes are one 2-byte
// UTF-8 sequence, `letter`: is that letter at home where cps[at] stands?
// A Latin letter when cps[at] touches an ASCII letter; a Greek or Cyrillic
// one when the nearest letter on one side (past spaces, punctuation,
// digits; 12 characters at most) is of its script and on the other side
// too, or an ASCII word, or none.
bool lone_letter_fits(const std::u32string& cps, std::size_t at, char32_t letter, std::size_t width = 1) {
  const std::size_t n = cps.size();
  const cp_class lc = letter < 0x10000 ? tables().bmp_class[letter] : classify(letter);
  if (lc == cp_class::latin_letter) {
    if (!((at > 0 && ascii_alpha(cps[at - 1])) || (at + width < n && ascii_alpha(cps[at + width])))) return false;
    // ... in alphabetic text: Chinese glues its characters to ASCII words
    // all the time (the Han character "of" before RPMTAG).
    for (std::size_t k = at > 16 ? at - 16 : 0; k < std::min(n, at + width + 16); ++k)
      if ((k < at || k >= at + width) && cjk_char(cps[k])) return false;
    return true;
  }
  if (!greek_cyrillic(letter)) return false;
  // 2: a letter of its script; 1: an ASCII word or nothing; 0: anything else.
  auto nearest = [&](std::ptrdiff_t step) {
    std::ptrdiff_t k = static_cast<std::ptrdiff_t>(at) + step;
    for (int walked = 0; walked < 12 && k >= 0 && k < static_cast<std::ptrdiff_t>(n); ++walked, k += step) {
      const char32_t c = cps[static_cast<std::size_t>(k)];
      const cp_class cc = c < 0x10000 ? tables().bmp_class[c] : classify(c);
      if (cc == cp_class::ascii_letter) return 1;
      if (cc == cp_class::han || cc == cp_class::kana || cc == cp_class::hangul || cc == cp_class::latin_letter)
        return 0;
      if (cc == cp_class::other_letter) return greek_cyrillic(c) && ((c < 0x400) == (letter < 0x400)) ? 2 : 0;
    }
    return 1;
  };
  const int l = nearest(-1);
  at += width - 1;
  const int r = nearest(+1);
  return l > 0 && r > 0 && l + r >= 3;
}

// Cost of a text in the family that can judge it: ideographic when it holds
// CJK characters (the alphabetic models see them all as one class),
// otherwise the cheaper of the two.
std::int64_t best_cost(std::u32string_view t) {
  std::int64_t ideo = text_cost(t, model_family::ideographic);
  if (has_cjk(t)) return ideo;
  return std::min(ideo, text_cost(t, model_family::alphabetic));
}

// How much more plausible `after` (replacing cps[a, b)) makes the text, in
// half-bits (<= 0: not at all). Within one script family both versions are
// judged with kContext characters on each side by the same models; across
// families (GBK read as Latin-1 -> Chinese, cp1251 read as cp1252 -> Russian) each version alone in its own
// family, so that context is not judged by the wrong models.
std::int64_t gain(const std::u32string& cps, std::size_t a, std::size_t b, const std::u32string& after) {
  std::u32string_view before = std::u32string_view(cps).substr(a, b - a);
  bool cb = has_cjk(before), ca = has_cjk(after);
  std::size_t l = a >= kContext ? a - kContext : 0;
  std::size_t r = std::min(cps.size(), b + kContext);
  const std::u32string_view left = std::u32string_view(cps).substr(l, a - l);
  const std::u32string_view right = std::u32string_view(cps).substr(b, r - b);
  // CJK garble of a few letters inside alphabetic text (e-acute's UTF-8
  // read as EUC-JP inside a French word): the letter models judge both
  // versions in context, the CJK character as a letter of no alphabet.
  const bool alphabetic_context = cb && !ca && !has_cjk(left) && !has_cjk(right) &&
                                  (!left.empty() || !right.empty());
  if (cb != ca && !alphabetic_context) return best_cost(before) - best_cost(after);
  std::u32string before_ctx = cps.substr(l, r - l);
  std::u32string after_ctx = std::u32string(left) + after + std::u32string(right);
  model_family f = alphabetic_context ? model_family::alphabetic : family_for(before_ctx, after_ctx);
  const std::int64_t g = text_cost(before_ctx, f) - text_cost(after_ctx, f);
  // An intermediate layer (UTF-8 read as windows-1252, that as GBK: the
  // first undo gives A-tilde + copyright sign) reads badly in context; each
  // version alone in its own family still tells.
  return alphabetic_context ? std::max(g, best_cost(before) - best_cost(after)) : g;
}

// Real repairs give back ordinary text: the CJK characters a repair
// produces must be common on average (16 bits a character at most; the
// rare ones a chance reading produces cost 20 and more).
constexpr std::int64_t kMaxRepairedCjk = 32;
// A letter no language model has in its alphabet (NKo, Syriac, ...): a
// repair that produces one is a chance reading.
bool exotic_letter(char32_t cp, cp_class c) {
  if (c != cp_class::latin_letter && c != cp_class::other_letter) return false;
  if (cp >= kDenseClassLimit) return true;
  for (const auto& dense : tables().dense_class)
    if (dense[cp] != kClassOtherLetter) return false;
  return true;
}

// `strict`: a double-byte reading, where chance islands are frequent; a
// single-byte one may legitimately give an intermediate layer of older
// mojibake (the windows-1252 reading of 0x83 is f-hook).
bool common_enough(const std::u32string& after, bool strict) {
  std::int64_t total = 0, count = 0;
  const std::vector<cp_class>& bmp = tables().bmp_class;
  for (char32_t cp : after) {
    cp_class c = cp < 0x10000 ? bmp[cp] : classify(cp);
    if (strict && exotic_letter(cp, c)) return false;
    // Nor symbols amid the alphabets (a chance reading of Han text as
    // UTF-8 gives NKo, Syriac gaps, spacing modifiers, and such). Controls and private use
    // stay allowed: lossy garble (U+FFFD through GBK) comes back with them.
    if (strict && c == cp_class::symbol && cp >= 0x02B0 && cp < 0x2000) return false;
    if (c != cp_class::han && c != cp_class::kana && c != cp_class::hangul) continue;
    std::int64_t best = std::numeric_limits<std::int64_t>::max();  // the best model's cost
    for (const ideo_costs& ic : tables().ideo) best = std::min<std::int64_t>(best, ic.cost(cp));
    total += best;
    ++count;
  }
  return count == 0 || total <= count * kMaxRepairedCjk;
}

// Priors (half-bits) a mix-up must overcome, by how common it is
// (FIELD.md): UTF-8 read as windows-1252 is the everyday case; Shift_JIS
// text read as GBK is rare, and its garble (half-width katakana) is also
// legitimate text.
std::int64_t prior(route how, encoding wrong, encoding meant) {
  if (how == route::utf8) {
    switch (wrong) {
      case encoding::windows1252: case encoding::iso8859_1: return 0;
      case encoding::gbk: return 4;
      case encoding::windows1251: return 6;
      case encoding::cp932: case encoding::big5_hkscs: case encoding::cp949: return 8;
      default: return 10;
    }
  }
  if (is_single_byte(wrong)) return is_single_byte(meant) ? 12 : 8;
  if (wrong == encoding::cp932) return 40;
  return 12;
}

// The text `t` would become if it were UTF-8 read by a double-byte code
// page or windows-1252 / ISO-8859-1 (all of it: every character
// encodable, the bytes wholly valid UTF-8 with multi-byte sequences);
// empty if no such page explains it.
std::u32string lookahead(const std::u32string& t) {
  static constexpr encoding kPages[] = {encoding::gbk,         encoding::cp932,     encoding::big5_hkscs,
                                        encoding::cp949,       encoding::euc_jp,    encoding::windows1252,
                                        encoding::iso8859_1};
  std::string bytes;
  for (encoding page : kPages) {
    const reencoder* r = reencoder::get(page);
    if (r == nullptr) continue;
    bytes.clear();
    bool ok = true;
    for (char32_t cp : t)
      if (!(ok = r->append(cp, bytes))) break;
    if (!ok) continue;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::u32string out;
    std::size_t pos = 0;
    bool multi = false;
    while (ok && pos < bytes.size()) {
      if (p[pos] < 0x80) {
        out.push_back(p[pos++]);
        continue;
      }
      char32_t cp = 0;
      std::size_t len = utf8_seq(p + pos, bytes.size() - pos, cp);
      if (len == 0) ok = false;
      out.push_back(cp);
      pos += len;
      multi = true;
    }
    if (ok && multi) return out;
  }
  return {};
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

double confidence_of(std::int64_t gain_half_bits) {
  return 1.0 - std::exp2(-static_cast<double>(gain_half_bits) / 8.0);
}

std::string param(encoding wrong, std::string_view meant) {
  return std::string(name(wrong)) + ">" + std::string(meant);
}

struct run_edit {
  std::size_t a, b;  // character range
  text_edit edit;
};

void utf8_pass(const decoded_text& d, const reencoder& w, std::vector<text_edit>& out) {
  const bool single_byte = is_single_byte(w.enc());
  std::vector<run_edit> run_edits;
  std::vector<std::size_t> char_at;
  const std::u32string& cps = d.cps;
  const std::size_t n = cps.size();
  std::string bytes;
  std::vector<std::size_t> start;  // byte index of each char of the run, plus end
  std::size_t i = 0;
  while (i < n) {
    if (cps[i] < 0x80 || !w.can(cps[i])) { ++i; continue; }
    // The run: consecutive non-ASCII W-encodable characters. Every byte of
    // a multi-byte UTF-8 sequence is >= 0x80, so W read none of them as
    // ASCII; a run of one character cannot hold a sequence.
    std::size_t j = i;
    std::size_t run_begin = j;
    {
      std::size_t e = i;
      while (e < n && cps[e] >= 0x80 && w.can(cps[e])) ++e;
      // One character of a double-byte W is two bytes and may hold a
      // 2-byte sequence (caf + the Han character GBK makes of C3 A9).
      if (e - i < 2 && single_byte) {
        i = e;
        continue;
      }
    }
    if (single_byte) {
      // UTF-8 read as a single-byte W needs a lead byte (C2-F4) followed by
      // a continuation byte (80-BF): skip runs without one, cheaply.
      std::size_t e = i;
      bool pair = false;
      std::uint8_t prev = 0;
      while (e < n && cps[e] >= 0x80 && w.can(cps[e])) {
        std::uint8_t b = w.byte(cps[e]);
        if (prev >= 0xC2 && prev <= 0xF4 && b >= 0x80 && b <= 0xBF) pair = true;
        prev = b;
        ++e;
      }
      if (!pair) {
        i = e;
        continue;
      }
    }
    bytes.clear();
    start.clear();
    while (j < n && cps[j] >= 0x80 && w.can(cps[j])) {
      start.push_back(bytes.size());
      w.append(cps[j], bytes);
      ++j;
    }
    std::size_t run_end = j;
    start.push_back(bytes.size());
    // Character index of each byte boundary (or npos inside a character).
    char_at.assign(bytes.size() + 1, std::size_t(-1));
    for (std::size_t k = 0; k < start.size(); ++k) char_at[start[k]] = k;
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    // Islands: consecutive valid multi-byte UTF-8 sequences from a
    // character boundary, cut back to the last point where a sequence ends
    // on a character boundary too (with a double-byte W, one UTF-8
    // sequence may end inside a W character; two of them line up again).
    std::size_t k = 0;
    const std::size_t chars = run_end - run_begin;
    std::u32string seq_cps, after;
    while (k < chars) {
      std::size_t pos = start[k];
      std::size_t good_char = k;
      seq_cps.clear();
      after.clear();
      while (pos < bytes.size()) {
        char32_t cp = 0;
        std::size_t len = utf8_seq(p + pos, bytes.size() - pos, cp);
        if (len == 0) break;
        seq_cps.push_back(cp);
        pos += len;
        if (char_at[pos] != std::size_t(-1)) {
          good_char = char_at[pos];
          after = seq_cps;
        }
      }
      // One double-byte character that happens to be a 2-byte UTF-8
      // sequence (lead C2-DF, trail 80-BF: thousands of Han characters) is
      // no evidence; UTF-8 read as GBK leaves 3-byte sequences.
      // Unless it gives a letter of the script around it: a Latin letter
      // glued to an ASCII word (partag + the Han character GBK makes of
      // C3 A9 + s), a Cyrillic or Greek letter between words of that
      // script (the Cyrillic conjunction read as GBK, alone between
      // repaired words).
      if (!after.empty() && !single_byte && start[good_char] - start[k] < 3 &&
          !(good_char == k + 1 && lone_letter_fits(cps, run_begin + k, after[0])))
        after.clear();
      // Accented Latin letters from a double-byte reading belong inside a
      // Latin word (caf + e-acute): standing alone amid CJK text (two Han
      // characters that read as i-acute i-acute) they are chance.
      if (!after.empty() && !single_byte) {
        bool latin_only = true;
        bool symbol = false;         // a Latin-1 symbol
        bool only_two_byte = true;   // every character from a 2-byte sequence
        bool alphabet = true;        // Greek or Cyrillic letters only
        for (char32_t c : after) {
          const cp_class cc = c < 0x10000 ? tables().bmp_class[c] : classify(c);
          latin_only = latin_only && c < 0x800 && cc == cp_class::latin_letter;
          symbol |= (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7;
          only_two_byte = only_two_byte && c >= 0x80 && c < 0x800;
          alphabet = alphabet && greek_cyrillic(c);
        }
        const std::size_t a0 = run_begin + k, b0 = run_begin + good_char;
        // A Latin-1 symbol from 2-byte sequences standing amid CJK text is
        // chance too (GBK \u5362\u8bfa, C2 AC C5 B5, a Chinese place name, reads
        // as not-sign + w-circumflex; \u5362\u97e6 as not-sign + Greek tau) --
        // unless the result is itself older mojibake (A-tilde + copyright
        // sign, UTF-8 e-acute read as windows-1252, then as GBK).
        if (symbol && only_two_byte && lookahead(after).empty()) latin_only = true;
        // Greek or Cyrillic letters from 2-byte sequences glued to a Han
        // character of the same run (GBK \u5c0f\u5199, D0 A1 D0 B4, reads as
        // Cyrillic Es + de inside a Chinese sentence of perldata(7)):
        // Russian or Greek text read as GBK is garble from end to end,
        // between spaces and punctuation, not a word inside Chinese.
        auto han_at = [&](std::size_t x) { return x < n && cps[x] >= 0x3400 && cps[x] <= 0x9FFF; };
        if (only_two_byte && !latin_only && alphabet &&
            ((a0 > run_begin && han_at(a0 - 1)) || (b0 < run_end && han_at(b0))))
          after.clear();
        auto ascii_alnum = [&](std::size_t x) {
          return x < n && cps[x] < 0x80 &&
                 (((cps[x] | 0x20) >= 'a' && (cps[x] | 0x20) <= 'z') || (cps[x] >= '0' && cps[x] <= '9'));
        };
        if (latin_only && !(a0 > 0 && ascii_alnum(a0 - 1)) && !ascii_alnum(b0)) after.clear();
      }
      // A Greek or Cyrillic letter from one 2-byte sequence of a
      // single-byte W (D0 A9 read as windows-1252 between Chinese words)
      // must be at home there too.
      // Letters of two alphabets glued together (C4 B3 D0 A9, GBK text read
      // as windows-1252, reads as Latin ij + Cyrillic shcha): chance.
      if (!after.empty() && single_byte && mixed_alphabet_pair(after)) after.clear();
      // One 3-byte sequence glued to the end of a word: a word's last
      // accented letter, a no-break space and a closing guillemet or dash
      // (French `commit\u00e9\u00a0\u00bb`, E9 A0 BB in windows-1252, is the
      // UTF-8 of U+983B; Czech `pln\u00e1\u00a0\u2013` of U+1816) -- French
      // and Czech typography, not a character of another script glued into
      // a Latin word.
      // (Punctuation and symbols, U+2000-U+2BFF, are what UTF-8 puts
      // there: `read\u00e2\u20ac\u009d` is read + right double quote.)
      if (!after.empty() && single_byte && after.size() == 1 && after[0] >= 0x800 &&
          !(after[0] >= 0x2000 && after[0] <= 0x2BFF) && start[good_char] - start[k] == 3) {
        const std::size_t a0 = run_begin + k;
        if (a0 > 0) {
          const char32_t prev = cps[a0 - 1];
          const cp_class pc = prev < 0x10000 ? tables().bmp_class[prev] : classify(prev);
          if (pc == cp_class::latin_letter || pc == cp_class::ascii_letter) after.clear();
        }
      }
      if (!after.empty() && single_byte && after.size() == 1 && good_char == k + 2 &&
          greek_cyrillic(after[0]) && !lone_letter_fits(cps, run_begin + k, after[0], 2))
        after.clear();
      if (after.empty()) { ++k; continue; }
      // Linear time: whether accepted or not, the scan goes on after the
      // island (starting again inside it would re-walk the same bytes, and
      // a long valid island would cost O(n^2)).
      std::size_t a = run_begin + k, b = run_begin + good_char;
      // One 2-byte sequence is weak evidence: hold it to the strict test.
      const bool strict = !single_byte || (after.size() == 1 && start[good_char] - start[k] == 2);
      std::int64_t g = common_enough(after, strict) ? gain(cps, a, b, after) : 0;
      const std::int64_t need = kMargin + prior(route::utf8, w.enc(), encoding::utf8);
      if (g < need && after.size() >= 2) {
        // Layered damage (UTF-8 read as GBK, that read as windows-1252): the
        // first undo gives older mojibake, itself implausible. Look one step
        // ahead: if the result, re-encoded by a double-byte code page, is
        // wholly valid multi-byte UTF-8, judge the two-step result, and keep
        // this step (the next round takes the second).
        std::u32string next = lookahead(after);
        if (!next.empty() && common_enough(next, true)) g = std::max(g, gain(cps, a, b, next));
      }
      if (g >= need) {
        text_edit e;
        e.begin = d.offs[a];
        e.end = d.offs[b];
        for (char32_t cp : after) append_utf8(e.after, cp);
        e.parameter = param(w.enc(), "UTF-8");
        e.confidence = confidence_of(g);
        e.gain = g - need;
        // One 2-byte sequence from a single-byte W is weak structure (S-caron + low quote, in
        // Shift_JIS text read as windows-1252 is valid UTF-8 by chance):
        // it competes with legacy readings on gain, stronger islands go
        // first.
        e.structural = !(single_byte && strict);
        run_edits.push_back({a, b, std::move(e)});
      }
      k = good_char;
    }
    // With a single-byte W, UTF-8 read as W turns every byte of a character
    // into one non-ASCII character: a stretch of non-ASCII characters that
    // islands cover only in part is something else (Big5 read as Latin-1
    // holds chance UTF-8 like E9 A4 A4), left to the legacy pass.
    for (std::size_t x = 0; x < run_edits.size(); ++x) {
      const auto& re = run_edits[x];
      bool whole = true;
      if (single_byte) {
        std::size_t sa = re.a, sb = re.b;
        while (sa > 0 && cps[sa - 1] >= 0x80) --sa;
        while (sb < n && cps[sb] >= 0x80) ++sb;
        // Covered when the islands inside [sa, sb) are contiguous and span it.
        std::size_t at = sa;
        for (const auto& other : run_edits)
          if (other.a >= sa && other.b <= sb && other.a == at) at = other.b;
        whole = at == sb;
      }
      if (whole) out.push_back(re.edit);
    }
    run_edits.clear();
    i = run_end;
  }
}

// The legacy encodings a stretch may really be in, for each wrong decoder.
bool is_cjk(encoding e) {
  switch (family(e)) {
    case encoding_family::chinese_simplified:
    case encoding_family::chinese_traditional:
    case encoding_family::japanese:
    case encoding_family::korean: return true;
    default: return false;
  }
}

bool legacy_target_ok(encoding wrong, encoding meant) {
  if (meant == wrong || meant == encoding::unknown) return false;
  // Text garbled by a double-byte decoder was double-byte text -- of the
  // codes pages were written in (FIELD.md: GBK, Big5, Shift_JIS, EUC-KR
  // confusions): not EUC-TW, whose planes read as cp949 give Hanja that
  // look like any Traditional text (\u66fc\u7386\u5c3c, a place name in Debian's
  // zh_TW catalogs, "was" EUC-TW \u8a17\u6a23\u7d00), and which no corpus case or
  // real page shows.
  if (!is_single_byte(wrong)) return is_cjk(meant) && !is_single_byte(meant) && meant != encoding::euc_tw;
  if (is_single_byte(wrong) && is_single_byte(meant)) {
    // Latin <-> Cyrillic swaps only; Latin code pages among themselves
    // differ in a letter or two, never enough to tell.
    // Not Cyrillic <-> Greek: two alphabets whose short words read as each
    // other's (glib's Russian \u042d\u0438\u0411, exbibyte, as windows-1253 is
    // Greek \u03ad\u03b8\u0391), and no page mixes them up.
    auto cyr = [](encoding e) { return family(e) == encoding_family::cyrillic; };
    auto greek = [](encoding e) { return family(e) == encoding_family::greek; };
    if ((cyr(wrong) && greek(meant)) || (greek(wrong) && cyr(meant))) return false;
    return cyr(wrong) != cyr(meant) || (cyr(wrong) && cyr(meant));
  }
  return true;
}

struct stretch {
  std::size_t begin, end;  // characters
  std::size_t non_ascii, letters;
  bool ascii_letter_inside, touches_ascii_word;
};

// Stretches of W-encodable text that read implausibly (see legacy_pass).
std::vector<stretch> implausible_stretches(const decoded_text& d, const reencoder& w) {
  const bool single_byte = is_single_byte(w.enc());
  const std::vector<cp_class>& bmp = tables().bmp_class;
  const std::u32string& cps = d.cps;
  const std::size_t n = cps.size();
  auto ascii_letter = [&](std::size_t k) {
    return k < n && cps[k] < 0x80 && (cps[k] | 0x20) >= 'a' && (cps[k] | 0x20) <= 'z';
  };
  std::vector<stretch> out;
  std::size_t i = 0;
  while (i < n) {
    if (cps[i] < 0x80 || !w.can(cps[i])) { ++i; continue; }
    // A stretch: W-encodable characters from a non-ASCII one to a non-ASCII
    // one, with ASCII inside but no whitespace (a trail byte of Big5, GBK
    // or Shift_JIS may be an ASCII letter: `Ac` is half of a Big5 pair;
    // `JSON` inside Chinese text is ASCII too).
    std::size_t j = i, last = i, non_ascii = 0, letters = 0, cjk = 0;
    bool full_width = false;
    while (j < n && w.can(cps[j]) && !is_space(cps[j])) {
      if (cps[j] >= 0x80) {
        last = j;
        ++non_ascii;
        cp_class c = cps[j] < 0x10000 ? bmp[cps[j]] : classify(cps[j]);
        letters += c == cp_class::latin_letter || c == cp_class::other_letter;
        cjk += c == cp_class::han || c == cp_class::kana || c == cp_class::hangul || c == cp_class::cjk_symbol;
        full_width |= !(cps[j] >= 0xFF61 && cps[j] <= 0xFF9F);
      }
      ++j;
    }
    stretch st{i, last + 1, non_ascii, letters, false, false};
    i = last + 1;
    for (std::size_t k = st.begin; k < st.end; ++k) st.ascii_letter_inside |= ascii_letter(k);
    st.touches_ascii_word = (st.begin > 0 && ascii_letter(st.begin - 1)) || ascii_letter(st.end);
    // Half-width katakana alone is legitimate (U+FF83 U+FF9E U+FF70 U+FF80 "data" in legacy systems);
    // as cp932's reading of other bytes it needs full-width company.
    if (w.enc() == encoding::cp932 && !full_width) continue;
    // Two or more non-ASCII characters (a legacy double-byte character read
    // as single bytes always makes two); with a double-byte W, CJK ones.
    if (non_ascii < 2 || (!single_byte && cjk * 2 < non_ascii)) continue;
    // Only a stretch that reads implausibly is worth ranking: CJK text
    // averages 8 to 10 bits a character under its model, a legacy mix-up
    // (Big5 read as GBK) 14 and more; a word of an alphabetic language 4 to
    // 5 bits a letter, Cyrillic read as Latin (\u00DD\u00F2\u00EE for \u042D\u0442\u043E) or CJK read as Latin
    // (\u00D6\u00D0\u00CE\u00C4 for Chinese) 8 and more.
    std::u32string_view text = std::u32string_view(cps).substr(st.begin, st.end - st.begin);
    bool implausible =
        single_byte ? text_cost(text, model_family::alphabetic) > static_cast<std::int64_t>(text.size()) * kImplausibleLetter
                    : text_cost(text, model_family::ideographic) > static_cast<std::int64_t>(text.size()) * kImplausibleCjk;
    if (implausible) out.push_back(st);
  }
  return out;
}

// Neighbouring implausible stretches separated by nothing but spaces,
// punctuation or digits (at most kRegionGap characters) are judged as one
// region: a sentence of short Korean or Russian words gives the ranking
// and the models far more evidence than each word alone, and is repaired
// in one round.
constexpr std::size_t kRegionGap = 4;
// Readings of a region tried (see legacy_pass): three covers GBK, Big5 and
// one more; past that the ranking's tail is noise.
constexpr int kReadingsTried = 3;

void legacy_pass(const decoded_text& d, const reencoder& w, std::vector<text_edit>& out,
                 const std::vector<text_edit>* claimed, bool repaired_before) {
  const bool single_byte = is_single_byte(w.enc());
  const std::u32string& cps = d.cps;
  std::vector<stretch> sts = implausible_stretches(d, w);
  // Short stretches amid CJK text (one character, or symbols only: GBK's
  // full-width comma read as Latin-1) are judged only where the window
  // shows the mix-up at length -- now, or in an earlier round. Alone they
  // are far likelier right (a plus-minus sign before a degree sign).
  bool long_garble = repaired_before;
  for (const stretch& st : sts) long_garble |= st.non_ascii >= 4 && st.letters >= 2;
  std::string bytes;
  std::size_t s = 0;
  while (s < sts.size()) {
    std::size_t e = s + 1;
    while (e < sts.size()) {
      std::size_t gap_begin = sts[e - 1].end, gap_end = sts[e].begin;
      bool ok = gap_end - gap_begin <= kRegionGap;
      for (std::size_t k = gap_begin; ok && k < gap_end; ++k)
        ok = cps[k] < 0x80 && !((cps[k] | 0x20) >= 'a' && (cps[k] | 0x20) <= 'z');
      if (!ok) break;
      ++e;
    }
    const std::size_t i = sts[s].begin, j = sts[e - 1].end;
    std::size_t letters = 0, non_ascii = 0;
    bool ascii_letter_inside = false, touches_ascii_word = sts[s].touches_ascii_word || sts[e - 1].touches_ascii_word;
    for (std::size_t k = s; k < e; ++k) {
      letters += sts[k].letters;
      non_ascii += sts[k].non_ascii;
      ascii_letter_inside |= sts[k].ascii_letter_inside;
    }
    s = e;
    // One character repeated (the MSVC fill that GBK shows as a run of
    // one Han character) is a marker, not text: its "reading" in another
    // code page would be the same repetition of another character.
    {
      char32_t first = 0;
      bool same = true;
      for (std::size_t k = i; k < j && same; ++k) {
        if (cps[k] < 0x80) continue;
        if (first == 0) first = cps[k];
        same = cps[k] == first;
      }
      if (same) continue;
    }
    // Legacy double-byte text read as a single-byte code page turns into
    // letters (\u00D6\u00D0\u00CE\u00C4 from GBK, \u00C7\u00D1\u00B1\u00DB from EUC-KR); a region of dashes or spaces is not that.
    // (Amid CJK text it may be: GBK's full-width punctuation, A1-A3 leads,
    // reads as Latin-1 symbols.)
    // Within a few characters (ASCII words between: GBK's "and" read as
    // Latin-1 in "Esc ... Ctrl-J", next to Chinese text).
    bool cjk_around = false;
    if (single_byte) {
      for (std::size_t k = i, walked = 0; k > 0 && walked < 12 && !cjk_around; --k, ++walked)
        cjk_around = cjk_char(cps[k - 1]);
      for (std::size_t k = j, walked = 0; k < cps.size() && walked < 12 && !cjk_around; ++k, ++walked)
        cjk_around = cjk_char(cps[k]);
    }
    if (single_byte && letters == 0 && !(cjk_around && long_garble)) continue;
    if (claimed != nullptr) {
      const std::size_t bb = d.offs[i], be = d.offs[j];
      auto it = std::lower_bound(claimed->begin(), claimed->end(), bb,
                                 [](const text_edit& c, std::size_t v) { return c.end <= v; });
      if (it != claimed->end() && it->begin < be) continue;  // strong evidence was here
    }
    bytes.clear();
    for (std::size_t k = i; k < j; ++k) w.append(cps[k], bytes);
    // Legacy CJK read as Latin, amid CJK text (a full-width comma, GBK
    // A3 AC, as pound sign + not sign between Chinese words): the text
    // around says what the stretch was, even for one character.
    const bool cjk_neighbour = cjk_around && long_garble;
    // A short region's rarest character (see best_whole_reading).
    const std::int64_t rarest_in = !single_byte && non_ascii < 3 ? rarest(std::u32string_view(cps).substr(i, j - i)) : 0;
    legacy_ranking r = rank_legacy(bytes, bytes.size());
    // The best few readings that could be meant (Big5 text read as Latin
    // is often valid GBK too, and GBK may rank first): the one that makes
    // the text most plausible wins; W's own reading ends the list.
    text_edit best;
    std::int64_t best_gain = -1;
    int tried = 0;
    for (const scored_reading& x : r.readings) {
      if (tried >= kReadingsTried) break;
      // One invalid byte may be a last lead whose trail byte is ASCII (see below).
      if (x.pruned || x.invalid > (single_byte ? 1u : 0u)) continue;
      if (x.table_enc == w.enc() || same_single_byte_decoding(x.enc, w.enc(), r.byte_seen)) break;
      if (!legacy_target_ok(w.enc(), x.enc)) continue;
      if (single_byte && is_single_byte(x.enc)) {
        // A code-page swap (cp1251 Russian read as cp1252) rewrites whole words: never a
        // piece of a word spelled with ASCII letters (the Spanish name N-tilde u-acute n-tilde-ez), and three
        // letters at least (a two-letter Cyrillic abbreviation reads as well either way).
        if (ascii_letter_inside || touches_ascii_word || letters < 3) continue;
        // ... nor a piece of a word cut where W has no byte for a letter
        // (Ukrainian \u042f\u0443\u043d\u043f\u0456\u0454\u0431\u0430\u043b\u0433\u0441\u044c\u043a\u0438\u0439: KOI8-R has no \u0456, and
        // \u042f\u0443\u043d\u043f alone read as windows-1251 was \u0441\u0425\u041e\u0420).
        auto letter_at = [&](std::size_t at) {
          if (at >= cps.size() || cps[at] < 0x80) return false;
          const cp_class c = cps[at] < 0x10000 ? tables().bmp_class[cps[at]] : classify(cps[at]);
          return c == cp_class::latin_letter || c == cp_class::other_letter;
        };
        if ((i > 0 && letter_at(i - 1)) || letter_at(j)) continue;
      } else if (single_byte && bytes.size() < 4 && !cjk_neighbour) {
        continue;  // one double-byte character (E-acute + registered sign, read as GBK, is one Han character) is no evidence
      } else if (!single_byte && !is_single_byte(x.enc) && non_ascii < 3 && rarest_in < kGarbleRare) {
        continue;  // two ordinary CJK characters (see best_whole_reading)
      }
      ++tried;
      decode_options o;  // strict
      auto dec = decode(bytes, x.enc, o);
      std::size_t jj = j;  // the region's end for this reading
      if (!dec && single_byte && !is_single_byte(x.enc) && jj < cps.size() &&
          cps[jj] > 0x20 && cps[jj] < 0x7F) {
        // The last character's trail byte was ASCII (Big5 and Shift_JIS
        // trail bytes 0x40-0x7E): the stretch stopped one byte short.
        std::string longer = bytes;
        longer.push_back(static_cast<char>(cps[jj]));
        dec = decode(longer, x.enc, o);
        ++jj;
      }
      if (!dec) continue;
      std::u32string after = to_cps(dec->text).cps;
      if (!single_byte && !is_single_byte(x.enc) && non_ascii < 3 && rarest(after) + kRarityGain > rarest_in)
        continue;
      // A code-page swap must give text that reads as a language reads (the
      // test that flagged the original) and is made of letters, not merely
      // better garble (box drawing from IBM866).
      if (single_byte && is_single_byte(x.enc)) {
        std::size_t na = 0, nl = 0;
        for (char32_t cp : after) {
          if (cp < 0x80) continue;
          ++na;
          cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
          nl += c == cp_class::latin_letter || c == cp_class::other_letter;
        }
        if (nl * 5 < na * 4) continue;
        if (text_cost(after, model_family::alphabetic) > static_cast<std::int64_t>(after.size()) * kImplausibleLetter)
          continue;
        // ... and rewrites most of its letters: pages of one alphabet that
        // differ in a letter or two (windows-1251 and Mac Cyrillic) cannot
        // be told apart by one word (Ukrainian \u0491\u0440\u0430\u0442\u043e\u043a, "grids", read as
        // Mac Cyrillic is \u0456\u0440\u0430\u0442\u043e\u043a).
        std::size_t changed = 0;
        if (after.size() == jj - i)
          for (std::size_t q = 0; q < after.size(); ++q) changed += after[q] != cps[i + q];
        if (changed * 2 < na) continue;
        if (cyrillic_case_up(w.enc(), x.enc, std::u32string_view(cps).substr(i, jj - i), after)) continue;
      }
      std::int64_t g = common_enough(after, true) ? gain(cps, i, jj, after) : 0;
      // Amid CJK text, both versions are judged by the CJK models: the
      // text around is what the stretch must read like.
      if (g > 0 && cjk_neighbour && !is_single_byte(x.enc)) {
        const std::u32string_view before = std::u32string_view(cps).substr(i, jj - i);
        g = std::max(g, text_cost(before, model_family::ideographic) - text_cost(after, model_family::ideographic));
      }
      // CJK text read as Latin is rarely glued to an ASCII word; a Latin
      // word with mojibake inside (Czech obsahujici with its i-acutes garbled) often is: 12 more bits.
      const std::int64_t glued =
          single_byte && !is_single_byte(x.enc) && touches_ascii_word && !cjk_neighbour ? 24 : 0;
      const std::int64_t need = kMargin + prior(route::legacy, w.enc(), x.enc) + glued;
      if (g >= need && g - need > best_gain) {
        best_gain = g - need;
        best.begin = d.offs[i];
        best.end = d.offs[jj];
        best.after = dec->text;
        best.parameter = param(w.enc(), name(x.enc));
        best.confidence = confidence_of(g);
        best.gain = g - need;
      }
    }
    if (best_gain >= 0) out.push_back(std::move(best));
  }
}

}  // namespace

std::size_t mojibake_decoder_count() noexcept { return std::size(kDecoders); }

bool mojibake_impossible(std::string_view utf8) noexcept {
  for (unsigned char c : utf8)
    if (c >= 0x80) return false;
  return true;
}

prepared_text prepare(std::string_view utf8) { return to_cps(utf8); }

std::vector<text_edit> find_mojibake(const prepared_text& d, std::size_t decoder_index,
                                     const std::vector<text_edit>* claimed, bool repaired_before) {
  std::vector<text_edit> out;
  if (decoder_index >= std::size(kDecoders)) return out;
  const wrong_decoder& wd = kDecoders[decoder_index];
  const reencoder* w = reencoder::get(wd.enc);
  if (w == nullptr) return out;
  if (wd.how == route::utf8) utf8_pass(d, *w, out);
  else legacy_pass(d, *w, out, claimed, repaired_before);
  return out;
}

namespace {

// The cost of a whole window's text, for comparing two readings of it:
// ideographic when both hold CJK, alphabetic when neither does, each in
// its own family otherwise.
std::pair<std::int64_t, std::int64_t> compare_costs(std::u32string_view a, std::u32string_view b) {
  const bool ca = has_cjk(a), cb = has_cjk(b);
  if (ca && cb) return {text_cost(a, model_family::ideographic), text_cost(b, model_family::ideographic)};
  if (!ca && !cb) return {text_cost(a, model_family::alphabetic), text_cost(b, model_family::alphabetic)};
  return {best_cost(a), best_cost(b)};
}

// A word (a run of letters) with both ASCII letters and Greek/Cyrillic ones.
bool mixed_script_word(std::u32string_view t) {
  bool ascii = false, other = false;
  for (char32_t c : t) {
    if (ascii_alpha(c)) ascii = true;
    else if (greek_cyrillic(c)) other = true;
    else if (c < 0x80 || is_space(c) || c >= 0x2000) { ascii = other = false; continue; }
    if (ascii && other) return true;
  }
  return false;
}

// Whole-window readings: most mojibake garbles a whole document (or line),
// and there the text read in full, once, explains it better than any set of
// stretches (a Big5 line read as GBK has short words, single characters and
// kana among the Han garble; each alone is too little evidence). Every
// character of the window must be W-encodable and the bytes must decode
// strictly; the reading wins when it beats both the input and the span
// repairs by the margin and the mix-up's prior. Empty `after` when none.
struct whole_reading {
  std::string after;
  std::string parameter;
  std::int64_t gain = 0;
  double confidence = 0;
};

whole_reading best_whole_reading(const prepared_text& d, const std::u32string& current,
                                 const std::vector<std::string>& current_params) {
  whole_reading best;
  const std::u32string& cps = d.cps;
  std::string bytes;
  std::int64_t best_margin = 0;
  bool tried_legacy[std::size(kDecoders)] = {};
  const std::size_t non_ascii = static_cast<std::size_t>(
      std::count_if(cps.begin(), cps.end(), [](char32_t c) { return c >= 0x80; }));
  const std::int64_t rarest_in = non_ascii < 3 ? rarest(cps) : 0;
  for (std::size_t di = 0; di < std::size(kDecoders); ++di) {
    const wrong_decoder& wd = kDecoders[di];
    const reencoder* w = reencoder::get(wd.enc);
    if (w == nullptr) continue;
    bytes.clear();
    bool ok = true;
    for (char32_t cp : cps)
      if (!(ok = w->append(cp, bytes))) break;
    if (!ok) continue;
    auto consider = [&](encoding meant, std::string_view meant_name, std::int64_t pr, bool strict) {
      decode_options o;  // strict
      auto dec = decode(bytes, meant, o);
      if (!dec) return;
      std::u32string after = to_cps(dec->text).cps;
      if (after == cps || after == current) return;
      if (wd.how == route::legacy && !is_single_byte(wd.enc) && !is_single_byte(meant) && non_ascii < 3 &&
          rarest(after) + kRarityGain > rarest_in)
        return;
      if (!common_enough(after, strict)) return;
      // A code-page swap (Cyrillic read as Latin, KOI8-R read as
      // windows-1251) rewrites whole words: one that comes out half ASCII,
      // half another alphabet (a Spanish name read as Cyrillic) is chance.
      if (is_single_byte(wd.enc) && is_single_byte(meant) && mixed_script_word(after)) return;
      // ... and needs three letters to go by, as in legacy_pass (`^[nN`
      // + Cyrillic en, En in tar's Ukrainian catalog read as
      // windows-1252 is i-acute, I-acute).
      if (is_single_byte(wd.enc) && is_single_byte(meant) && non_ascii < 3) return;
      if (cyrillic_case_up(wd.enc, meant, cps, after)) return;
      if (is_single_byte(wd.enc) && is_single_byte(meant)) {
        // ... and gives letters that read as a language reads, not merely
        // better garble (box drawing from KOI8-R).
        std::size_t na = 0, nl = 0;
        for (char32_t cp : after) {
          if (cp < 0x80) continue;
          ++na;
          cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
          nl += c == cp_class::latin_letter || c == cp_class::other_letter;
        }
        if (nl * 5 < na * 4) return;
        if (text_cost(after, model_family::alphabetic) > static_cast<std::int64_t>(after.size()) * kImplausibleLetter)
          return;
      }
      // Against the input, by the margin and the prior; against the span
      // repairs, more plausible -- or, when the span repairs are all this
      // same mix-up, at least as plausible give or take the margin: one
      // mix-up explaining the whole window is likelier than a patchwork
      // of it (which leaves a one-letter Russian word, too short to
      // judge, as it was).
      auto [c_in, c_after] = compare_costs(cps, after);
      auto [c_now, c_after2] = compare_costs(current, after);
      const std::int64_t need = kMargin + pr;
      const std::int64_t margin = c_in - c_after - need;
      std::string par = param(wd.enc, meant_name);
      bool same = !current_params.empty();
      for (const std::string& cp : current_params) same = same && cp == par;
      const std::int64_t slack = same ? kMargin : -1;
      if (margin >= 0 && c_now - c_after2 >= -slack && margin + 1 > best_margin) {
        best_margin = margin + 1;
        best.after = std::move(dec->text);
        best.parameter = std::move(par);
        best.gain = margin;
        best.confidence = confidence_of(c_in - c_after);
      }
    };
    if (wd.how == route::utf8) {
      consider(encoding::utf8, "UTF-8", prior(route::utf8, wd.enc, encoding::utf8), !is_single_byte(wd.enc));
      continue;
    }
    if (tried_legacy[di]) continue;
    tried_legacy[di] = true;
    legacy_ranking r = rank_legacy(bytes, bytes.size());
    int tried = 0;
    for (const scored_reading& x : r.readings) {
      if (tried >= kReadingsTried) break;
      if (x.pruned || x.invalid > 0) continue;
      if (x.table_enc == wd.enc || same_single_byte_decoding(x.enc, wd.enc, r.byte_seen)) break;
      if (!legacy_target_ok(wd.enc, x.enc)) continue;
      // Two double-byte codes mixed up, in a window of one or two
      // non-ASCII characters: only where one of them is as rare as a wrong
      // decoder's characters are (20 bits: \u519e in `SENDING \u6977\u519e EOT`, GBK
      // \u53d1\u9001 read as Big5), not two ordinary ones (\u9298\u8b1d, "credits" in
      // GTK's Taiwan catalog, read as cp949 bytes is EUC-TW \u52d5\u5c31).
      if (!is_single_byte(wd.enc) && !is_single_byte(x.enc) && non_ascii < 3 && rarest_in < kGarbleRare) continue;
      // One double-byte character from two Latin-1 characters is no
      // evidence either (Spanish \u00a1\u00bf, A1 BF, is EUC-KR's multiplication
      // sign), as in legacy_pass.
      if (is_single_byte(wd.enc) && !is_single_byte(x.enc) && non_ascii < 4) continue;
      ++tried;
      consider(x.enc, name(x.enc), prior(route::legacy, wd.enc, x.enc), true);
    }
  }
  return best;
}

// The fast path of garbled text: the whole window is UTF-8 read by one
// UTF-8-route decoder W (the everyday case: a whole document or line) --
// every character W-encodable, the bytes wholly valid UTF-8 with multi-byte
// sequences (two, or one of 3-4 bytes: almost never chance, FIELD.md), and
// the result clearly more plausible. The lowest-cost such reading is the
// round's one edit; the span passes are not needed.
// The stretches where `b` (a UTF-8-route reading of the window) differs
// from the window's text: ASCII passes through such a reading unchanged, so
// the two line up at every ASCII character. Calls each(i, i2, j, j2) for
// a's [i, i2) against b's [j, j2); false when they do not line up.
template <class Each>
bool for_each_changed_stretch(const std::u32string& a, const std::u32string& b, Each&& each) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < 0x80 && b[j] == a[i]) { ++i; ++j; continue; }
    std::size_t i2 = i, j2 = j;
    while (i2 < a.size() && a[i2] >= 0x80) ++i2;
    while (j2 < b.size() && b[j2] >= 0x80) ++j2;
    if (i2 == i || j2 == j) return false;
    if (a.compare(i, i2 - i, b, j, j2 - j) != 0) each(i, i2, j, j2);
    i = i2;
    j = j2;
  }
  return i == a.size() && j == b.size();
}

// The sum of gain() over the changed stretches; INT64_MIN when they do
// not line up.
std::int64_t stretch_gain(const prepared_text& d, const std::u32string& b) {
  std::int64_t total = 0;
  std::u32string sub;
  const bool lined_up = for_each_changed_stretch(d.cps, b, [&](std::size_t i, std::size_t i2, std::size_t j, std::size_t j2) {
    sub.assign(b, j, j2 - j);
    total += gain(d.cps, i, i2, sub);
  });
  return lined_up ? total : std::numeric_limits<std::int64_t>::min();
}

// Per BMP code point: bit i set when kDecoders[i] (a UTF-8-route page)
// can encode it.
const std::vector<std::uint32_t>& utf8_route_masks() {
  static const std::vector<std::uint32_t> masks = [] {
    static_assert(std::size(kDecoders) <= 32);
    std::vector<std::uint32_t> m(0x10000, 0);
    for (std::size_t di = 0; di < std::size(kDecoders); ++di) {
      if (kDecoders[di].how != route::utf8) continue;
      const reencoder* w = reencoder::get(kDecoders[di].enc);
      if (w == nullptr) continue;
      for (char32_t cp = 0x80; cp < 0x10000; ++cp)
        if (w->can(cp)) m[cp] |= 1u << di;
    }
    return m;
  }();
  return masks;
}

bool fast_utf8_whole(const prepared_text& d, text_edit& out) {
  const std::u32string& cps = d.cps;
  std::string bytes;
  std::vector<std::uint8_t> lost;  // per byte: 1 where W's reading lost bytes (U+FFFD)
  std::u32string after;
  std::int64_t best_gain = std::numeric_limits<std::int64_t>::min();
  bool found = false;
  struct fast_candidate {
    const wrong_decoder* wd;
    std::u32string after;
    std::size_t multi, lost;
  };
  std::vector<fast_candidate> candidates;
  // The pages that can encode every character of the window, in one
  // pass over it (a bit per kDecoders entry); U+FFFD is a mark any page
  // keeps.
  const std::vector<std::uint32_t>& can_mask = utf8_route_masks();
  std::uint32_t pages = ~0u;
  for (char32_t cp : cps) {
    if (cp < 0x80 || cp == 0xFFFD) continue;
    pages &= cp < 0x10000 ? can_mask[cp] : 0u;
    if (pages == 0) return false;
  }
  bytes.reserve(cps.size() * 2);
  for (std::size_t di = 0; di < std::size(kDecoders); ++di) {
    const wrong_decoder& wd = kDecoders[di];
    if (wd.how != route::utf8 || !(pages >> di & 1u)) continue;
    const reencoder* w = reencoder::get(wd.enc);
    if (w == nullptr) continue;
    bool ok = true;
    std::size_t lost_marks = 0;
    // Into a buffer sized for the worst case (two bytes a character), no
    // push_back: this loop is the garbled text's hot path.
    bytes.resize(cps.size() * 2);
    lost.assign(cps.size() * 2, 0);
    std::size_t nbytes = 0;
    char* o = bytes.data();
    for (char32_t cp : cps) {
      if (cp < 0x80) {
        o[nbytes++] = static_cast<char>(cp);
        continue;
      }
      if (cp == 0xFFFD) {
        // A byte (or two) W could not map: lossy garble (issue 3). Kept
        // as a mark; the character it was part of becomes U+FFFD.
        lost[nbytes] = 1;
        o[nbytes++] = '\xFF';
        ++lost_marks;
        continue;
      }
      const std::uint16_t v = w->code(cp);  // nonzero: the mask said so
      if (v < 0x100) {
        o[nbytes++] = static_cast<char>(v);
      } else {
        o[nbytes++] = static_cast<char>(v >> 8);
        o[nbytes++] = static_cast<char>(v & 0xFF);
      }
    }
    bytes.resize(nbytes);
    lost.resize(nbytes);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t nb = bytes.size();
    auto cont = [&](std::size_t k) { return k < nb && !lost[k] && (p[k] & 0xC0) == 0x80; };
    after.clear();
    std::size_t pos = 0, multi = 0, longest = 0;
    while (ok && pos < nb) {
      // A '?' before continuation bytes stands for a lost lead byte too
      // (iconv and Python's errors="replace" to '?'): no UTF-8 text has
      // a continuation byte after ASCII.
      if (!lost[pos] && p[pos] == '?' && cont(pos + 1)) {
        lost[pos] = 1;
        ++lost_marks;
      }
      if (lost[pos]) {
        // A mark where a character starts: its lead byte was lost; the
        // continuation bytes after the mark are the rest of it.
        ++pos;
        while (cont(pos)) ++pos;
        after.push_back(0xFFFD);
        continue;
      }
      if (p[pos] < 0x80) {
        after.push_back(p[pos++]);
        continue;
      }
      char32_t cp = 0;
      const std::size_t len = utf8_seq(p + pos, nb - pos, cp);
      if (len != 0) {
        after.push_back(cp);
        pos += len;
        ++multi;
        longest = std::max(longest, len);
        continue;
      }
      // A sequence cut short by a mark: one U+FFFD for it; orphan
      // continuation bytes after the mark mean the mark took the next
      // character's lead byte too (two bytes lost): a second U+FFFD.
      const unsigned char c = p[pos];
      const std::size_t need = c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
      std::size_t k = pos + 1;
      while (k < pos + need && cont(k)) ++k;
      if (need == 0 || k >= pos + need || k >= nb || !(lost[k] || p[k] == '?')) { ok = false; break; }
      if (!lost[k]) ++lost_marks;  // a '?' that ends a cut sequence
      after.push_back(0xFFFD);
      pos = k + 1;
      std::size_t orphans = 0;
      while (cont(pos)) ++pos, ++orphans;
      if (orphans > 0) after.push_back(0xFFFD);
    }
    if (!ok || lost_marks * 2 > multi) continue;
    const bool single_byte = is_single_byte(wd.enc);
    // One 2-byte sequence from a single-byte W: the window's only two
    // non-ASCII characters make one letter (d + A-tilde + copyright sign + faut).
    if (ok && multi == 1 && longest == 2 && single_byte) {
      for (char32_t cp : after)
        if (cp >= 0x80) {
          const cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
          ok = c == cp_class::latin_letter || c == cp_class::other_letter;
        }
    } else if (multi < 2 && longest < 3) {
      ok = false;
    }
    if (!ok) continue;
    // windows-1252, ISO-8859-1, -15, windows-1254 ... mostly give the same
    // reading: judge each distinct one once.
    if (std::any_of(candidates.begin(), candidates.end(), [&](const fast_candidate& c) { return c.after == after; }))
      continue;
    // Strict (no symbols amid letters) for every page but the everyday
    // two, whose undoing may give an older layer's odd signs (UTF-8 read
    // as windows-1251, that as windows-1252); MacRoman's reading of
    // A-tilde + copyright sign, a combining mark, is chance.
    const bool everyday = wd.enc == encoding::windows1252 || wd.enc == encoding::iso8859_1;
    if (!common_enough(after, !(single_byte && everyday))) continue;
    candidates.push_back({&wd, after, multi, lost_marks});
  }
  // One reading only, of three sequences or more, all of them letters or
  // the punctuation of running text, nothing lost: structure this strong
  // is never chance (FIELD.md), and no other code page competes -- the
  // models need not be asked (the common case of a garbled document).
  if (candidates.size() == 1 && candidates[0].multi >= 3 && candidates[0].lost == 0) {
    bool plain = true;
    for (char32_t cp : candidates[0].after) {
      if (cp < 0x80) continue;
      const cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
      plain = plain && (c == cp_class::latin_letter || c == cp_class::other_letter || c == cp_class::han ||
                        c == cp_class::kana || c == cp_class::hangul || c == cp_class::cjk_symbol ||
                        (cp >= 0x2010 && cp <= 0x2027) || cp == 0xA0 || cp == 0xAB || cp == 0xBB);
    }
    if (plain) {
      const wrong_decoder& wd = *candidates[0].wd;
      out.begin = 0;
      out.end = d.offs.back();
      out.after.clear();
      for (char32_t cp : candidates[0].after) append_utf8(out.after, cp);
      out.parameter = param(wd.enc, "UTF-8");
      out.confidence = 0.999;
      out.gain = 64;
      out.structural = true;
      out.whole = true;
      return true;
    }
  }
  for (const fast_candidate& fc : candidates) {
    const wrong_decoder& wd = *fc.wd;
    after = fc.after;
    // Mostly ASCII (a French line): judged stretch by stretch in context
    // (the ASCII between them is the same in both), at a cost in
    // proportion to the changed text, not the window.
    std::size_t non_ascii = 0;
    for (char32_t cp : cps) non_ascii += cp >= 0x80;
    std::int64_t g = non_ascii * 4 < cps.size() ? stretch_gain(d, after) : std::numeric_limits<std::int64_t>::min();
    if (g == std::numeric_limits<std::int64_t>::min()) {
      auto [c_in, c_after] = compare_costs(cps, after);
      g = c_in - c_after;
    }
    const std::int64_t need = kMargin + prior(route::utf8, wd.enc, encoding::utf8);
    if (g < need) {
      // An intermediate layer (UTF-8 read as ISO-8859-1, that as
      // windows-1252: the first undo holds C1 controls): judge the two
      // steps, take the first.
      std::u32string next = lookahead(after);
      if (!next.empty() && common_enough(next, true)) {
        auto [c_in2, c_next] = compare_costs(cps, next);
        g = std::max(g, c_in2 - c_next);
      }
    }
    if (g < need || g <= best_gain) continue;
    best_gain = g;
    found = true;
    out.begin = 0;
    out.end = d.offs.back();
    out.after.clear();
    for (char32_t cp : after) append_utf8(out.after, cp);
    out.parameter = param(wd.enc, "UTF-8");
    out.confidence = confidence_of(g);
    out.gain = g - need;
    out.structural = true;
    out.whole = true;
  }
  return found;
}

// The whole-window edit as one edit per changed stretch (the trace shows
// each place, not the window): ASCII passes through the UTF-8 route
// unchanged, so the two texts line up at every ASCII character.
std::vector<text_edit> split_whole(const prepared_text& d, const text_edit& whole) {
  const std::u32string b = to_cps(whole.after).cps;
  std::vector<text_edit> out;
  const bool lined_up = for_each_changed_stretch(d.cps, b, [&](std::size_t i, std::size_t i2, std::size_t j, std::size_t j2) {
    text_edit e = whole;
    e.begin = d.offs[i];
    e.end = d.offs[i2];
    e.after.clear();
    for (std::size_t k = j; k < j2; ++k) append_utf8(e.after, b[k]);
    out.push_back(std::move(e));
  });
  if (!lined_up) return {whole};  // keep it whole
  return out;
}

}  // namespace

std::vector<text_edit> mojibake_round(const prepared_text& text, bool whole_only, bool repaired_before) {
  {
    text_edit whole;
    if (fast_utf8_whole(text, whole)) return split_whole(text, whole);
    if (whole_only) return {};
  }
  std::vector<text_edit> strong, rest;
  for (std::size_t di = 0; di < std::size(kDecoders); ++di) {
    if (kDecoders[di].how != route::utf8) continue;
    for (text_edit& e : find_mojibake(text, di)) (e.structural ? strong : rest).push_back(std::move(e));
  }
  std::vector<text_edit> claimed = strong;  // copies: ranges only matter
  std::sort(claimed.begin(), claimed.end(), [](const text_edit& a, const text_edit& b) { return a.begin < b.begin; });
  for (std::size_t di = 0; di < std::size(kDecoders); ++di) {
    if (kDecoders[di].how != route::legacy) continue;
    for (text_edit& e : find_mojibake(text, di, &claimed, repaired_before)) rest.push_back(std::move(e));
  }
  auto overlaps = [](const text_edit& a, const text_edit& b) { return a.begin < b.end && b.begin < a.end; };
  // 1. Strong structure first (several UTF-8 sequences, or one of 3-4
  //    bytes: almost never chance, FIELD.md), best gain first; ties go to
  //    the earlier decoder (the more common mix-up).
  std::stable_sort(strong.begin(), strong.end(), [](const text_edit& a, const text_edit& b) { return a.gain > b.gain; });
  std::vector<text_edit> chosen;
  for (text_edit& e : strong)
    if (std::none_of(chosen.begin(), chosen.end(), [&](const text_edit& c) { return overlaps(e, c); }))
      chosen.push_back(std::move(e));
  // 2. Weak islands and legacy readings: the set of non-overlapping edits
  //    with the largest total gain (weighted interval scheduling), so that
  //    two accented letters repaired in a word outweigh one legacy reading
  //    of the whole word only when they explain it better.
  std::vector<text_edit> free;
  for (text_edit& e : rest)
    if (std::none_of(chosen.begin(), chosen.end(), [&](const text_edit& c) { return overlaps(e, c); }))
      free.push_back(std::move(e));
  std::stable_sort(free.begin(), free.end(), [](const text_edit& a, const text_edit& b) { return a.end < b.end; });
  const std::size_t m = free.size();
  std::vector<std::int64_t> best(m + 1, 0);  // best[k]: first k edits
  std::vector<std::size_t> prev(m, 0);       // edits before k compatible with it
  for (std::size_t k = 0; k < m; ++k) {
    std::size_t lo = 0, hi = k;  // last edit whose end <= free[k].begin
    while (lo < hi) {
      std::size_t mid = (lo + hi) / 2;
      if (free[mid].end <= free[k].begin) lo = mid + 1; else hi = mid;
    }
    prev[k] = lo;
    best[k + 1] = std::max(best[k], best[lo] + free[k].gain + 1);
  }
  for (std::size_t k = m; k > 0;) {
    if (best[k] == best[k - 1]) { --k; continue; }
    chosen.push_back(std::move(free[k - 1]));
    k = prev[k - 1];
  }
  std::sort(chosen.begin(), chosen.end(), [](const text_edit& a, const text_edit& b) { return a.begin < b.begin; });
  // 3. The window read whole, against the input with the edits above.
  {
    std::string edited;
    std::size_t pos = 0;
    std::string utf8;
    for (char32_t cp : text.cps) append_utf8(utf8, cp);
    for (const text_edit& e : chosen) {
      edited.append(utf8, pos, e.begin - pos);
      edited.append(e.after);
      pos = e.end;
    }
    edited.append(utf8, pos, std::string::npos);
    std::vector<std::string> params;
    for (const text_edit& e : chosen) params.push_back(e.parameter);
    whole_reading w = best_whole_reading(text, to_cps(edited).cps, params);
    if (!w.after.empty()) {
      text_edit e;
      e.begin = 0;
      e.end = utf8.size();
      e.after = std::move(w.after);
      e.parameter = std::move(w.parameter);
      e.confidence = w.confidence;
      e.gain = w.gain;
      e.structural = true;
      return {std::move(e)};
    }
  }
  return chosen;
}

}  // namespace norm::detail
