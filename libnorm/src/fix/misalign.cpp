// The misalign fixer (see misalign.hpp for what and why).
//
// The search, per candidate encoding E and window of text:
//  1. the window's characters become tokens: the bytes of each character in
//     E, kTokFffd for U+FFFD (byte(s) the decoder lost), kTokQuestion for
//     '?' (itself, a lead byte's stand-in, or a width-folded U+FF1F);
//  2. a Viterbi pass over the tokens finds the cheapest reading; the
//     transitions are: the character as it stands (identity), a two-byte
//     code, a single byte, an orphan byte whose partner was lost (U+FFFD,
//     or the character the model is sure of), a lead byte followed by
//     U+FFFD, '?' followed by a trail byte, '?' as the bytes of U+FF1F, a
//     3-byte UTF-8 sequence;
//  3. where the cheapest reading leaves the identity path (between two
//     character boundaries both share) and is cheaper by kMargin or more,
//     the stretch is a candidate edit.
// Candidates of all encodings compete: the highest gain wins an overlap.
#include "fix/misalign.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "detail/charmap.hpp"
#include "detect/tables.hpp"
#include "fix/han_words.hpp"
#include "fix/ja_words.hpp"
#include "fix/mojibake.hpp"
#include "fix/reencode.hpp"

namespace norm::detail {
namespace {

// ---------------------------------------------------------------------------
// Costs, in half-bits (the unit of the language models: -2 log2 p).
// Chosen on the synthetic corpus (corpora/misalign/, tools/
// gen_misalign_corpus.py) against the clean negatives (corpora/clean/,
// corpora/misalign/clean.jsonl, the seeds): see the notes per constant.
// ---------------------------------------------------------------------------
// A byte lost in transit (its partner byte left alone): 6 bits. Added to
// the orphan's marginal cost (how likely the byte is as half of some
// character, 3-8 bits), so an orphan costs about as much as a rare
// character. 10 bits kept more runs unrepaired (CER ratio 0.19 instead of
// 0.16), 5 bits changed `\u9b51\u9b45\u9b4d\u9b49` (lookalikes).
constexpr std::int32_t kLostByte = 12;
// A lost byte whose character would make a common two-character word
// (frequency 300 or more in the dictionary, han_word_frequency) with the
// character the bytes beside it make, where the byte read in a pair makes
// no such word: 2 bits less (MisalignCorpus: 3 and 4 bits do no better;
// 6 bits made question-lead and utf8-insert runs worse and turned seed
// 004's `?\u68a2` into an orphan after a kept '?' -- hence also no bonus
// right after a '?', which the question and fold moves explain). The unigram model
// cannot tell which byte of a run lost its partner (GBK `\u5883\u86c4` for
// \u5220\u9664: BE B3 FD D0 after C9 was lost reads \u5883 and an orphan FD as
// cheaply as an orphan BE and \u9664); the word says (some code with trail BE
// -- \u5220 -- and \u9664 make \u5220\u9664).
constexpr std::int32_t kLostByteWord = 4;
// A two-byte code (read as it stands or realigned) that makes a common
// two-character word (frequency 300 or more) with the two bytes after it:
// 6 bits less. The unigram model weighs \u9677 + a lost byte against a lost
// byte + \u63d2 alike (Big5 \u8655\u63d2\u5165 with the trail of \u8655 lost); \u63d2\u5165 is
// a word. Any word pair of the dictionary (weight 20) instead of a common
// word read ftpaccess(5)'s `<\u62d2\u7d55_\u671f\u9593>` as \u62d2\ufffd\u5fa9\u671f\u9593 (\u5fa9 = B4 5F,
// \u5fa9\u671f inside \u5eb7\u5fa9\u671f); 6 and more bits do the same on MisalignCorpus.
constexpr std::int32_t kPairWord = 12;
// A lead byte replaced by '?' (a decoder's "cannot map"): 6 bits; 20 bits
// in text that shows a width fold, where '?' next to CJK text is a folded
// U+FF1F (seed 004: `?\u68a2\u54c9f` is `\uff1f` = A3 BF after a lost A1,
// then \u53ef\u4ee5\u8aaa) -- unless a space or a line start stands before
// the '?': a sentence's U+FF1F follows its text
// (GBK `RTSG, ?\u5eb7\u7261`, \u76ee = C4 BF with its lead replaced, in a
// page whose ':' and ',' were folded).
constexpr std::int32_t kQuestionLead = 12;
constexpr std::int32_t kQuestionLeadFolded = 40;
// '?' that was a full-width U+FF1F before a width fold (seed 004: the
// seeds went through one, FIELD.md): 4 bits when the text shows other
// folded punctuation between CJK characters, else 10 bits.
constexpr std::int32_t kFoldedQuestion = 8;
constexpr std::int32_t kFoldedQuestionNoEvidence = 20;
// A lead byte followed by U+FFFD: the decoder lost its trail byte (it read
// it as a lead of an invalid pair): 2 bits, the U+FFFD is there already.
constexpr std::int32_t kLeadThenFffd = 4;
// '?' then U+FFFD: a lead byte replaced by '?', its trail byte lost by the
// decoder (read as the lead of an invalid pair), one character: 2 bits, as
// kLeadThenFffd -- both marks say "a byte nobody could read" (`\u9019?\ufffd
// \u5143`: Big5 \u4e9b = A8 C7 lost its lead to '?', C7 A4 is no Big5 pair).
// Plus what '?' costs more in width-folded text (a folded U+FF1F there).
constexpr std::int32_t kQuestionThenFffd = 4;
// A 3-byte UTF-8 sequence inside a double-byte page: 6 bits.
constexpr std::int32_t kUtf8Inserted = 12;
// U+FFFD as it stands (text_model.cpp uses the same figure).
constexpr std::int32_t kFffdCost = 16;
// How much a stretch pays per character it changes: the shortest
// realignment that explains the damage wins over a longer one.
constexpr std::int32_t kChangeCost = 3;
// An ASCII byte that could be a trail byte (0x40-0x7E) standing alone
// against CJK text (`\u958bo\u8005`: Big5 `\u767c` = B5 6F lost its lead):
// 8 bits more with CJK on both sides, 4 with CJK on one side and no
// letter or digit on the other. Clean Chinese text puts a small Latin
// letter next to Han characters mostly in words and with a space; capitals
// cost nothing more (`\u5e73\u53f0X\u4e0a`: X the site, in seed 000).
constexpr std::int32_t kLoneLetter = 16;
constexpr std::int32_t kLoneLetterOneSide = 8;
// A capital or a symbol 0x41-0x7E with CJK text on both sides and no
// letter or digit next to it: none in the clean corpora ('@' is common in
// technical text: `\u5f0f\u4e2d@\u662f` in a catalog; names and grades
// stand next to one Han character, `\u5e73\u53f0X\u4e0a`, and pay this
// only where a realignment also reads well).
constexpr std::int32_t kLoneCapital = 12;
// A half-width katakana alone between full-width characters (a kana or Han
// character on one side at least):
// Shift_JIS with a lost lead byte (its trail A1-DF is a character of its
// own, and the decoder is back in step at once). Clean text has
// half-width katakana in words, or in kaomoji next to symbols.
constexpr std::int32_t kLoneHalfwidth = 24;
// A possible trail byte 0x40-0x7E standing alone where Shift_JIS reads it,
// after a lost lead 0x83, as a katakana that continues the katakana word
// beside it (`\u30aa\u30fcf\u30a3\u30aa`: \u30c7 = 83 66 lost its lead;
// `t\u30a1\u30a4\u30eb`: a small kana starts no word): 12 bits more, and
// the katakana comes back. Clean Japanese text puts Latin next to katakana
// in words (`e\u30e1\u30fc\u30eb`, `X\u30b5\u30fc\u30d0`) and brackets and '@'
// around them: a capital or a symbol (not a bracket, '@' or '|') only
// between two katakana, a small letter also after a katakana with a wide
// character after it, or before a small kana -- not before a katakana
// with a wide character before it (`\u3053\u306ee\u30e1\u30fc\u30eb`, `\u300ce\u30e1\u30fc\u30eb`:
// e-mail, read as \u30c6\u30e1\u30fc\u30eb until this session).
constexpr std::int32_t kLoneKatakana = 24;
// A symbol, full-width Latin letter or half-width katakana the model did
// not see costs 21-30 bits (unseen class costs); clean CJK text has them
// (`\uff21\uff22\uff23`, kaomoji: corpora/clean/lookalikes.jsonl), so
// they count as rare, not as impossible: 18 bits at most.
constexpr std::int32_t kSymbolCap = 36;
// A Private Use character (GBK's user-defined areas as ICU/Windows decode
// them): as rare as the rarest Han character, not the model's 125 bits
// (which would let any realignment win).
constexpr std::int32_t kPuaCost = 60;
// The most a realigned stretch's characters may cost on average: 13 bits
// (running Chinese and Japanese text averages 9-10 bits a character under
// these models; misaligned or mojibake text 15 and more).
constexpr std::int64_t kPlausibleCost = 26;
// The margin a realigned stretch must win by, beyond the event costs: 6
// bits. With 12 bits, 8 % more of the synthetic runs stay unrepaired; the
// clean negatives were unchanged at both.
constexpr std::int64_t kMargin = 12;
// Where the stretch holds a U+FFFD the text is damaged for sure (a decoder
// lost a byte there), and the question is only which reading explains it:
// 3 bits.
constexpr std::int64_t kMarginDamaged = 6;
// A lost character is restored (instead of U+FFFD) when the model puts this
// much of the posterior on it, given the byte that survived -- only where
// the page says what kind of character it was: the lead byte lost before a
// '?' that was a folded U+FF1F (seed 004: the trail byte A3 of `\u3002`, in
// text whose punctuation went through a width fold). Elsewhere the
// posterior is a unigram's, blind to the characters around: `\u5c0d?C\u8868`
// (Big5 \u5217 = A6 43) became `\u5c0d\u3002\u8868` (A1 43), `?W\u6e96` (Shift_JIS
// \u6a19 = 95 57) `\u30b8\u6e96` (83 57); restoring there cost more than it
// gave on the synthetic corpus (question-lead 88.5 -> 91.1 % exact, lost-lead
// 65.4 -> 67.6 %).
constexpr double kRestorePosterior = 0.7;
// "Rare" for the evidence scan: 14 bits and more (a character below about
// 1 in 16000; misaligned GBK text is mostly such characters, clean text
// has a few per hundred).
constexpr std::int32_t kRareCost = 28;
// Context kept around the evidence, in characters, on each side: a
// misaligned run starts at most a few characters before its first rare
// character.
constexpr std::size_t kContext = 12;
// A pair of Han characters that is part of a word (tools/gen_han_bigrams.py:
// python3-jieba's dictionary, Simplified and, through OpenCC, Traditional)
// is evidence for the reading that has it: 6 bits for each such pair a
// realigned stretch makes, with its neighbours, beyond those the garble
// had (`\u5b57\u4ecbi\u884c` -> `\u5b57\ufffd\u9032\u884c`, \u9032\u884c a word). A
// realignment of clean text breaks its words and pays as much.
constexpr std::int64_t kWordPair = 12;
// Windows are cut at this many characters (at an ASCII byte below 0x40,
// which no double-byte code uses, so no run is cut, when there is one):
// bounds the search's memory.
constexpr std::size_t kMaxWindow = 1 << 16;

constexpr char32_t kFffd = 0xFFFD;
constexpr std::uint16_t kTokFffd = 0x100;
constexpr std::uint16_t kTokQuestion = 0x101;
constexpr std::int32_t kInf = 1 << 29;

enum kind : std::uint8_t {
  k_none = 0,
  k_identity,      // the character as it stands
  k_pair,          // a two-byte code
  k_single,        // a one-byte character
  k_orphan_trail,  // a trail byte whose lead was lost
  k_orphan_lead,   // a lead byte whose trail was lost
  k_lead_fffd,     // a lead byte, then U+FFFD (its trail lost by the decoder)
  k_question,      // '?' standing for a lead byte, then its trail
  k_fold,          // '?' was U+FF1F: its lead is an orphan trail, its trail leads
  k_utf8,          // a 3-byte UTF-8 sequence
  k_question_fffd, // '?' standing for a lead byte, then U+FFFD (its trail lost by the decoder)
};

enum class lang_family : std::uint8_t { chinese, japanese, korean };

// One candidate encoding, read with the language models of its family
// (GBK and Big5: Simplified and Traditional Chinese; Shift_JIS, EUC-JP:
// Japanese; EUC-KR: Korean). A character costs its cheapest model's cost:
// the identity reading and the realigned one are judged alike, and text in
// either script of Chinese is not "rare" for being in the other one.
struct codec_model {
  encoding enc;
  lang_family family = lang_family::chinese;
  std::string_view label;  // for the trace parameter
  std::vector<const ideo_costs*> ics;
  std::vector<std::uint8_t> pair_costs;        // [lead << 8 | trail], kInvalid: no char
  const reencoder* re = nullptr;
  const std::vector<char32_t>* fwd = nullptr;  // [lead << 8 | trail] -> cp, kNoChar
  std::array<char32_t, 256> single{};          // one-byte characters (>= 0x80), kNoChar
  std::array<std::int32_t, 256> marg_trail{};  // -2 log2 sum_lead p(lead, b); kInf: never a trail
  std::array<std::int32_t, 256> marg_lead{};
  std::array<char32_t, 256> best_trail{};      // the likeliest character with trail b
  std::array<char32_t, 256> best_lead{};
  std::array<double, 256> post_trail{};        // its posterior
  std::array<double, 256> post_lead{};
  bool has_fold = false;                       // U+FF1F is two bytes in E
  std::uint8_t fold0 = 0, fold1 = 0;
  // BMP characters >= 0x80 that are never evidence on their own: E
  // encodes them and they are not rare (one bit each; the search's scan
  // for evidence skips them without a model lookup).
  std::vector<std::uint64_t> quiet;
  bool is_quiet(char32_t c) const { return c < 0x10000 && (quiet[c >> 6] >> (c & 63) & 1) != 0; }

  std::int32_t pair_cost(unsigned b0, unsigned b1) const {
    char32_t cp = (*fwd)[b0 << 8 | b1];
    if (cp == kNoChar) return kInf;
    if (cp >= 0xE000 && cp <= 0xF8FF) return kPuaCost;
    std::uint8_t c = pair_costs[b0 << 8 | b1];
    return c == kInvalid ? kPuaCost : c;
  }
  std::int32_t char_cost(char32_t cp) const {
    if (cp == kFffd) return kFffdCost;
    if (cp >= 0xE000 && cp <= 0xF8FF) return kPuaCost;
    std::int32_t best = kInf;
    for (const ideo_costs* ic : ics) best = std::min<std::int32_t>(best, ic->cost(cp));
    if (cp >= 0x80 && !is_letter_class(cp)) best = std::min(best, kSymbolCap);
    return best;
  }
  // Han and Hangul: the characters the models know one by one (an unseen
  // one is rare indeed); anything else (kana, symbols, full-width Latin,
  // half-width katakana) the models saw in small numbers: an unseen one is
  // judged by its class, capped.
  static bool is_letter_class(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF);
  }
};

struct forward_maps {
  std::vector<char32_t> gbk, big5, sjis, euc_jp, uhc;
};

// GBK's user-defined areas as cp936 decodes them (reencode.cpp's order).
void add_gbk_pua(std::vector<char32_t>& m) {
  char32_t pua = 0xE000;
  auto set = [&](int lead, int trail) {
    if (m[lead << 8 | trail] == kNoChar) m[lead << 8 | trail] = pua;
    ++pua;
  };
  for (int lead = 0xAA; lead <= 0xAF; ++lead)
    for (int trail = 0xA1; trail <= 0xFE; ++trail) set(lead, trail);
  for (int lead = 0xF8; lead <= 0xFE; ++lead)
    for (int trail = 0xA1; trail <= 0xFE; ++trail) set(lead, trail);
  for (int lead = 0xA1; lead <= 0xA7; ++lead)
    for (int trail = 0x40; trail <= 0xA0; ++trail)
      if (trail != 0x7F) set(lead, trail);
}

std::vector<char32_t> forward(encoding e) {
  std::vector<char32_t> m(0x10000, kNoChar);
  for (const dbcs_entry& d : double_byte_map(e))
    if (m[d.code] == kNoChar) m[d.code] = d.cp;
  if (e == encoding::gbk) add_gbk_pua(m);
  if (e == encoding::euc_jp)  // 8E xx: half-width katakana
    for (unsigned b = 0xA1; b <= 0xDF; ++b) m[0x8E00 | b] = 0xFF61 + (b - 0xA1);
  return m;
}

struct model_set {
  forward_maps maps;
  std::vector<codec_model> models;
};

void fill_marginals(codec_model& m) {
  std::array<double, 256> sum_t{}, sum_l{}, best_t{}, best_l{};
  for (std::size_t i = 0; i < 256; ++i) {
    m.best_trail[i] = m.best_lead[i] = kNoChar;
  }
  for (unsigned l = 0x81; l <= 0xFE; ++l)
    for (unsigned t = 0x40; t <= 0xFE; ++t) {
      std::int32_t c = m.pair_cost(l, t);
      if (c >= kInf) continue;
      double p = std::exp2(-c / 2.0);
      sum_t[t] += p;
      sum_l[l] += p;
      char32_t cp = (*m.fwd)[l << 8 | t];
      if (p > best_t[t]) best_t[t] = p, m.best_trail[t] = cp;
      if (p > best_l[l]) best_l[l] = p, m.best_lead[l] = cp;
    }
  for (std::size_t b = 0; b < 256; ++b) {
    m.marg_trail[b] = sum_t[b] > 0 ? static_cast<std::int32_t>(std::lround(-2 * std::log2(sum_t[b]))) : kInf;
    m.marg_lead[b] = sum_l[b] > 0 ? static_cast<std::int32_t>(std::lround(-2 * std::log2(sum_l[b]))) : kInf;
    m.post_trail[b] = sum_t[b] > 0 ? best_t[b] / sum_t[b] : 0;
    m.post_lead[b] = sum_l[b] > 0 ? best_l[b] / sum_l[b] : 0;
  }
}

const model_set& models() {
  static const model_set set = [] {
    model_set s;
    s.maps.gbk = forward(encoding::gbk);
    s.maps.big5 = forward(encoding::big5_hkscs);
    s.maps.sjis = forward(encoding::cp932);
    s.maps.euc_jp = forward(encoding::euc_jp);
    s.maps.uhc = forward(encoding::cp949);
    struct spec {
      encoding enc;
      std::string_view label;
      const std::vector<char32_t>* fwd;
      lang_family family;
    };
    const spec specs[] = {
        {encoding::gbk, "GBK", &s.maps.gbk, lang_family::chinese},
        {encoding::big5_hkscs, "Big5", &s.maps.big5, lang_family::chinese},
        {encoding::cp932, "Shift_JIS", &s.maps.sjis, lang_family::japanese},
        {encoding::euc_jp, "EUC-JP", &s.maps.euc_jp, lang_family::japanese},
        {encoding::cp949, "EUC-KR", &s.maps.uhc, lang_family::korean},
    };
    const scoring_tables& st = tables();
    for (const spec& sp : specs) {
      codec_model m;
      m.enc = sp.enc;
      m.family = sp.family;
      m.label = sp.label;
      m.fwd = sp.fwd;
      m.re = reencoder::get(sp.enc);
      for (const ideo_costs& ic : st.ideo) {
        const std::string_view n = ic.model->name;
        const lang_family f = n == "ja" ? lang_family::japanese : n == "ko" ? lang_family::korean : lang_family::chinese;
        if (f == sp.family) m.ics.push_back(&ic);
      }
      if (m.re == nullptr || m.ics.empty()) continue;
      m.pair_costs.assign(0x10000, kInvalid);
      for (std::size_t code = 0; code < 0x10000; ++code) {
        char32_t cp = (*m.fwd)[code];
        if (cp == kNoChar) continue;
        m.pair_costs[code] = static_cast<std::uint8_t>(std::min<std::int32_t>(m.char_cost(cp), kInvalid - 1));
      }
      m.single.fill(kNoChar);
      if (sp.enc == encoding::cp932)
        for (unsigned b = 0xA1; b <= 0xDF; ++b) m.single[b] = 0xFF61 + (b - 0xA1);
      if (sp.enc == encoding::gbk) m.single[0x80] = 0x20AC;
      fill_marginals(m);
      // (suspicious() of such a character alone: not U+FFFD, not Private
      // Use, not half-width katakana, below kRareCost.)
      m.quiet.assign(0x10000 / 64, 0);
      for (char32_t c = 0x80; c < 0x10000; ++c)
        if (c != kFffd && !(c >= 0xE000 && c <= 0xF8FF) && !(c >= 0xFF61 && c <= 0xFF9F) && m.re->can(c) &&
            m.char_cost(c) < kRareCost)
          m.quiet[c >> 6] |= std::uint64_t{1} << (c & 63);
      std::string q;
      if (m.re->append(0xFF1F, q) && q.size() == 2) {
        m.has_fold = true;
        m.fold0 = static_cast<std::uint8_t>(q[0]);
        m.fold1 = static_cast<std::uint8_t>(q[1]);
      }
      s.models.push_back(std::move(m));
    }
    return s;
  }();
  return set;
}

bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_wide(char32_t c) { return c >= 0x2E80 && c != kFffd; }
// Han, kana (full-width) and Hangul: the letters of CJK text.
bool is_cjk_letter(char32_t c) {
  return (c >= 0x3041 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Width-fold evidence (FIELD.md: the seeds carry ASCII `,` `?` `:` where
// Chinese uses the full-width forms): ASCII , ? : ; ! between two CJK
// characters, twice or more.
bool shows_width_fold(const std::u32string& cps) {
  int seen = 0;
  for (std::size_t i = 1; i + 1 < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c != ',' && c != '?' && c != ':' && c != ';' && c != '!') continue;
    if (is_wide(cps[i - 1]) && is_wide(cps[i + 1]) && ++seen >= 2) return true;
  }
  return false;
}

// Which languages the text can be: a model is tried only on text of its
// language (read as Korean, Chinese text is all "rare" hanja, and a
// realignment into Hangul would win anywhere). Kana make up 40-60 % of
// Japanese text and under 2 % of misaligned GBK (lead bytes A4/A5);
// Hangul most of Korean text.
struct language_gate {
  bool chinese = false, japanese = false, korean = false;
  bool allows(lang_family f) const {
    return f == lang_family::chinese ? chinese : f == lang_family::japanese ? japanese : korean;
  }
};

language_gate gate_for(const std::u32string& cps) {
  std::size_t wide = 0, kana = 0, hangul = 0;
  for (char32_t c : cps) {
    if (!is_wide(c)) continue;
    ++wide;
    if (c >= 0x3040 && c <= 0x30FF) ++kana;
    if (c >= 0xAC00 && c <= 0xD7A3) ++hangul;
  }
  language_gate g;
  g.korean = hangul * 10 >= wide * 3;          // >= 30 % Hangul
  g.japanese = !g.korean && kana * 100 >= wide * 15;  // >= 15 % kana
  g.chinese = !g.korean && !g.japanese;
  return g;
}

struct candidate {
  std::size_t first = 0, last = 0;  // character range [first, last)
  std::int64_t gain = 0;
  std::u32string after;
  std::string parameter;
  double confidence = 1.0;
  unsigned events = 0;  // window_search::describe's bits
  bool lone = false;    // search_lone_trail's (word evidence, any line)
  bool kana = false;    // Shift_JIS's or a '?' lead's (no Big5 page needed)
  // A lone letter's candidate names its parameter by kind (a string is made
  // for the chosen ones only: text of many lone letters makes as many
  // candidates): 1 lead byte lost, 2 the same with the character unknown,
  // 3 a byte lost before a trail byte, 4 a lead byte replaced by '?' before
  // its trail; prefixed with `label` if not empty.
  std::uint8_t lone_kind = 0;
  std::string_view label;
  std::string describe_lone() const {
    static constexpr std::string_view kKinds[] = {"", "lead byte lost", "lead byte lost, character unknown",
                                                  "byte lost before a trail byte",
                                                  "lead byte replaced by '?', character unknown"};
    std::string s;
    if (!label.empty()) s.append(label).append(": ");
    s.append(kKinds[lone_kind < 5 ? lone_kind : 0]);
    return s;
  }
};

std::int32_t lone_cost(const std::u32string& cps, std::size_t at);
bool has_lead(const codec_model& m, char32_t x, unsigned l);
std::vector<std::uint8_t> bracket_closers(const std::u32string& cps);
bool question_word(const codec_model& m, const std::u32string& cps, std::size_t at);
bool has_trail(const codec_model& m, char32_t x, unsigned t);
std::int64_t word_pairs(char32_t prev, const std::u32string& text, char32_t next);
char32_t katakana_context(const codec_model& m, const std::u32string& cps, std::size_t at);

// Per model, which bytes a character of a common two-character word with
// a given character has: for the words (c, x), the lead and trail bytes of
// x (starting), for (x, c) those of x (ending). Bit 1 of a lookup: byte b
// is the trail of such an x (a lead >= 0x81 before it), bit 2: its lead.
// Built on first use per model (19k words).
class lost_word_masks {
 public:
  static const lost_word_masks& of(const codec_model& m) {
    static std::mutex mu;
    static std::map<const codec_model*, std::unique_ptr<lost_word_masks>>* cache =
        new std::map<const codec_model*, std::unique_ptr<lost_word_masks>>();  // never destroyed
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = (*cache)[&m];
    if (!slot) slot.reset(new lost_word_masks(m));
    return *slot;
  }
  std::uint8_t starting(char32_t c, unsigned b) const { return get(start_, c, b); }
  std::uint8_t ending(char32_t c, unsigned b) const { return get(end_, c, b); }

 private:
  struct masks {
    std::vector<std::uint16_t> slot;  // [c - 0x3400]: index + 1 into bits, 0 none
    std::vector<std::array<std::uint64_t, 8>> bits;  // [0..3] trail, [4..7] lead
  };
  explicit lost_word_masks(const codec_model& m) {
    std::map<char32_t, std::array<std::uint64_t, 8>> start, end;
    auto add = [&](std::map<char32_t, std::array<std::uint64_t, 8>>& to, char32_t key, char32_t x) {
      const std::uint16_t code = m.re->code(x);
      if (code < 0x100) return;
      auto& b = to[key];
      const unsigned lead = code >> 8, trail = code & 0xFF;
      if (lead >= 0x81) b[trail >> 6] |= std::uint64_t{1} << (trail & 63);
      b[4 + (lead >> 6)] |= std::uint64_t{1} << (lead & 63);
    };
    for (char32_t c = 0x3400; c <= 0x9FFF; ++c) {
      for (const han_word& w : han_words_starting(c)) add(start, c, w.other);
      for (const han_word& w : han_words_ending(c)) add(end, c, w.other);
    }
    auto fill = [](masks& t, const std::map<char32_t, std::array<std::uint64_t, 8>>& from) {
      t.slot.assign(0x9FFF - 0x3400 + 1, 0);
      for (const auto& [k, b] : from) {
        t.bits.push_back(b);
        t.slot[k - 0x3400] = static_cast<std::uint16_t>(t.bits.size());
      }
    };
    fill(start_, start);
    fill(end_, end);
  }
  static std::uint8_t get(const masks& t, char32_t c, unsigned b) {
    if (c < 0x3400 || c > 0x9FFF) return 0;
    const std::uint16_t k = t.slot[c - 0x3400];
    if (k == 0) return 0;
    const auto& bits = t.bits[k - 1u];
    return static_cast<std::uint8_t>(((bits[b >> 6] >> (b & 63)) & 1) | ((bits[4 + (b >> 6)] >> (b & 63)) & 1) << 1);
  }
  masks start_, end_;
};

// The search over one window of one model.
class window_search {
 public:
  window_search(const codec_model& m, const std::u32string& cps, std::size_t first,
                std::size_t last, bool folded, const fix_options& options)
      : m_(m), cps_(cps), first_(first), last_(last), fold_cost_(folded ? kFoldedQuestion : kFoldedQuestionNoEvidence),
        question_cost_(folded ? kQuestionLeadFolded : kQuestionLead),
        mark_lost_(options.mark_lost) {}

  void run(std::vector<candidate>& out) {
    tokenize();
    viterbi();
    extract(out);
  }

 private:
  void tokenize() {
    const std::size_t n = last_ - first_;
    char_tok_.resize(n + 1);
    std::string bytes;
    for (std::size_t j = 0; j < n; ++j) {
      char_tok_[j] = static_cast<std::uint32_t>(tok_.size());
      char32_t c = cps_[first_ + j];
      if (c == kFffd) {
        tok_.push_back(kTokFffd);
      } else if (c == '?') {
        tok_.push_back(kTokQuestion);
      } else {
        bytes.clear();
        m_.re->append(c, bytes);  // the window holds encodable characters only
        for (char b : bytes) tok_.push_back(static_cast<std::uint8_t>(b));
      }
    }
    char_tok_[n] = static_cast<std::uint32_t>(tok_.size());
    // lone ASCII letters (see kLoneLetter): extra cost where read as such
    extra_.assign(tok_.size() + 1, 0);
    for (std::size_t j = 0; j < n; ++j) extra_[char_tok_[j]] = lone_cost(cps_, first_ + j);
    // lone trail bytes a katakana word around them explains (kLoneKatakana)
    ctx_.assign(tok_.size() + 1, 0);
    for (std::size_t j = 0; j < n; ++j) {
      const char32_t k = katakana_context(m_, cps_, first_ + j);
      if (k == 0 || char_tok_[j + 1] != char_tok_[j] + 1) continue;
      ctx_[char_tok_[j]] = k;
      extra_[char_tok_[j]] += kLoneKatakana;
    }
    // lost bytes whose character would make a word (kLostByteWord)
    lost_word_.assign(tok_.size() + 1, 0);
    if (m_.family == lang_family::chinese) wm_ = &lost_word_masks::of(m_);
    if (wm_ != nullptr)
      for (std::size_t p = 0; p < tok_.size(); ++p) lost_word_[p] = lost_byte_words(p);
    // two-byte codes that make a word with the code after them (kPairWord)
    pair_word_.assign(tok_.size() + 1, 0);
    if (wm_ != nullptr)
      for (std::size_t p = 0; p + 3 < tok_.size(); ++p) {
        const char32_t x = pair_char(p);
        if (x == kNoChar) continue;
        const char32_t y = pair_char(p + 2);
        // (the masks first: is y's lead byte one of x's word partners'?)
        if (y != kNoChar && (wm_->starting(x, tok(p + 2)) & 2) != 0 && han_word_frequency(x, y) >= kCommonWord)
          pair_word_[p] = kPairWord;
      }
    // token -> character (for identity moves): starts only
    is_start_.assign(tok_.size() + 1, 0);
    tok_char_.assign(tok_.size() + 1, 0);
    for (std::size_t j = 0; j <= n; ++j) {
      is_start_[char_tok_[j]] = 1;
      tok_char_[char_tok_[j]] = static_cast<std::uint32_t>(j);
    }
  }

  std::uint16_t tok(std::size_t p) const { return p < tok_.size() ? tok_[p] : 0x200; }

  // The Han character tokens p, p + 1 make as a pair (kNoChar: none).
  char32_t pair_char(std::size_t p) const {
    const std::uint16_t a = tok(p), b = tok(p + 1);
    if (a < 0x81 || a > 0xFF || b > 0xFF) return kNoChar;
    const char32_t c = (*m_.fwd)[a << 8 | b];
    return c >= 0x3400 && c <= 0x9FFF ? c : kNoChar;
  }
  // Bit 1: token p lost as a trail byte (its lead gone) would be a
  // character that makes a common word with the pair before or after it;
  // bit 2: the same as a lead byte (its trail gone).
  std::uint8_t lost_byte_words(std::size_t p) const {
    const std::uint16_t a = tok(p);
    // (not an ASCII byte: a lone letter has its own, stricter evidence,
    // search_lone_trail; `\u4ee3\u5b57\u5143~\u6307\u5411` in rpm(8) is a tilde)
    if (a < 0x81 || a > 0xFE) return 0;
    // after a '?' the question and fold moves explain the byte
    if (p > 0 && tok(p - 1) == kTokQuestion) return 0;
    const char32_t before = p >= 2 ? pair_char(p - 2) : kNoChar, after = pair_char(p + 1);
    // (kNoChar is no Han character: the masks and the table answer 0)
    const std::uint8_t from_before = wm_->starting(before, a), from_after = wm_->ending(after, a);
    if (from_before == 0 && from_after == 0) return 0;
    // Where the byte read in a pair makes that word already (GBK \u7684\u8bdd:
    // BB B0 is \u8bdd), losing it explains nothing the pair does not. (A pair
    // that shares a byte with the neighbour's cannot stand beside it.)
    const char32_t as_lead = pair_char(p), as_trail = p >= 1 ? pair_char(p - 1) : kNoChar;
    std::uint8_t bits = 0;
    if (han_word_frequency(before, as_lead) < kCommonWord) bits |= from_before;
    if (han_word_frequency(as_trail, after) < kCommonWord) bits |= from_after;
    return bits;
  }

  // Cost of the move `k` of length `len` from token p (kInf if impossible).
  std::int32_t move_cost(std::size_t p, kind k, unsigned len) const {
    std::int32_t c = raw_cost(p, k, len);
    return k == k_identity || c >= kInf ? c : c + kChangeCost;
  }
  std::int32_t raw_cost(std::size_t p, kind k, unsigned len) const {
    const std::uint16_t a = tok(p), b = tok(p + 1), c = tok(p + 2);
    switch (k) {
      case k_identity: return m_.char_cost(cps_[first_ + tok_char_[p]]) + extra_[p] - pair_word_[p];
      case k_pair: return a < 256 && b < 256 ? m_.pair_cost(a, b) - pair_word_[p] : kInf;
      case k_single:
        if (a < 0x80) return m_.char_cost(a) + extra_[p];
        if (a < 256 && m_.single[a] != kNoChar) return m_.char_cost(m_.single[a]) + extra_[p];
        return kInf;
      case k_orphan_trail:
        return a < 256 && m_.marg_trail[a] < kInf
                   ? kLostByte + m_.marg_trail[a] - ((lost_word_[p] & 1) ? kLostByteWord : 0)
                   : kInf;
      case k_orphan_lead:
        return a >= 0x80 && a < 256 && m_.marg_lead[a] < kInf
                   ? kLostByte + m_.marg_lead[a] - ((lost_word_[p] & 2) ? kLostByteWord : 0)
                   : kInf;
      case k_lead_fffd:
        return a >= 0x80 && a < 256 && b == kTokFffd && m_.marg_lead[a] < kInf ? kLeadThenFffd + kFffdCost : kInf;
      case k_question:
        // (an ASCII letter or digit before another is a word's, not a
        // trail byte: `\u55ce?OK\u3002`)
        if (b < 0x80 && is_ascii_alnum(b) && c < 0x80 && is_ascii_alnum(c)) return kInf;
        // (in Chinese text a capital after a question starts a word --
        // `\u55ce?A\u80a1`, A shares; `\u8fa6?X\u5149` -- unless a common word
        // says it is a trail byte: question_word)
        if (a == kTokQuestion && b >= 'A' && b <= 'Z' && m_.family == lang_family::chinese && !question_ok(p))
          return kInf;
        // (a '?' after a quote is quoted, or code: xpdf(1)'s `\\`?`)
        if (a == kTokQuestion && quoted_question(p)) return kInf;
        return a == kTokQuestion && b < 256 && m_.marg_trail[b] < kInf ? question_cost(p) + m_.marg_trail[b] : kInf;
      case k_question_fffd:  // see kQuestionThenFffd
        return a == kTokQuestion && b == kTokFffd ? kQuestionThenFffd + kFffdCost + (question_cost(p) - kQuestionLead)
                                                  : kInf;
      case k_fold: {
        if (a != kTokQuestion || !m_.has_fold || b >= 256) return kInf;
        std::int32_t pc = m_.pair_cost(m_.fold1, b);
        if (pc >= kInf || m_.marg_trail[m_.fold0] >= kInf) return kInf;
        return fold_cost_ + kLostByte + m_.marg_trail[m_.fold0] + pc;
      }
      case k_utf8: {
        if (a < 0xE0 || a > 0xEF || b < 0x80 || b > 0xBF || c < 0x80 || c > 0xBF) return kInf;
        char32_t cp = utf8_cp(a, b, c);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kInf;
        return kUtf8Inserted + m_.char_cost(cp);
      }
      case k_none: break;
    }
    (void)len;
    return kInf;
  }

  // The '?' of token p before an ASCII trail byte: question_word, or no
  // wide character after the trail (a run goes on; the moves after say).
  bool question_ok(std::size_t p) const {
    const std::size_t at = first_ + tok_char_[p];
    if (at + 2 >= cps_.size() || !is_wide(cps_[at + 2])) return true;
    return question_word(m_, cps_, at);
  }

  // The '?' of token p follows a quote or a backslash (a folded comma or
  // stop before it is text's: `\u503c,?\u4f1a`).
  bool quoted_question(std::size_t p) const {
    const std::size_t at = first_ + tok_char_[p];
    if (at == 0) return false;
    const char32_t prev = cps_[at - 1];
    return prev == '`' || prev == '\'' || prev == '"' || prev == '\\';
  }

  // A '?' (token p) standing for a lead byte: kQuestionLead after a space
  // or at a line's start, else question_cost_ (kQuestionLeadFolded in
  // width-folded text: xpdf(1)'s `,\\`?`\u548c` keeps its '?').
  std::int32_t question_cost(std::size_t p) const {
    const std::size_t at = first_ + tok_char_[p];
    const char32_t prev = at > 0 ? cps_[at - 1] : '\n';
    return prev == ' ' || prev == '\t' || prev == '\n' ? kQuestionLead : question_cost_;
  }

  static char32_t utf8_cp(unsigned a, unsigned b, unsigned c) {
    return static_cast<char32_t>((a & 0x0F) << 12 | (b & 0x3F) << 6 | (c & 0x3F));
  }

  void viterbi() {
    const std::size_t t = tok_.size();
    cost_.assign(t + 1, kInf);
    back_.assign(t + 1, 0);
    cost_[0] = 0;
    auto relax = [&](std::size_t p, kind k, unsigned len) {
      if (p + len > t) return;
      std::int32_t c = move_cost(p, k, len);
      if (c >= kInf) return;
      std::int32_t v = cost_[p] + c;
      if (v < cost_[p + len]) {
        cost_[p + len] = v;
        back_[p + len] = static_cast<std::uint8_t>(k | len << 4);
      }
    };
    for (std::size_t p = 0; p < t; ++p) {
      if (cost_[p] >= kInf) continue;
      if (is_start_[p]) {
        std::size_t j = tok_char_[p];
        relax(p, k_identity, char_tok_[j + 1] - char_tok_[j]);
      }
      relax(p, k_pair, 2);
      relax(p, k_single, 1);
      relax(p, k_orphan_trail, 1);
      relax(p, k_orphan_lead, 1);
      relax(p, k_lead_fffd, 2);
      relax(p, k_question, 2);
      relax(p, k_question_fffd, 2);
      relax(p, k_fold, 2);
      relax(p, k_utf8, 3);
    }
  }

  struct move {
    std::uint32_t at;
    kind k;
    unsigned len;
  };

  // Appends what move `mv` reads to `out`; lowers `conf` for a restored
  // character; sets bits of `events`.
  void emit(const move& mv, std::u32string& out, double& conf, unsigned& events) const {
    const std::size_t p = mv.at;
    const std::uint16_t a = tok(p), b = tok(p + 1);
    auto lost = [&](char32_t best, double post, bool may_restore = false) {
      if (may_restore && best != kNoChar && post >= kRestorePosterior) {
        out.push_back(best);
        conf = std::min(conf, post);
      } else if (mark_lost_) {
        out.push_back(kFffd);
      }
    };
    switch (mv.k) {
      case k_identity: out.push_back(cps_[first_ + tok_char_[p]]); break;
      case k_pair: out.push_back((*m_.fwd)[a << 8 | b]); break;
      case k_single: out.push_back(a < 0x80 ? static_cast<char32_t>(a) : m_.single[a]); break;
      case k_orphan_trail:
        if (ctx_[p] != 0)
          out.push_back(ctx_[p]);
        else
          lost(m_.best_trail[a], m_.post_trail[a]);
        events |= 1;
        break;
      case k_orphan_lead: lost(m_.best_lead[a], m_.post_lead[a]); events |= 2; break;
      case k_lead_fffd: lost(m_.best_lead[a], m_.post_lead[a]); events |= 4; break;
      case k_question: lost(m_.best_trail[b], m_.post_trail[b]); events |= 8; break;
      case k_question_fffd: lost(kNoChar, 0); events |= 8 | 4; break;
      case k_fold:
        lost(m_.best_trail[m_.fold0], m_.post_trail[m_.fold0], true);
        out.push_back((*m_.fwd)[m_.fold1 << 8 | b]);
        events |= 16;
        break;
      case k_utf8: out.push_back(utf8_cp(a, b, tok(p + 2))); events |= 32; break;
      case k_none: break;
    }
  }

  std::string describe(unsigned events) const {
    static constexpr std::string_view kNames[] = {
        "lead byte lost", "trail byte lost", "trail byte lost by the decoder",
        "lead byte replaced by '?'", "'?' was U+FF1F, lead byte lost", "UTF-8 sequence inserted"};
    std::string s(m_.label);
    s += ": ";
    bool firstname = true;
    for (unsigned i = 0; i < 6; ++i)
      if (events & (1u << i)) {
        if (!firstname) s += ", ";
        s += kNames[i];
        firstname = false;
      }
    return s;
  }

  // The realigned reading must read like text on its own, not just beat
  // the garble: its characters (lost ones aside) average kPlausibleCost or
  // less. Text that is garbage either way (CJK mojibake the mojibake fixer
  // could not undo) is left alone, and a repair's output offers no
  // second, "better" realignment (idempotence).
  bool plausible(std::size_t i, std::size_t j) const {
    std::int64_t sum = 0, count = 0;
    bool inserted = false;
    std::u32string buf;
    for (std::size_t x = i; x < j; ++x) {
      const move& mv = path_[x];
      // an inserted UTF-8 punctuation mark or symbol is the damage itself
      // (rare under the character models), not the realigned text
      if (mv.k == k_utf8 && !codec_model::is_letter_class(utf8_cp(tok(mv.at), tok(mv.at + 1), tok(mv.at + 2)))) {
        inserted = true;
        continue;
      }
      buf.clear();
      double conf = 1;
      unsigned events = 0;
      emit(mv, buf, conf, events);
      const bool lost_first = mv.k == k_orphan_trail || mv.k == k_orphan_lead || mv.k == k_lead_fffd ||
                              mv.k == k_question || mv.k == k_question_fffd || mv.k == k_fold;
      for (std::size_t y = lost_first ? 1 : 0; y < buf.size(); ++y) {
        if (buf[y] == kFffd) continue;
        sum += m_.char_cost(buf[y]);
        ++count;
      }
    }
    // Beside an inserted mark, one character is all the bytes had to
    // give back (Shift_JIS `\u3064\u7ab6\u6029\uff94\u308c`: `\u201c` = E2 80 9C,
    // then \u3076 = 82 D4, 14.5 bits under the model): the mark explains the
    // garble, the one character need not be common.
    return count == 0 || (inserted && count == 1) || sum <= kPlausibleCost * count;
  }

  // Misalignment is damage inside otherwise clean text: the window's other
  // CJK characters (3 or more of them) must read like text too. A line of
  // CJK-as-CJK mojibake is garbage all through: that is the mojibake
  // fixer's to undo, and realigning a piece of it changes nothing for the
  // better.
  // (Prefix sums over the window, made on the first call: a window with
  // many stretches asks once per stretch.)
  bool clean_context(std::size_t cb, std::size_t ce) const {
    const std::size_t n = last_ - first_;
    if (ctx_cost_.empty()) {
      ctx_cost_.assign(n + 1, 0);
      ctx_count_.assign(n + 1, 0);
      for (std::size_t c = 0; c < n; ++c) {
        const char32_t cp = cps_[first_ + c];
        const bool counted = !(cp < 0x80 || cp == kFffd);
        ctx_cost_[c + 1] = ctx_cost_[c] + (counted ? m_.char_cost(cp) : 0);
        ctx_count_[c + 1] = ctx_count_[c] + (counted ? 1 : 0);
      }
    }
    const std::int64_t sum = ctx_cost_[n] - (ctx_cost_[ce] - ctx_cost_[cb]);
    const std::int64_t count = ctx_count_[n] - (ctx_count_[ce] - ctx_count_[cb]);
    return count < 3 || sum <= kPlausibleCost * count;
  }

  void extract(std::vector<candidate>& out) {
    const std::size_t t = tok_.size();
    if (cost_[t] >= kInf) return;
    std::vector<move>& path = path_;
    path.clear();
    for (std::size_t q = t; q > 0;) {
      unsigned len = back_[q] >> 4;
      kind k = static_cast<kind>(back_[q] & 0x0F);
      q -= len;
      path.push_back({static_cast<std::uint32_t>(q), k, len});
    }
    std::reverse(path.begin(), path.end());
    // Walk the path; a stretch between two shared boundaries that is not
    // all identity moves is a candidate.
    std::size_t i = 0;
    while (i < path.size()) {
      if (path[i].k == k_identity) {
        ++i;
        continue;
      }
      // path[i].at is a shared boundary (the previous move ended on a
      // character start, or it is 0): find the next one.
      std::size_t j = i;
      std::int64_t new_cost = 0;
      while (j < path.size()) {
        const move& mv = path[j];
        new_cost += move_cost(mv.at, mv.k, mv.len);
        ++j;
        std::size_t end = mv.at + mv.len;
        if (is_start_[end]) break;
      }
      const std::size_t b_tok = path[i].at, e_tok = path[j - 1].at + path[j - 1].len;
      const std::size_t cb = tok_char_[b_tok], ce = tok_char_[e_tok];
      std::int64_t old_cost = 0;
      for (std::size_t c = cb; c < ce; ++c) old_cost += m_.char_cost(cps_[first_ + c]) + extra_[char_tok_[c]];
      std::int64_t gain = old_cost - new_cost;
      {  // word pairs made and broken (kWordPair)
        std::u32string after;
        double cf = 1;
        unsigned ev = 0;
        for (std::size_t x = i; x < j; ++x) emit(path[x], after, cf, ev);
        const std::size_t a = first_ + cb, z = first_ + ce;
        const char32_t prev = a > 0 ? cps_[a - 1] : 0, next = z < cps_.size() ? cps_[z] : 0;
        gain += kWordPair * (word_pairs(prev, after, next) - word_pairs(prev, cps_.substr(a, z - a), next));
      }
      bool damaged = false;  // the stretch holds a U+FFFD (kMarginDamaged)
      for (std::size_t c = cb; c < ce; ++c) damaged |= cps_[first_ + c] == kFffd;
      if (gain >= (damaged ? kMarginDamaged : kMargin) && plausible(i, j) && clean_context(cb, ce)) {
        candidate cand;
        double conf = 1.0 / (1.0 + std::exp2(-static_cast<double>(gain) / 2.0));
        unsigned events = 0;
        for (std::size_t x = i; x < j; ++x) emit(path[x], cand.after, conf, events);
        // A realignment must give back something: one that only turns
        // ASCII into U+FFFD ("?\\" in a troff escape read as a Shift_JIS
        // character with a lost lead byte) recovers nothing and damages
        // text that may be right.
        // Unless it sits against CJK text, where the lost character was.
        bool recovers = false;
        for (char32_t x : cand.after) recovers |= x >= 0x80 && x != kFffd;
        if (!recovers) {
          const std::size_t a = first_ + cb, z = first_ + ce;
          recovers = (a > 0 && is_wide(cps_[a - 1])) || (z < cps_.size() && is_wide(cps_[z]));
        }
        if (events != 0 && recovers && cand.after != cps_.substr(first_ + cb, ce - cb)) {
          cand.first = first_ + cb;
          cand.last = first_ + ce;
          cand.gain = gain;
          cand.parameter = describe(events);
          cand.events = events;
          cand.confidence = std::floor(conf * 1000) / 1000;
          out.push_back(std::move(cand));
        }
      }
      i = j;
    }
  }

  const codec_model& m_;
  const std::u32string& cps_;
  std::size_t first_, last_;
  std::int32_t fold_cost_;
  std::int32_t question_cost_;
  bool mark_lost_;
  std::vector<std::uint16_t> tok_;
  std::vector<std::uint32_t> char_tok_;
  std::vector<std::uint32_t> tok_char_;
  std::vector<std::uint8_t> is_start_;
  std::vector<std::int32_t> extra_;
  std::vector<char32_t> ctx_;  // per token: the katakana a lone trail byte was
  std::vector<std::uint8_t> lost_word_;  // per token: lost_byte_words()
  std::vector<std::int32_t> pair_word_;  // per token: kPairWord or 0
  const lost_word_masks* wm_ = nullptr;   // Chinese models
  mutable std::vector<std::int64_t> ctx_cost_;   // clean_context's prefix sums
  mutable std::vector<std::int64_t> ctx_count_;
  std::vector<std::int32_t> cost_;
  std::vector<std::uint8_t> back_;
  std::vector<move> path_;
};

bool is_han(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

// Is the pair (a, b) inside some word (han_words.hpp)?
bool word_pair(char32_t a, char32_t b) { return han_word_pair(a, b); }

// Word pairs in prev + text + next (prev, next: 0 for none).
std::int64_t word_pairs(char32_t prev, const std::u32string& text, char32_t next) {
  std::int64_t n = 0;
  char32_t last = prev;
  for (char32_t c : text) {
    n += word_pair(last, c);
    last = c;
  }
  return n + word_pair(last, next);
}

// Characters that can take part in a run under `m`: ASCII, U+FFFD and what
// E encodes.
bool encodable(const codec_model& m, char32_t c) { return c < 0x80 || c == kFffd || m.re->can(c); }

// Sides of an ASCII byte 0x40-0x7E (a possible trail byte) that touch CJK
// text, when no letter or digit touches it: 0, 1 or 2.
int lone_sides(const std::u32string& cps, std::size_t at) {
  const char32_t c = cps[at];
  if (c < 0x40 || c > 0x7E) return 0;
  const char32_t prev = at > 0 ? cps[at - 1] : ' ';
  const char32_t next = at + 1 < cps.size() ? cps[at + 1] : ' ';
  if (is_ascii_alnum(prev) || is_ascii_alnum(next)) return 0;
  return (is_wide(prev) || prev == kFffd) + (is_wide(next) || next == kFffd);
}

// How much more such a byte costs where it stands (see kLoneLetter): small
// letters only. Capitals (`X`, `A`, `B` between Han characters are names
// and grades) and symbols (`{}`, `[`, `^` in technical text) are common
// next to CJK text in clean documents.
std::int32_t lone_cost(const std::u32string& cps, std::size_t at) {
  const char32_t c = cps[at];
  if (c >= 0xFF66 && c <= 0xFF9F) {  // a lone half-width katakana letter in CJK text
    const char32_t prev = at > 0 ? cps[at - 1] : ' ';
    const char32_t next = at + 1 < cps.size() ? cps[at + 1] : ' ';
    return is_wide(prev) && is_wide(next) && !(prev >= 0xFF61 && prev <= 0xFF9F) && !(next >= 0xFF61 && next <= 0xFF9F) &&
                   (is_cjk_letter(prev) || is_cjk_letter(next))
               ? kLoneHalfwidth
               : 0;
  }
  const int sides = lone_sides(cps, at);
  if (c >= 'a' && c <= 'z') return sides == 2 ? kLoneLetter : sides == 1 ? kLoneLetterOneSide : 0;
  return sides == 2 && c != '@' ? kLoneCapital : 0;
}

bool is_katakana(char32_t c) { return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC; }
// A full-width character of Japanese text: kana, kanji, CJK punctuation.
bool is_japanese_wide(char32_t c) {
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF60);
}
// Small kana and the prolonged sound mark: they start no word.
bool is_word_internal_kana(char32_t c) {
  switch (c) {
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:
    case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30FC:
      return true;
    default:
      return false;
  }
}

// The katakana that a lone byte 0x40-0x7E at `at` was before its lead byte
// 0x83 was lost, where the katakana around it says so (see kLoneKatakana);
// 0 otherwise.
char32_t katakana_context(const codec_model& m, const std::u32string& cps, std::size_t at) {
  if (m.enc != encoding::cp932) return 0;
  const char32_t c = cps[at];
  if (c < 0x40 || c > 0x7E || lone_sides(cps, at) == 0) return 0;
  const char32_t k = (*m.fwd)[0x8300 | c];
  if (k == kNoChar || !is_katakana(k) || k == 0x30FC) return 0;
  const char32_t prev = at > 0 ? cps[at - 1] : ' ';
  const char32_t next = at + 1 < cps.size() ? cps[at + 1] : ' ';
  const bool kp = is_katakana(prev), kn = is_katakana(next);
  // brackets and '@' stand next to katakana words in clean text
  // (`\u540d@\u30ed\u30fc\u30ab\u30eb`, `\u3002[\u30c7\u30d5\u30a9\u30eb\u30c8`, `\u30da\u30a2]\u3002`: man pages)
  if (c == '@' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|') return 0;
  if (kp && kn) return k;
  const bool small = c >= 'a' && c <= 'z';
  if (small && kn && is_word_internal_kana(next)) return k;
  if (small && kp && is_wide(next)) return k;
  return 0;
}

// Evidence that a misaligned run may be here (under model m).
// cps[i] is rare for the model (kRareCost) and in no word with a
// neighbour.
bool rare_alone(const codec_model& m, const std::u32string& cps, std::size_t i) {
  const char32_t c = cps[i];
  if (m.char_cost(c) < kRareCost) return false;
  return !((i > 0 && word_pair(cps[i - 1], c)) || (i + 1 < cps.size() && word_pair(c, cps[i + 1])));
}

bool suspicious(const codec_model& m, const std::u32string& cps, std::size_t i) {
  const char32_t c = cps[i];
  if (c == kFffd) {
    // A decoder out of step leaves garble beside it (rare characters, a
    // lone letter): U+FFFD amid ordinary text is an old loss (the mojibake
    // fixer marks the characters lost bytes took with it), nothing to
    // realign.
    for (std::size_t k = i >= 2 ? i - 2 : 0; k < cps.size() && k <= i + 2; ++k) {
      if (k == i || cps[k] == kFffd) continue;
      const char32_t x = cps[k];
      if (x >= 0x40 && x <= 0x7E && lone_sides(cps, k) > 0) return true;
      if (x >= 0x80 && (m.char_cost(x) >= kRareCost || (x >= 0xE000 && x <= 0xF8FF))) return true;
    }
    return false;
  }
  if (c >= 0xE000 && c <= 0xF8FF) return true;
  if (c == '?') {  // '?' within two characters of CJK text
    for (std::size_t k = i >= 2 ? i - 2 : 0; k < cps.size() && k <= i + 2; ++k)
      if (is_wide(cps[k])) return true;
    return false;
  }
  if (c >= 0x40 && c <= 0x7E) return lone_sides(cps, i) > 0;
  if (c >= 0xFF61 && c <= 0xFF9F) return true;  // half-width katakana
  if (c < 0x80) return false;
  // A rare character is evidence with company only: another rare one, or
  // a mark of damage (U+FFFD, Private Use, '?', a lone letter), within two
  // characters, and neither in a word with a neighbour (word_pair). A
  // decoder out of step makes rare characters in a row (`\u68a2\u54c9`);
  // clean text names one rare thing at a time, in words (a Hong Kong
  // catalog's \u95ca\u5ea6, \u87a2\u5e55, \u300e\u672a\u5b9a\u300f under the GBK model).
  if (!rare_alone(m, cps, i)) return false;
  for (std::size_t k = i >= 2 ? i - 2 : 0; k < cps.size() && k <= i + 2; ++k) {
    if (k == i) continue;
    const char32_t x = cps[k];
    if (x == kFffd || (x >= 0xE000 && x <= 0xF8FF) || x == '?') return true;
    if (x >= 0x40 && x <= 0x7E && lone_sides(cps, k) > 0) return true;
    if (x >= 0x80 && rare_alone(m, cps, k)) return true;
  }
  return false;
}

// A page that was in E holds only what E encodes (the damage too: a
// decoder of E makes only characters of E, U+FFFD and Private Use ones).
// Simplified Chinese is never a Big5 page; Traditional Chinese can be GBK.
// Up to 1 % (at least 2) other CJK characters are let pass: text added
// later, a character a converter put in.
bool page_fits(const codec_model& m, const std::u32string& cps) {
  std::size_t wide = 0, foreign = 0;
  for (char32_t c : cps) {
    if (!is_wide(c) || (c >= 0xE000 && c <= 0xF8FF)) continue;
    ++wide;
    if (!m.re->can(c)) ++foreign;
  }
  return foreign <= std::max<std::size_t>(2, wide / 100);
}

// Length of the UTF-8 sequence led by `b` (valid UTF-8).
std::size_t utf8_length(unsigned char b) { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

// The code points of valid UTF-8 (no offsets: the few stretches chosen
// find theirs with one walk at the end).
std::u32string code_points(std::string_view text) {
  std::u32string cps;
  cps.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      cps.push_back(b);
      ++i;
      continue;
    }
    const std::size_t len = utf8_length(b);
    char32_t cp = len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    for (std::size_t k = 1; k < len && i + k < n; ++k) cp = cp << 6 | (p[i + k] & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  return cps;
}

void search_model(const codec_model& m, const std::u32string& cps, bool folded,
                  const fix_options& options, std::vector<candidate>& out) {
  const std::size_t n = cps.size();
  std::size_t i = 0;
  while (i < n) {
    // next piece of evidence (a quiet character is none: no model lookup)
    while (i < n && (m.is_quiet(cps[i]) || !(encodable(m, cps[i]) && suspicious(m, cps, i)))) ++i;
    if (i >= n) break;
    // the window: back kContext characters (within encodable text), forward
    // until kContext characters pass with no evidence
    std::size_t first = i;
    for (std::size_t k = 0; k < kContext && first > 0 && encodable(m, cps[first - 1]); ++k) --first;
    std::size_t last = i + 1, quiet = 0;
    std::size_t cut = 0;  // a safe place to cut (ASCII below 0x40)
    while (last < n && encodable(m, cps[last]) && quiet < kContext) {
      if (suspicious(m, cps, last))
        quiet = 0;
      else
        ++quiet;
      if (cps[last] < 0x40) cut = last;
      ++last;
      if (last - first >= kMaxWindow) {
        if (cut > first + kMaxWindow / 2) last = cut;
        break;
      }
    }
    window_search(m, cps, first, last, folded, options).run(out);
    i = last;
  }
}

// A lone ASCII letter beside Han text, where the lead byte of a double-byte
// code was lost and the decoder was back in step at once (Big5
// `\u8f38X\u683c\u5f0f`: \u51fa = A5 58): no run follows, so the search above
// sees one odd letter only. Only in Traditional text (every wide character
// one Big5 encodes): Simplified text never puts a common character on a
// code whose trail byte is ASCII. Two kinds of evidence, each for one
// code with that trail byte and no other code (a code that ties is a
// veto: after left empty):
//  * both sides: the code makes a word pair (kHanBigramKeys) with both
//    neighbours, and both neighbours cost 9 bits or more (a variable's name
//    follows a common function character: Debian's zh_TW man pages
//    `\u7684a\u8f49`, `\u548cy\u5ea7`, `\u70baM\u4f4d` -- each one code from a word
//    on both sides);
//  * an orphan: the code makes a common two-character word (frequency 300
//    or more in the dictionary) with a neighbour that is in no word with
//    the character on its other side, and that word is at least 1/20 as
//    common as the neighbour standing alone (`\u907fK\u4f7f\u7528`: \u907f\u514d;
//    `\u65b0X\u554f\u4f4d\u7f6e`: \u8a2a\u554f, \u554f\u4f4d no word). Clean text keeps its
//    letters beside function characters (`\u5e36\u6709c\u51fd\u5f0f`: \u6709 is in
//    \u5e36\u6709; `\u70baW\u4f4d\u5143`: \u4f4d is in \u4f4d\u5143; `\u800cC\u70ba`: \u70ba
//    alone is 30 times more common than \u5217\u70ba). Measured on Debian's
//    zh_TW/zh_HK man pages and catalogs: 200 lone letters beside Han, none
//    taken (tools/lone_letters_check.py).
// The other side of the letter is Han, a space or CJK punctuation.
constexpr std::int32_t kLoneNeighbourCost = 18;
constexpr std::uint32_t kOrphanWord = kCommonWord;  // frequency of the word made
constexpr std::uint32_t kOrphanAlone = 20;          // neighbour alone / word, at most
bool quiet_side(char32_t c) {
  return c == 0 || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0x3000 || c == 0xFF0C ||
         c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF1A || c == 0xFF08 || c == 0xFF09 ||
         c == 0x300C || c == 0x300D;
}
// nb (Han) is in no word with `other`, the character on its far side
// (`left`: nb is left of the letter, other left of nb).
bool orphan(char32_t nb, char32_t other, bool left) {
  return !(left ? word_pair(other, nb) : word_pair(nb, other));
}
// A word of frequency w is common against its neighbour standing alone
// (frequency `alone`, han_word_frequency(nb)).
bool common_against(std::uint32_t w, std::uint64_t alone) {
  return w >= kOrphanWord && w * std::uint64_t{kOrphanAlone} >= alone;
}
// Both: the word (frequency w) an orphan nb would make.
bool orphan_word(char32_t nb, char32_t other, std::uint32_t w, bool left) {
  return orphan(nb, other, left) && common_against(w, han_word_frequency(nb));
}
// x is a double-byte code of m with lead byte l / trail byte t.
bool has_lead(const codec_model& m, char32_t x, unsigned l) {
  const std::uint16_t code = m.re->code(x);
  return code >= 0x100 && (code >> 8) == l;
}
bool has_trail(const codec_model& m, char32_t x, unsigned t) {
  const std::uint16_t code = m.re->code(x);
  return code >= 0x8100 && (code & 0xFF) == t;
}

// The other way a lone letter comes: a byte was lost in the character
// before it, so the decoder read that character's last byte as a lead,
// paired it with the letter, and the letter was that code's trail byte
// (Big5 `\u8766g\u3002`: \u7de8\u5beb = BD 73 BC 67 lost 73; BD BC reads \u8766,
// BC 67 is \u5beb. `\u5b2aO\u7b49`: \u5206\u5225 = A4 C0 A7 4F lost A4). The
// reading is U+FFFD for the lost character and the code that the last
// byte and the letter make, where that code is a CJK comma or stop before
// Han text, or a Han character that makes a common two-character word
// (frequency 300 or more) with some character the first byte belongs to
// (its lead with any trail, or its trail after any lead: \u7de8\u5beb,
// \u5206\u5225) or with an orphan after it (as above); and the character
// before the letter is in no word with its own neighbour. kNoChar: no
// such reading.
char32_t lost_byte_reading(const codec_model& m, const std::u32string& cps, std::size_t i) {
  const std::size_t n = cps.size();
  if (i == 0) return kNoChar;
  const char32_t c = cps[i], prev = cps[i - 1], next = i + 1 < n ? cps[i + 1] : 0;
  if (!is_han(prev)) return kNoChar;
  const std::uint16_t code = m.re->code(prev);
  if (code < 0x100 || (code & 0xFF) < 0x81) return kNoChar;
  const char32_t d = (*m.fwd)[static_cast<unsigned>(code & 0xFF) << 8 | c];
  if (d == kNoChar) return kNoChar;
  // (a CJK comma or stop between Han characters where an ASCII letter
  // stands needs no more: `\u5b57\u5f0fA\u5b83`, \u5b57\u5f0f a word or not)
  if (d == 0xFF0C || d == 0x3002 || d == 0x3001 || d == 0xFF1B || d == 0xFF1A) return is_han(next) ? d : kNoChar;
  if (i >= 2 && word_pair(cps[i - 2], prev)) return kNoChar;
  if (!is_han(d)) return kNoChar;
  const char32_t far_next = i + 2 < n ? cps[i + 2] : 0;
  if (is_han(next) && orphan_word(next, far_next, han_word_frequency(d, next), false)) return d;
  const unsigned b1 = code >> 8;
  for (const han_word& w : han_words_ending(d))
    if (has_lead(m, w.other, b1) || has_trail(m, w.other, b1)) return d;
  return kNoChar;
}

// lost_byte_reading's damage with stronger evidence: the character before
// the letter at i (its bytes b0 b1) hides a character X that lost a byte
// -- its lead b0 with the trail lost, or its trail b0 with the lead lost --
// and D = b1 + the letter; X is in a word with the character before it
// and with D (gbk \u4f4d\u8d8aM: \u5143 = D4 AA lost AA, \u8d8a = D4 BD,
// \u7d44 = BD 4D; \u4f4d\u5143 and \u5143\u7d44 are word pairs, the words of
// \u4f4d\u5143\u7d44). Returns D, and X in `x` (U+FFFD where several fit);
// kNoChar: no such reading. Evidence on both sides of the lost character
// outweighs a window's realignment over the same characters
// (kLostBetweenGain).
constexpr std::int64_t kLostBetweenGain = 1 << 20;
char32_t lost_between(const codec_model& m, const std::u32string& cps, std::size_t i, char32_t& x) {
  if (i < 2 || i + 1 >= cps.size()) return kNoChar;
  const char32_t prev = cps[i - 1], before = cps[i - 2];
  if (!is_han(prev) || !is_han(before) || word_pair(before, prev) || !is_han(cps[i + 1])) return kNoChar;
  const std::uint16_t code = m.re->code(prev);
  if (code < 0x8100 || (code & 0xFF) < 0x81) return kNoChar;
  const unsigned b0 = code >> 8, b1 = code & 0xFF;
  const char32_t d = (*m.fwd)[b1 << 8 | cps[i]];
  if (d == kNoChar || !is_han(d)) return kNoChar;
  x = kNoChar;
  auto fits = [&](char32_t k) {
    if (k == kNoChar || !is_han(k) || !word_pair(before, k) || !word_pair(k, d)) return;
    x = x == kNoChar || x == k ? k : kFffd;
  };
  for (unsigned t = 0x40; t <= 0xFE; ++t) fits((*m.fwd)[b0 << 8 | t]);  // X = b0 + a lost trail
  for (unsigned l = 0x81; l <= 0xFE; ++l) fits((*m.fwd)[l << 8 | b0]);  // X = a lost lead + b0
  return x == kNoChar ? kNoChar : d;
}

// A lone letter's candidate at i: "lead byte lost", confidence 0.75; after
// is the caller's to fill. `kana`: Shift_JIS's (no Big5 page needed).
candidate lone_candidate(const codec_model& m, std::size_t i, bool kana) {
  candidate cand;
  cand.first = i;
  cand.last = i + 1;
  cand.gain = kMargin;
  cand.label = m.label;
  cand.lone_kind = 1;
  cand.events = 1;
  cand.confidence = 0.75;
  cand.lone = true;
  cand.kana = kana;
  return cand;
}

// Shift_JIS: a lone byte 0x40-0x7E is the trail of a katakana (lead 0x83)
// where it stands between two katakana (not a bracket, '@' or '|'), or is
// a small letter before a small kana or the prolonged sound mark, which
// start no word (`\u30e1j\u30e5\u30fc`: \u30cb = 83 6A; `t\u30a1\u30a4\u30eb`: \u30d5 =
// 83 74). Without a window's other evidence (kLoneKatakana): Debian's
// Japanese man pages and catalogs have none of these (tools/lone_letters_check.py).
void search_lone_katakana(const codec_model& m, const std::u32string& cps, std::vector<candidate>& out) {
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = cps[i];
    // One half-width katakana after a space and before a kanji: a kanji's
    // trail byte A1-DF whose lead was lost (` \uff73\u7e2e`: \u5727 = 88 B3).
    // Or one (not the middle dot, which separates words:
    // `\u30f4\u30a1\uff65\u30a8\u30b9`) between two wide characters, not both
    // katakana, neither rare (inside a run of garble it is the window's):
    // a hiragana's or kanji's trail byte whose lead was lost
    // (`\u3088\uff64\u306a`: \u3046 = 82 A4). The character is unknown
    // (U+FFFD). None in Debian's Japanese pages (lone_letters_check).
    if (c >= 0xFF61 && c <= 0xFF9F) {
      const char32_t prev = i > 0 ? cps[i - 1] : '\n', next = i + 1 < n ? cps[i + 1] : 0;
      const bool after_space = (prev == ' ' || prev == '\n' || prev == '\t') && is_han(next);
      const bool between = c != 0xFF65 && is_japanese_wide(prev) && is_japanese_wide(next) &&
                           !(is_katakana(prev) && is_katakana(next)) && m.char_cost(prev) < kRareCost &&
                           m.char_cost(next) < kRareCost;
      if (after_space || between) {
        candidate cand = lone_candidate(m, i, true);
        cand.after.push_back(kFffd);
        cand.lone_kind = 2;
        cand.confidence = 0.5;
        out.push_back(std::move(cand));
      }
      continue;
    }
    if (c < 0x40 || c > 0x7E || lone_sides(cps, i) == 0) continue;
    if (c == '@' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|') continue;
    const char32_t k = (*m.fwd)[0x8300 | c];
    if (k == kNoChar || !is_katakana(k) || k == 0x30FC) continue;
    const char32_t prev = i > 0 ? cps[i - 1] : ' ', next = i + 1 < n ? cps[i + 1] : ' ';
    const bool between = is_katakana(prev) && is_katakana(next);
    const bool before_small = c >= 'a' && c <= 'z' && is_word_internal_kana(next);
    // a symbol (not a backquote) ending a katakana word before hiragana, or
    // starting one after a space (`\u30ed\u30fc_\u3068`: \u30c0 = 83 5F; ` \\\u30b1\u30c3\u30c8`:
    // \u30bd = 83 5C); none in Debian's Japanese pages either
    const bool symbol = !is_ascii_alnum(c) && c != '`';
    const bool word_end = symbol && is_katakana(prev) && next >= 0x3041 && next <= 0x309F;
    const bool word_start = symbol && (prev == ' ' || prev == '\n' || prev == '\t') && is_katakana(next);
    // a letter or symbol before a katakana run, where its katakana and the
    // run make a word of the dictionary and the run alone makes none
    // (`t\u30e9\u30b0`: \u30d5 = 83 74, \u30d5\u30e9\u30b0; `X\u30b5\u30fc\u30d0`
    // stays: \u30b9\u30b5\u30fc\u30d0 is no word), not after a letter, digit or
    // the characters of paths and options (`\\-f\u30d5\u30e9\u30b0`), nor a '?'
    // (search_question_trail's: `?P\u30fc\u30d7` is \u30b1 with its lead replaced)
    bool word_head = false;
    if (!between && !before_small && !word_end && !word_start && is_katakana(next) &&
        !(prev < 0x80 && (is_ascii_alnum(prev) || prev == '\\' || prev == '-' || prev == '%' || prev == '.' ||
                          prev == '/' || prev == '_' || prev == '?'))) {
      std::size_t j = i + 1;
      while (j < n && j - i <= 16 && is_katakana(cps[j])) ++j;
      if (j - i >= 3) {
        std::u32string word(1, k);
        word.append(cps, i + 1, j - i - 1);
        word_head = ja_katakana_word(word) && !ja_katakana_word(std::u32string_view(word).substr(1));
      }
    }
    if (!between && !before_small && !word_end && !word_start && !word_head) continue;
    candidate cand = lone_candidate(m, i, true);
    cand.after.push_back(k);
    out.push_back(std::move(cand));
  }
}

// '?' at cps[at], an ASCII byte after it: some code of m with that byte
// as its trail makes a common two-character word with the character after
// the byte or the one before the '?' (\u522a\u9664 for `?R\u9664`).
bool question_word(const codec_model& m, const std::u32string& cps, std::size_t at) {
  if (at + 2 >= cps.size()) return false;
  const char32_t x = cps[at + 1], next = cps[at + 2], prev = at > 0 ? cps[at - 1] : 0;
  if (is_han(next))
    for (const han_word& w : han_words_ending(next))
      if (w.freq >= kCommonWord && has_trail(m, w.other, x)) return true;
  if (is_han(prev))
    for (const han_word& w : han_words_starting(prev))
      if (w.freq >= kCommonWord && has_trail(m, w.other, x)) return true;
  return false;
}

// A '?' that stands for a lead byte the decoder could not map, its trail
// byte 0x40-0x7E after it (or, in Shift_JIS, a trail A1-DF, a half-width
// katakana): the decoder was back in step at once, so nothing else shows
// (Big5 `\u5247\u4e0d?R\u9664`: \u522a = A7 52; `ler ?s\u5beb`: \u7de8 = BD 73;
// Shift_JIS `\u306b?\uff82\u3044`: \u3064 = 82 C2). Where a wide character
// or a space stands before the '?' and a wide character after the trail,
// the two are one character, unknown: U+FFFD. Not a capital after a wide
// character in width-folded text (there '?' is a folded U+FF1F, seed 004,
// and the capital starts a sentence). In
// Chinese text a capital after a question starts a word (`\u55ce?A\u80a1`,
// A shares): some code with that trail byte must make a common word with
// a neighbour (\u522a\u9664 for `?R\u9664`); a small letter or a symbol
// there is no word's. Debian's Chinese and Japanese
// catalogs and man pages have no '?' before a trail byte (tools/
// lone_letters_check.py).
void search_question_trail(const codec_model& m, const std::u32string& cps, bool folded,
                           std::vector<candidate>& out) {
  const bool japanese = m.enc == encoding::cp932;
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i + 2 < n; ++i) {
    if (cps[i] != '?') continue;
    const char32_t x = cps[i + 1], prev = i > 0 ? cps[i - 1] : ' ', next = cps[i + 2];
    const bool trail = (x >= 0x40 && x <= 0x7E) || (japanese && x >= 0xFF61 && x <= 0xFF9F);
    if (!trail || !is_wide(next)) continue;
    const bool capital = x >= 'A' && x <= 'Z';
    if (is_wide(prev) ? folded && capital : (prev != ' ' && prev != '\n' && prev != '\t')) continue;
    if (!japanese && capital && !question_word(m, cps, i)) continue;
    candidate cand = lone_candidate(m, i, true);
    cand.last = i + 2;
    cand.after.push_back(kFffd);
    cand.lone_kind = 4;
    cand.confidence = 0.5;
    out.push_back(std::move(cand));
  }
}

// Shift_JIS text takes the orphan evidence too, with the Chinese words of
// the dictionary (kanji compounds Japanese shares: `\u3067\u8a18q\u3055\u308c`, \u8ff0 =
// 8F 71, \u8a18\u8ff0), kana counting as a quiet side (Debian's Japanese man
// pages and catalogs: none of their 50 lone letters beside a kanji taken,
// tools/lone_letters_check.py).
void search_lone_trail(const codec_model& m, const std::u32string& cps, bool folded,
                       const std::vector<std::uint8_t>& closers, std::vector<candidate>& out) {
  const bool japanese = m.enc == encoding::cp932;
  if (japanese) search_lone_katakana(m, cps, out);
  if (m.family != lang_family::chinese && !japanese) return;
  search_question_trail(m, cps, folded, out);
  auto quiet = [&](char32_t x) { return quiet_side(x) || (japanese && x >= 0x3041 && x <= 0x30FF); };
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = cps[i];
    // letters, and a ']' or '}' that closes no bracket on its line (Big5
    // `\u5929}\u59cb`: \u958b = B6 7D)
    if (c < 0x40 || c > 0x7E) continue;
    if (!is_ascii_alnum(c) && !((c == ']' || c == '}') && !closers[i])) continue;
    const char32_t prev = i > 0 ? cps[i - 1] : 0, next = i + 1 < n ? cps[i + 1] : 0;
    const bool hp = is_han(prev), hn = is_han(next);
    const bool bracket_head = !is_ascii_alnum(c) && hn && prev == '(';  // `(]\u5141\u8a31`, below
    if (!(hp && hn) && !(hp && quiet(next)) && !(hn && quiet(prev)) && !bracket_head) continue;
    const bool both_ok =
        !japanese && hp && hn && std::min(m.char_cost(prev), m.char_cost(next)) >= kLoneNeighbourCost;
    const char32_t far_prev = i > 1 ? cps[i - 2] : 0, far_next = i + 2 < n ? cps[i + 2] : 0;
    char32_t best = kNoChar, found = kNoChar;  // found: the orphan evidence's code
    int best_n = 0, ties = 0, orphans = 0;
    if (both_ok)
      for (unsigned l = 0x81; l <= 0xFE; ++l) {
        const char32_t cp = (*m.fwd)[l << 8 | c];
        if (cp == kNoChar || !is_han(cp)) continue;
        const int k = word_pair(prev, cp) + word_pair(cp, next);
        if (k > best_n) best = cp, best_n = k, ties = 0;
        else if (k != 0 && k == best_n && cp != best) ++ties;
      }
    // the orphan evidence (orphan_word), from the words a neighbour starts
    // or ends: the codes with trail byte c among them
    auto consider = [&](std::span<const han_word> words, char32_t nb) {
      const std::uint64_t alone = han_word_frequency(nb);
      for (const han_word& w : words) {
        if (!common_against(w.freq, alone) || !has_trail(m, w.other, c)) continue;
        if (orphans == 0) found = w.other, orphans = 1;
        else if (w.other != found) orphans = 2;
      }
    };
    if (hp && orphan(prev, far_prev, true)) consider(han_words_starting(prev), prev);
    if (hn && orphan(next, far_next, false)) consider(han_words_ending(next), next);
    // Japanese: the two-kanji words of ja_words.hpp, any code of trail c
    // (`\u691co\u3057\u305f`: \u51fa = 8F 6F, \u691c\u51fa; `\u306bo\u529b`: \u51fa\u529b),
    // the neighbour in no word (Chinese or Japanese) with its other side
    if (japanese) {
      auto consider_ja = [&](char32_t nb, char32_t far, bool left) {
        if (!orphan(nb, far, left) || (left ? ja_kanji_word(far, nb) : ja_kanji_word(nb, far))) return;
        for (unsigned l = 0x81; l <= 0xFC; ++l) {
          const char32_t k = (*m.fwd)[l << 8 | c];
          if (k == kNoChar || !(left ? ja_kanji_word(nb, k) : ja_kanji_word(k, nb))) continue;
          if (orphans == 0) found = k, orphans = 1;
          else if (k != found) orphans = 2;
        }
      };
      if (hp) consider_ja(prev, far_prev, true);
      if (hn) consider_ja(next, far_next, false);
    }
    candidate cand = lone_candidate(m, i, japanese);
    if (orphans == 1) {
      cand.after.push_back(found);
    } else if (orphans > 1) {  // a lost byte, but which character is open
      cand.after.push_back(kFffd);
      cand.lone_kind = 2;
      cand.confidence = 0.5;
    } else if (best_n >= 2) {
      if (ties == 0) cand.after.push_back(best);  // else a veto (see repair_misalignment)
    } else if (char32_t x = kNoChar, y = japanese ? kNoChar : lost_between(m, cps, i, x); y != kNoChar) {
      cand.first = i - 1;  // the character before lost a byte; the word says which it was
      cand.after = {x, y};
      cand.lone_kind = 3;
      cand.gain = kLostBetweenGain;
      cand.kana = true;  // (two word pairs: no Big5 page needed)
      if (x == kFffd) cand.confidence = 0.5;
    } else if (const char32_t d = japanese ? kNoChar : lost_byte_reading(m, cps, i); d != kNoChar) {
      cand.first = i - 1;  // the character before: a byte of it was lost
      cand.after = {kFffd, d};
      cand.lone_kind = 3;
    } else if (!is_ascii_alnum(c) && hn && (prev == 0 || prev == ' ' || prev == '\t' || prev == '\n' || prev == '(')) {
      // a ']' or '}' that closes nothing, after a space or '(' and before
      // Han: a trail byte, the character unknown (Big5 `(]\u5141\u8a31`: \u4e5f =
      // A4 5D; `1), ]\u63cf\u8ff0`: \uff08 = A1 5D). None in Debian's Chinese
      // and Japanese pages (they close brackets, or sit between Han).
      cand.after.push_back(kFffd);
      cand.lone_kind = 2;
      cand.confidence = 0.5;
    } else {
      continue;
    }
    out.push_back(std::move(cand));
  }
}

// Per character: 1 where a ']' or '}' closes a bracket opened before it
// on its line (brackets nest; each kind counts its own). One pass: a
// closer's test costs nothing (a walk back per closer was quadratic on a
// line of them).
std::vector<std::uint8_t> bracket_closers(const std::u32string& cps) {
  std::vector<std::uint8_t> closes(cps.size(), 0);
  std::size_t square = 0, curly = 0;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    switch (cps[k]) {
      case '\n': square = curly = 0; break;
      case '[': ++square; break;
      case '{': ++curly; break;
      case ']':
        if (square > 0) closes[k] = 1, --square;
        break;
      case '}':
        if (curly > 0) closes[k] = 1, --curly;
        break;
      default: break;
    }
  }
  return closes;
}

}  // namespace


stage_output repair_misalignment(std::string_view text, const fix_options& options) {
  stage_output result;
  // Quick exit: no double-byte text at all (ASCII or Latin text).
  bool wide = false;
  for (unsigned char ch : text)
    if (ch >= 0xE2) {
      wide = true;
      break;
    }
  if (!wide) return result;
  const std::u32string cps = code_points(text);
  const bool folded = shows_width_fold(cps);
  const language_gate gate = gate_for(cps);
  const std::vector<std::uint8_t> closers = bracket_closers(cps);
  std::vector<candidate> cands, lone;
  bool big5_page = false;
  for (const codec_model& m : models().models)
    if (gate.allows(m.family) && page_fits(m, cps)) {
      // Traditional text only: every wide character is one Big5 encodes
      // (Simplified text never puts a common character on a code whose
      // trail byte is ASCII; `\u5e73\u53f0X\u4e0a`, X the site, stays)
      if (m.enc == encoding::big5_hkscs)
        big5_page = std::all_of(cps.begin(), cps.end(), [&](char32_t c) {
          return !is_wide(c) || (c >= 0xE000 && c <= 0xF8FF) || m.re->can(c);
        });
      search_model(m, cps, folded, options, cands);
      search_lone_trail(m, cps, folded, closers, lone);
    }
  // A lone letter's character comes back only where every encoding that
  // proposes one proposes the same; where two propose different ones
  // (Big5 reads `\u96fb\u5b50l\u4ef6` as \u90f5\u4ef6, GBK as \u689d\u4ef6) the
  // letter is a lost byte still, the character unknown: U+FFFD. A veto
  // (a tie) in any encoding: no repair.
  // Grouped by the letter (each candidate ends with it); a lost lead in one
  // encoding and a lost trail in another: no repair.
  std::stable_sort(lone.begin(), lone.end(), [](const candidate& a, const candidate& b) { return a.last < b.last; });
  cands.reserve(cands.size() + lone.size());
  for (std::size_t k = 0; k < lone.size();) {
    std::size_t e = k + 1;
    bool agree = true, veto = lone[k].after.empty();
    for (; e < lone.size() && lone[e].last == lone[k].last; ++e) {
      agree &= lone[e].after == lone[k].after;
      veto |= lone[e].after.empty() || lone[e].first != lone[k].first;
    }
    if (!veto && (big5_page || lone[k].kana)) {
      if (!agree) {
        lone[k].after.assign(1, kFffd);
        lone[k].label = {};
        lone[k].lone_kind = 2;
        lone[k].confidence = 0.5;
      }
      cands.push_back(std::move(lone[k]));
    }
    k = e;
  }
  lone = std::vector<candidate>();  // (moved from)
  if (cands.empty()) return result;
  // Highest gain first; an overlap loses. The chosen ones are kept in a map
  // by first character: O(k log k).
  std::sort(cands.begin(), cands.end(), [](const candidate& a, const candidate& b) {
    if (a.gain != b.gain) return a.gain > b.gain;
    return a.first < b.first;
  });
  // A misaligned run sits in CJK prose: a line where ASCII letters
  // outnumber CJK characters (a French sentence with a word of garble, a
  // path with one Han character) is the mojibake fixer's, or nobody's --
  // unless the stretch holds a U+FFFD, which a decoder out of step left
  // there: a byte of the run it explains (`shell ?\ufffd\u6236\u7aef`, a
  // Latin line's one CJK word, Big5 \u5ba2 = AB C8 with its lead replaced).
  // The text is damaged already and the repair keeps the mark. (Not for an
  // inserted UTF-8 sequence: in a Latin line that is UTF-8 read as a
  // double-byte code, the mojibake fixer's to undo.) A lone letter's
  // repair stands on its own word evidence, in any line (`Niels Moller
  // s\u5beb\u3002`: \u7de8\u5beb).
  auto cjk_line = [&](std::size_t at) {
    std::size_t b = at, e = at;
    while (b > 0 && cps[b - 1] != '\n' && at - b < 4096) --b;
    while (e < cps.size() && cps[e] != '\n' && e - at < 4096) ++e;
    std::size_t cjk = 0, latin = 0;
    for (std::size_t k = b; k < e; ++k) {
      const char32_t cp = cps[k];
      if (cp < 0x80) latin += ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
      else if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
               (cp >= 0xAC00 && cp <= 0xD7A3) || cp >= 0x20000)
        ++cjk;
    }
    return cjk * 6 >= latin;
  };
  // The chosen ones: a mark per character they cover (an overlap test
  // walks the candidate's own characters: linear in what the candidates
  // cover), then sorted by first character. Candidates are moved, not
  // copied (text with a repair every few characters makes millions).
  std::vector<std::uint8_t> taken(cps.size(), 0);
  std::vector<candidate> chosen;
  for (candidate& c : cands) {
    const bool has_fffd = std::find(cps.begin() + static_cast<std::ptrdiff_t>(c.first),
                                    cps.begin() + static_cast<std::ptrdiff_t>(c.last), kFffd) !=
                          cps.begin() + static_cast<std::ptrdiff_t>(c.last);
    if (!(has_fffd && (c.events & 32) == 0) && !c.lone && !cjk_line(c.first)) continue;
    // A ']' or '}' that closes a bracket opened earlier on its line is
    // syntax, not a trail byte (tcsh(1) in Japanese: `[... \u30d0\u30ec\u3061\u3083\u3063
    // \u305f?])`, Shift_JIS would read `?]` as a lead byte replaced by '?').
    bool closes = false;
    for (std::size_t k = c.first; k < c.last && !closes; ++k)
      closes = closers[k] != 0;
    if (closes) continue;
    if (std::find(taken.begin() + static_cast<std::ptrdiff_t>(c.first),
                  taken.begin() + static_cast<std::ptrdiff_t>(c.last), 1) !=
        taken.begin() + static_cast<std::ptrdiff_t>(c.last))
      continue;
    std::fill(taken.begin() + static_cast<std::ptrdiff_t>(c.first), taken.begin() + static_cast<std::ptrdiff_t>(c.last),
              1);
    chosen.push_back(std::move(c));
  }
  // Byte offsets of the chosen stretches: one walk (they are in order).
  std::size_t at_char = 0, at_byte = 0;
  auto byte_of = [&](std::size_t ch) {
    for (; at_char < ch; ++at_char) at_byte += utf8_length(static_cast<unsigned char>(text[at_byte]));
    return at_byte;
  };
  cands = std::vector<candidate>();  // (moved from)
  taken = std::vector<std::uint8_t>();
  std::sort(chosen.begin(), chosen.end(), [](const candidate& a, const candidate& b) { return a.first < b.first; });
  result.edits.reserve(chosen.size());
  for (const candidate& c : chosen) {
    stage_edit e;
    e.begin = byte_of(c.first);
    e.end = byte_of(c.last);
    for (char32_t cp : c.after) {
      if (cp < 0x80) {
        e.after.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        e.after.push_back(static_cast<char>(0xC0 | cp >> 6));
        e.after.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        e.after.push_back(static_cast<char>(0xE0 | cp >> 12));
        e.after.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
        e.after.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        e.after.push_back(static_cast<char>(0xF0 | cp >> 18));
        e.after.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
        e.after.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
        e.after.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    }
    e.action = "realign";
    e.parameter = c.lone ? c.describe_lone() : c.parameter;
    e.confidence = c.confidence;
    result.edits.push_back(std::move(e));
  }
  return result;
}

}  // namespace norm::detail
