// The normalize fixer (see normalize.hpp for the rules). Each step is a
// function from a text to sorted, non-overlapping edits of that text; the
// steps run one after another and their edits are composed back into
// offsets of the fixer's input (compose()), so the pipeline sees one edit
// list and replay() needs nothing from here.
#include "fix/normalize.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "bridges/icu_normalizer.hpp"

namespace norm::detail {
namespace {

// ---- UTF-8 helpers (input is valid UTF-8; stay defined on anything) ------

struct decoded {
  std::uint32_t cp;
  std::size_t len;
};

inline decoded decode_at(std::string_view t, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(t[i]);
  if (b0 < 0x80) return {b0, 1};
  const std::size_t n = t.size();
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < n)
    return {((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(t[i + 1]) & 0x3Fu), 2};
  if (b0 >= 0xE0 && b0 < 0xF0 && i + 2 < n)
    return {((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(t[i + 1]) & 0x3Fu) << 6) |
                (static_cast<unsigned char>(t[i + 2]) & 0x3Fu),
            3};
  if (b0 >= 0xF0 && b0 < 0xF5 && i + 3 < n)
    return {((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(t[i + 1]) & 0x3Fu) << 12) |
                ((static_cast<unsigned char>(t[i + 2]) & 0x3Fu) << 6) |
                (static_cast<unsigned char>(t[i + 3]) & 0x3Fu),
            4};
  return {0xFFFD, 1};  // not reached for valid UTF-8
}

// Start of the code point that ends just before `i` (i > 0).
inline std::size_t prev_start(std::string_view t, std::size_t i) noexcept {
  std::size_t j = i - 1;
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80; ++k) --j;
  return j;
}

void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string utf8_of(std::uint32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

// ---- edits of one step and their composition ----------------------------

enum action_bit : unsigned {
  kNfc = 1,
  kNfkc = 2,
  kFold = 4,
  kCjk = 8,
  kSpaces = 16,
  kNewlines = 32,
};

struct step_edit {
  std::size_t begin, end;  // in the step's input
  std::string after;
  unsigned action;
};

// A changed region: [b0, e0) of the fixer's input is [bk, ek) of the
// current text.
struct region {
  std::size_t b0, e0, bk, ek;
  unsigned actions;
};

// Adds an edit, merging it with the previous one when they touch (one trace
// step for a run of folded characters rather than one per character).
void push_edit(std::vector<step_edit>& v, std::size_t b, std::size_t e, std::string after,
               unsigned action) {
  if (!v.empty() && v.back().end == b && v.back().action == action) {
    v.back().end = e;
    v.back().after += after;
    return;
  }
  v.push_back({b, e, std::move(after), action});
}

std::string apply_edits(std::string_view t, const std::vector<step_edit>& edits) {
  std::string out;
  out.reserve(t.size() + 16);
  std::size_t pos = 0;
  for (const step_edit& e : edits) {
    out.append(t, pos, e.begin - pos);
    out.append(e.after);
    pos = e.end;
  }
  out.append(t, pos, std::string_view::npos);
  return out;
}

// Composes the regions `c` (input -> text_k) with a step's edits `e`
// (text_k -> text_k+1). Members that overlap in text_k become one region;
// a group's ends are points no member has strictly inside, so they map to
// the input and to text_k+1 by the sums of length changes before them.
std::vector<region> compose(const std::vector<region>& c, const std::vector<step_edit>& e) {
  struct member {
    std::size_t b, e;
    unsigned actions;
  };
  std::vector<member> all;
  all.reserve(c.size() + e.size());
  {
    std::size_t i = 0, j = 0;
    while (i < c.size() || j < e.size()) {
      if (j == e.size() || (i < c.size() && c[i].bk <= e[j].begin)) {
        all.push_back({c[i].bk, c[i].ek, c[i].actions});
        ++i;
      } else {
        all.push_back({e[j].begin, e[j].end, e[j].action});
        ++j;
      }
    }
  }
  std::vector<region> out;
  std::size_t ci = 0, ei = 0;
  std::ptrdiff_t dc = 0, de = 0;  // (text_k - input) and (text_k+1 - text_k) before a point
  auto advance = [&](std::size_t p) {
    while (ci < c.size() && c[ci].ek <= p) {
      dc += static_cast<std::ptrdiff_t>(c[ci].ek - c[ci].bk) -
            static_cast<std::ptrdiff_t>(c[ci].e0 - c[ci].b0);
      ++ci;
    }
    while (ei < e.size() && e[ei].end <= p) {
      de += static_cast<std::ptrdiff_t>(e[ei].after.size()) -
            static_cast<std::ptrdiff_t>(e[ei].end - e[ei].begin);
      ++ei;
    }
  };
  for (std::size_t k = 0; k < all.size();) {
    std::size_t gb = all[k].b, ge = all[k].e;
    unsigned acts = all[k].actions;
    std::size_t m = k + 1;
    while (m < all.size() && all[m].b < ge) {
      ge = std::max(ge, all[m].e);
      acts |= all[m].actions;
      ++m;
    }
    advance(gb);
    const auto b0 = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(gb) - dc);
    const auto b1 = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(gb) + de);
    advance(ge);
    const auto e0 = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(ge) - dc);
    const auto e1 = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(ge) + de);
    out.push_back({b0, e0, b1, e1, acts});
    k = m;
  }
  return out;
}

std::string action_name(unsigned a) {
  static constexpr struct {
    unsigned bit;
    const char* name;
  } kNames[] = {{kNfc, "nfc"},       {kNfkc, "nfkc"},     {kFold, "width-fold"},
                {kCjk, "width-cjk"}, {kSpaces, "spaces"}, {kNewlines, "newlines"}};
  std::string s;
  for (const auto& n : kNames)
    if (a & n.bit) {
      if (!s.empty()) s += '+';
      s += n.name;
    }
  return s;
}

// ---- step 1: Unicode form -------------------------------------------------

// A stretch between two boundaries longer than this is left alone: 512
// bytes is ~250 combining marks, 8x UAX #15's stream-safe limit of 30
// non-starters (Zalgo text stays well below); ICU's canonical reordering is
// insertion, quadratic in the run, so the bound keeps the step linear.
constexpr std::size_t kMaxStretch = 512;

// Merging suspect runs for one ICU call: a run starting within 64 safe
// bytes of the last joins it (a French sentence has an accent every ~10
// bytes), up to 4 KiB per call (bounded edits, bounded buffers).
constexpr std::size_t kMergeGap = 64;
constexpr std::size_t kMaxSpan = 4096;

constexpr std::size_t kBlocks = 0x110000 / 64;

// Lazily filled per-64-code-point masks of ICU's "safe" characters
// (icu_safe_mask). Racing fillers write the same values; atomics keep that
// defined.
struct safe_table {
  std::atomic<std::uint64_t> mask[kBlocks];
  std::atomic<std::uint8_t> ready[kBlocks];
};
safe_table g_safe[2];

inline std::uint64_t block_mask(icu_form f, std::uint32_t b) noexcept {
  safe_table& t = g_safe[f == icu_form::nfc ? 0 : 1];
  std::uint64_t m;
  if (t.ready[b].load(std::memory_order_acquire)) {
    m = t.mask[b].load(std::memory_order_relaxed);
  } else {
    m = icu_safe_mask(f, b);
    t.mask[b].store(m, std::memory_order_relaxed);
    t.ready[b].store(1, std::memory_order_release);
  }
  return m;
}

inline bool table_safe(icu_form f, std::uint32_t cp) noexcept {
  if (cp >= 0x110000) return false;
  return (block_mask(f, cp >> 6) >> (cp & 63)) & 1;
}

// Safe (quick check Yes, combining class 0) for the form; the common
// scripts without a table lookup: below U+0300 (NFKC: U+00A0) nothing
// decomposes or combines; Han ideographs and Hangul syllables are Yes/0 in
// both forms (UCD DerivedNormalizationProps; Hangul *jamo* are not).
// CJK compatibility ideographs (U+F900..FAFF, U+2F800..2FA1F) are kept:
// NFC maps most of them to a unified ideograph (a singleton), which loses
// the distinction KS X 1001 (Korean Hanja read twice), Big5 and IBM code
// pages round-trip, and which the repair stage reads as evidence (a
// Korean garble with U+F9CF became a different "repair" once NFC had made
// it U+7D10). Nothing composes with a Han ideograph and its class is 0,
// so they are boundaries on both sides; the fixer treats them as safe and
// starts a stretch after one, never on it.
inline bool is_compat_ideograph(std::uint32_t cp) noexcept {
  return (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

inline bool is_safe(icu_form f, std::uint32_t cp) noexcept {
  if (cp < (f == icu_form::nfc ? 0x300u : 0xA0u)) return true;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || is_compat_ideograph(cp))
    return true;
  return table_safe(f, cp);
}

inline bool all_ascii8(const char* p) noexcept {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return (w & 0x8080808080808080ull) == 0;
}

void form_step(std::string_view t, icu_form f, unsigned action, std::vector<step_edit>& out,
               std::vector<finding>& findings) {
  const std::size_t n = t.size();
  std::size_t pos = 0;
  std::size_t prev = 0;  // start of the (safe) character before pos
  bool prev_kept = true;  // it must stay out of a stretch (a compatibility ideograph)
  std::string buf;
  // is_safe() for the two-byte code points (U+0080..U+07FF), one bit each:
  // runs of Cyrillic, Greek, accented Latin pass with one load a character.
  // Built once per form (a JSON Lines filter calls this per record).
  struct two_byte_table {
    std::uint64_t bits[32];
  };
  auto build = [](icu_form form) {
    two_byte_table tb{};
    const std::uint32_t below = form == icu_form::nfc ? 0x300u : 0xA0u;
    for (std::uint32_t b = 0; b < 32; ++b) {
      std::uint64_t m = block_mask(form, b);
      for (std::uint32_t k = 0; k < 64; ++k)
        if (b * 64 + k < below) m |= std::uint64_t{1} << k;
      tb.bits[b] = m;
    }
    return tb;
  };
  static const two_byte_table nfc_table = build(icu_form::nfc);
  static const two_byte_table nfkc_table = build(icu_form::nfkc);
  const std::uint64_t* two_byte = (f == icu_form::nfc ? nfc_table : nfkc_table).bits;
  const auto* u = reinterpret_cast<const unsigned char*>(t.data());
  while (pos < n) {
    if (u[pos] < 0x80) {
      while (pos + 8 <= n && all_ascii8(t.data() + pos)) pos += 8;
      while (pos < n && u[pos] < 0x80) ++pos;
      prev = pos - 1;
      prev_kept = false;
      continue;
    }
    // Safe two-byte characters, Han ideographs and Hangul syllables in a
    // row (decode_at's reading of them; is_safe's answer).
    {
      std::size_t q = pos, last = pos;
      for (;;) {
        if (q + 1 < n && u[q] >= 0xC2 && u[q] < 0xE0) {
          const std::uint32_t cp = ((u[q] & 0x1Fu) << 6) | (u[q + 1] & 0x3Fu);
          if (((two_byte[cp >> 6] >> (cp & 63)) & 1) == 0) break;
          last = q;
          q += 2;
        } else if (q + 2 < n && u[q] >= 0xE0 && u[q] < 0xF0) {
          const std::uint32_t cp =
              ((u[q] & 0x0Fu) << 12) | ((u[q + 1] & 0x3Fu) << 6) | (u[q + 2] & 0x3Fu);
          if (!((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3)))
            break;
          last = q;
          q += 3;
        } else {
          break;
        }
      }
      if (q != pos) {
        prev = last;
        prev_kept = false;
        pos = q;
        continue;
      }
    }
    const decoded d = decode_at(t, pos);
    if (is_safe(f, d.cp)) {
      prev = pos;
      prev_kept = is_compat_ideograph(d.cp);
      pos += d.len;
      continue;
    }
    // A suspect: the stretch runs from the boundary before it (the safe
    // character before, which may compose with it) to the next safe one.
    const std::size_t start = pos == 0 || prev_kept ? pos : prev;
    std::size_t q = pos + d.len;
    while (q < n) {
      const decoded e = decode_at(t, q);
      if (is_safe(f, e.cp)) break;
      q += e.len;
    }
    const std::string_view stretch = t.substr(start, q - start);
    if (stretch.size() > kMaxStretch) {
      if (findings.size() < 100) {
        finding fd;
        fd.kind = "long-combining-run";
        fd.begin = start;
        fd.end = q;
        fd.text = std::string(stretch.substr(0, 64));
        fd.detail = "over 512 bytes between two normalization boundaries; left as is";
        findings.push_back(std::move(fd));
      }
      pos = q;
      prev = q;
      prev_kept = true;
      continue;
    }
    // Suspect runs close together go to ICU in one call (accented text has
    // one every few letters; a call costs ~0.5 us): merge the next run when
    // it starts within kMergeGap safe bytes, up to kMaxSpan bytes in all.
    while (q < n && q - start < kMaxSpan) {
      std::size_t p = q, last = q;
      bool found = false;
      while (p < n && p - q < kMergeGap) {
        const decoded e = decode_at(t, p);
        if (is_compat_ideograph(e.cp)) break;  // never inside a span
        if (!is_safe(f, e.cp)) {
          found = true;
          break;
        }
        last = p;
        p += e.len;
      }
      if (!found) break;
      const std::size_t run_start = last;
      std::size_t r = p + decode_at(t, p).len;
      while (r < n) {
        const decoded e = decode_at(t, r);
        if (is_safe(f, e.cp)) break;
        r += e.len;
      }
      if (r - run_start > kMaxStretch) break;  // the main loop reports it
      q = r;
    }
    const std::string_view span = t.substr(start, q - start);
    if (!icu_is_normalized(f, span) && icu_normalize(f, span, buf) && buf != span)
      out.push_back({start, q, buf, action});
    pos = q;
    prev = q;  // not read before the next character sets it
    prev_kept = true;
  }
}

// ---- step 2: width=fold ---------------------------------------------------

// U+FF61..U+FF9F -> full width (UnicodeData.txt <narrow> decompositions,
// checked against ICU's NFKC in normalize_test), except that the two
// sound marks map to the spacing U+309B/U+309C, not to the combining
// U+3099/U+309A NFKC gives.
constexpr std::uint16_t kHalfKana[0xFFA0 - 0xFF61] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7,  // FF61
    0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8,  // FF6B
    0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB,  // FF75
    0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD,  // FF7F
    0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1,  // FF89
    0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF,  // FF93
    0x30F3, 0x309B, 0x309C,                                                          // FF9D
};

void fold_step(std::string_view t, std::vector<step_edit>& out) {
  const std::size_t n = t.size();
  std::size_t prev = std::string_view::npos;  // start of the previous character
  std::uint32_t prev_cp = 0;
  for (std::size_t i = 0; i < n;) {
    if (static_cast<unsigned char>(t[i]) != 0xEF) {  // U+F000..U+FFFF only
      const decoded d = decode_at(t, i);
      prev = i;
      prev_cp = d.cp;
      i += d.len;
      continue;
    }
    const decoded d = decode_at(t, i);
    const std::uint32_t c = d.cp;
    if (c >= 0xFF01 && c <= 0xFF5E) {
      push_edit(out, i, i + 3, std::string(1, static_cast<char>(c - 0xFEE0)), kFold);
    } else if (c >= 0xFF61 && c <= 0xFF9D) {
      std::uint32_t full = kHalfKana[c - 0xFF61];
      std::size_t end = i + 3;
      if (end < n) {
        const decoded m = decode_at(t, end);
        if (m.cp == 0xFF9E || m.cp == 0xFF9F) {
          const std::int32_t comp = icu_compose_pair(full, m.cp == 0xFF9E ? 0x3099 : 0x309A);
          if (comp >= 0) {
            full = static_cast<std::uint32_t>(comp);
            end += 3;
          }
        }
      }
      push_edit(out, i, end, utf8_of(full), kFold);
      prev = i;
      prev_cp = 0;  // already composed with what could follow
      i = end;
      continue;
    } else if (c == 0xFF9E || c == 0xFF9F) {
      // After a full-width kana left as it was (a folded one took its mark).
      const std::int32_t comp =
          prev == std::string_view::npos || prev_cp == 0
              ? -1
              : icu_compose_pair(prev_cp, c == 0xFF9E ? 0x3099 : 0x309A);
      if (comp >= 0 && (out.empty() || out.back().end <= prev))
        push_edit(out, prev, i + 3, utf8_of(static_cast<std::uint32_t>(comp)), kFold);
      else
        push_edit(out, i, i + 3, utf8_of(c == 0xFF9E ? 0x309B : 0x309C), kFold);
      prev = i;
      prev_cp = 0;
      i += 3;
      continue;
    }
    prev = i;
    prev_cp = c;
    i += d.len;
  }
}

// ---- step 3: width=cjk ----------------------------------------------------

enum cls : std::uint8_t { kOther, kHan, kCjkPunct, kQuote, kAlnum, kSpace, kEnd };

inline bool is_han(std::uint32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007 || (c >= 0x20000 && c <= 0x3134F);
}

inline bool is_cjk_punct(std::uint32_t c) noexcept {
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65);
}

// Horizontal spaces (Zs); tabs are not (code indentation).
inline bool is_hspace(std::uint32_t c) noexcept {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

inline bool is_line_break(std::uint32_t c) noexcept {
  return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

inline cls classify(std::uint32_t c) noexcept {
  if (c < 0x80) {
    if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '%')
      return kAlnum;
    return kOther;
  }
  if (is_han(c)) return kHan;
  if (is_cjk_punct(c)) return kCjkPunct;
  if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2014 || c == 0x2026)
    return kQuote;
  return kOther;
}

// At most this many spaces between a mark and the neighbour that decides
// it (8: more is layout, not a typo around a comma).
constexpr int kMaxSpaces = 8;

struct side {
  cls c = kEnd;
  bool adjacent = false;
  std::size_t pos = 0;  // the neighbour's start (left) or the spaces' end (right)
  std::size_t edge = 0;  // where the absorbed spaces end (left: start of them)
};

struct mark {
  std::size_t pos;
  char ch;
  side left, right;
  bool convert = false;
  std::size_t partner = SIZE_MAX;  // matching parenthesis (index)
};

// Sorted [begin, end) byte ranges of URLs: `scheme://...` and `www....`, up
// to a space, a control, `"<>`, CJK punctuation or a line break (Han and
// other letters stay in: IRIs carry them, `/<Han>?q=<Han>,<Han>`).
std::vector<std::pair<std::size_t, std::size_t>> find_urls(std::string_view t) {
  std::vector<std::pair<std::size_t, std::size_t>> urls;
  auto scheme_char = [](unsigned char b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
           b == '+' || b == '-' || b == '.';
  };
  auto url_cp = [](std::uint32_t c) {
    if (c < 0x80) return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>';
    return c >= 0xA0 && !is_hspace(c) && !is_line_break(c) && !is_cjk_punct(c) &&
           classify(c) != kQuote;
  };
  const std::size_t n = t.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t start = std::string_view::npos;
    if (t[i] == ':' && i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/') {
      std::size_t s = i;
      // Scheme: up to 32 characters back (the longest registered is ~30).
      while (s > 0 && i - s < 32 && scheme_char(static_cast<unsigned char>(t[s - 1]))) --s;
      if (s < i) start = s;
    } else if ((t[i] == 'w' || t[i] == 'W') && i + 4 <= n &&
               (t.substr(i, 4) == "www." || t.substr(i, 4) == "WWW.") &&
               (i == 0 || !scheme_char(static_cast<unsigned char>(t[i - 1])))) {
      start = i;
    }
    if (start == std::string_view::npos) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < n) {
      const decoded d = decode_at(t, e);
      if (!url_cp(d.cp)) break;
      e += d.len;
    }
    if (!urls.empty() && urls.back().second >= start)
      urls.back().second = std::max(urls.back().second, e);
    else
      urls.emplace_back(start, e);
    i = std::max(e, i + 1);
  }
  return urls;
}

side look_left(std::string_view t, std::size_t line_begin, std::size_t p) {
  side s;
  s.edge = p;
  std::size_t i = p;
  for (int spaces = 0; i > line_begin; ++spaces) {
    const std::size_t j = prev_start(t, i);
    const decoded d = decode_at(t, j);
    if (!is_hspace(d.cp)) {
      s.c = classify(d.cp);
      s.adjacent = spaces == 0;
      s.pos = j;
      return s;
    }
    if (spaces == kMaxSpaces) break;
    i = j;
    s.edge = j;
  }
  s.c = i == line_begin ? kEnd : kOther;
  s.pos = i;
  return s;
}

side look_right(std::string_view t, std::size_t line_end, std::size_t p) {
  side s;
  std::size_t i = p;
  s.edge = p;
  for (int spaces = 0; i < line_end; ++spaces) {
    const decoded d = decode_at(t, i);
    if (!is_hspace(d.cp)) {
      s.c = classify(d.cp);
      s.adjacent = spaces == 0;
      s.pos = i;
      return s;
    }
    if (spaces == kMaxSpaces) break;
    i += d.len;
    s.edge = i;
  }
  s.c = i == line_end ? kEnd : kOther;
  s.pos = i;
  return s;
}

std::uint32_t full_width(char ch) {
  switch (ch) {
    case ',': return 0xFF0C;
    case ';': return 0xFF1B;
    case ':': return 0xFF1A;
    case '?': return 0xFF1F;
    case '!': return 0xFF01;
    case '(': return 0xFF08;
    case ')': return 0xFF09;
  }
  return static_cast<unsigned char>(ch);
}

void cjk_line(std::string_view t, std::size_t lb, std::size_t le, std::vector<mark>& marks,
              bool has_cjk_punct, std::vector<step_edit>& out) {
  if (marks.empty()) return;
  for (mark& m : marks) {
    m.left = look_left(t, lb, m.pos);
    m.right = look_right(t, le, m.pos + 1);
  }
  // The class of a neighbour, with parentheses this step converts as C.
  auto index_at = [&](std::size_t pos) -> std::size_t {
    std::size_t lo = 0, hi = marks.size();
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (marks[mid].pos < pos) lo = mid + 1; else hi = mid;
    }
    return lo < marks.size() && marks[lo].pos == pos ? lo : SIZE_MAX;
  };
  auto eff = [&](const side& s) -> cls {
    if (s.c != kOther) return s.c;
    const std::size_t k = index_at(s.pos);
    if (k != SIZE_MAX && (marks[k].ch == '(' || marks[k].ch == ')') && marks[k].convert)
      return kCjkPunct;
    return kOther;
  };
  auto hc = [](cls c) { return c == kHan || c == kCjkPunct; };
  auto hcq = [](cls c) { return c == kHan || c == kCjkPunct || c == kQuote; };
  bool converted = false;
  // a. Parentheses, inner pairs first (a stack gives them in closing order).
  std::vector<std::size_t> stack;
  for (std::size_t k = 0; k < marks.size(); ++k) {
    if (marks[k].ch == '(') {
      stack.push_back(k);
    } else if (marks[k].ch == ')' && !stack.empty()) {
      const std::size_t o = stack.back();
      stack.pop_back();
      mark& open = marks[o];
      mark& close = marks[k];
      const bool inside = hc(eff(open.right)) && hc(eff(close.left));
      // Outside: Han directly on one side; on the other Han, CJK
      // punctuation, the line's end or a separator mark (`<Han>(x),`).
      auto sep = [&](const side& sd) {
        if (!sd.adjacent || sd.c != kOther) return false;
        const char ch = t[sd.pos];
        return ch == ',' || ch == ';' || ch == ':' || ch == '?' || ch == '!';
      };
      auto han_adj = [](const side& sd) { return sd.adjacent && sd.c == kHan; };
      auto other_ok = [&](const side& sd) {
        return han_adj(sd) || (sd.adjacent && sd.c == kCjkPunct) || sd.c == kEnd || sep(sd);
      };
      const bool outside = close.pos - open.pos <= 65 &&
                           ((han_adj(open.left) && other_ok(close.right)) ||
                            (han_adj(close.right) && other_ok(open.left)));
      if (inside || outside) {
        open.convert = close.convert = true;
        open.partner = k;
        close.partner = o;
        converted = true;
      }
    }
  }
  // b. Separators and sentence marks between Chinese neighbours.
  for (mark& m : marks) {
    if (m.ch == '(' || m.ch == ')') continue;
    const cls l = eff(m.left), r = eff(m.right);
    if (m.ch == '?' || m.ch == '!')
      m.convert = hcq(l) && (hcq(r) || r == kEnd);
    else
      m.convert = hcq(l) && hcq(r) && (hc(l) || hc(r));
    converted |= m.convert;
  }
  // c. On a Chinese line, separators between Han and a letter or digit.
  if (has_cjk_punct || converted) {
    for (mark& m : marks) {
      if (m.convert || !(m.ch == ',' || m.ch == ';' || m.ch == ':')) continue;
      if (!m.left.adjacent || !m.right.adjacent) continue;
      m.convert = (m.left.c == kHan && m.right.c == kAlnum) ||
                  (m.left.c == kAlnum && m.right.c == kHan);
    }
  }
  for (const mark& m : marks) {
    if (!m.convert) continue;
    // Parentheses keep the spaces outside them (`A (<Han>)`); the others
    // absorb the spaces up to their neighbours.
    const bool paren = m.ch == '(' || m.ch == ')';
    const std::size_t b = paren ? m.pos : m.left.edge;
    const std::size_t e = paren ? m.pos + 1 : m.right.edge;
    out.push_back({b, e, utf8_of(full_width(m.ch)), kCjk});
  }
}

void cjk_step(std::string_view t, std::vector<step_edit>& out) {
  const std::vector<std::pair<std::size_t, std::size_t>> urls = find_urls(t);
  std::size_t ui = 0;
  const std::size_t n = t.size();
  std::vector<mark> marks;
  std::size_t lb = 0;
  bool has_cjk_punct = false;
  for (std::size_t i = 0; i <= n;) {
    decoded d{'\n', 1};
    if (i < n) d = decode_at(t, i);
    if (i == n || is_line_break(d.cp)) {
      cjk_line(t, lb, i, marks, has_cjk_punct, out);
      marks.clear();
      has_cjk_punct = false;
      i += d.len;
      lb = i;
      continue;
    }
    const std::uint32_t c = d.cp;
    if (c == ',' || c == ';' || c == ':' || c == '?' || c == '!' || c == '(' || c == ')') {
      while (ui < urls.size() && urls[ui].second <= i) ++ui;
      if (!(ui < urls.size() && urls[ui].first <= i)) marks.push_back({i, static_cast<char>(c), {}, {}});
    } else if (c >= 0x3001 && is_cjk_punct(c)) {
      has_cjk_punct = true;
    }
    i += d.len;
  }
  // Absorbed spaces can make neighbouring edits touch but never overlap
  // (a neighbour is never a space); keep them sorted.
}

// ---- steps 4 and 5: spaces, newlines --------------------------------------

void spaces_step(std::string_view t, std::vector<step_edit>& out) {
  const std::size_t n = t.size();
  for (std::size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(t[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    const decoded d = decode_at(t, i);
    if (d.cp != 0x20 && is_hspace(d.cp)) push_edit(out, i, i + d.len, " ", kSpaces);
    i += d.len;
  }
}

void newlines_step(std::string_view t, newline_mode mode, std::vector<step_edit>& out) {
  const std::size_t n = t.size();
  const char* want = mode == newline_mode::lf ? "\n" : "\r\n";
  for (std::size_t i = 0; i < n; ++i) {
    const char ch = t[i];
    if (ch != '\r' && ch != '\n') continue;
    const std::size_t len = ch == '\r' && i + 1 < n && t[i + 1] == '\n' ? 2 : 1;
    if (t.substr(i, len) != want) push_edit(out, i, i + len, want, kNewlines);
    i += len - 1;
  }
}

}  // namespace

stage_output normalize_text(std::string_view text, const fix_options& options) {
  stage_output result;
  std::vector<region> regions;
  std::string current;   // the text after the steps so far (when changed)
  bool changed = false;
  const auto cur = [&]() -> std::string_view { return changed ? std::string_view(current) : text; };
  const auto run = [&](std::vector<step_edit>& edits) {
    if (edits.empty()) return;
    std::string next = apply_edits(cur(), edits);
    regions = compose(regions, edits);
    current = std::move(next);
    changed = true;
  };
  const bool form = options.form != unicode_form::none;
  const icu_form f = options.form == unicode_form::nfkc ? icu_form::nfkc : icu_form::nfc;
  if (form) {
    std::vector<step_edit> e;
    form_step(cur(), f, f == icu_form::nfkc ? kNfkc : kNfc, e, result.findings);
    run(e);
  }
  bool later = false;
  if (options.width == width_mode::fold) {
    std::vector<step_edit> e;
    fold_step(cur(), e);
    later |= !e.empty();
    run(e);
  } else if (options.width == width_mode::cjk) {
    std::vector<step_edit> e;
    cjk_step(cur(), e);
    later |= !e.empty();
    run(e);
  }
  if (options.spaces == space_mode::ascii) {
    std::vector<step_edit> e;
    spaces_step(cur(), e);
    later |= !e.empty();
    run(e);
  }
  if (options.newlines != newline_mode::keep) {
    std::vector<step_edit> e;
    newlines_step(cur(), options.newlines, e);
    later |= !e.empty();
    run(e);
  }
  if (form && later) {
    std::vector<step_edit> e;
    std::vector<finding> ignored;  // reported by the first pass already
    form_step(cur(), icu_form::nfc, f == icu_form::nfkc ? kNfkc : kNfc, e, ignored);
    run(e);
  }
  if (!changed) return result;
  const std::string_view out = current;
  for (const region& r : regions) {
    stage_edit e;
    e.begin = r.b0;
    e.end = r.e0;
    e.after = std::string(out.substr(r.bk, r.ek - r.bk));
    if (std::string_view(text).substr(e.begin, e.end - e.begin) == e.after) continue;
    e.action = action_name(r.actions);
    if (r.actions == kSpaces) e.parameter = "ascii";
    if (r.actions == kNewlines) e.parameter = options.newlines == newline_mode::lf ? "lf" : "crlf";
    if (r.actions & (kNfc | kNfkc)) e.parameter = r.actions & kNfkc ? "NFKC" : "NFC";
    e.confidence = r.actions & kCjk ? 0.9 : 1.0;
    result.edits.push_back(std::move(e));
  }
  return result;
}

}  // namespace norm::detail
