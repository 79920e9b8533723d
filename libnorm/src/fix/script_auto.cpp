// The script fixer's automatic mode (--script=auto) and the script profile.
//
// Every Han character has a class from OpenCC's own dictionaries
// (tools/gen_script_classes.py -> libnorm/data/script_classes.inc):
// Simplified-only (S-form), Traditional with a different Simplified form
// (T-form; with its Taiwan / Hong Kong variant forms), one-to-many (valid in
// both: \u540e, \u4e8e, \u91cc, \u53f0), or shared.
//
// Segments. Each line is scored by its S-form and T-form characters; a
// two-state Viterbi pass over the lines (Traditional / Simplified) with a
// switching cost finds the segments: a bilingual document (a Simplified
// paragraph and a Traditional quotation) gets one segment per script, while
// a line dense with strays stays in its document's script. The stray rate
// the emissions use is estimated from the document itself (two passes, with
// a prior), separately for the document's script and for its quotations
// (clean text as a rule: at most 2 %), so a document full of converter
// leftovers needs a longer run of the other script before it switches, and
// a short line next to a quotation is not taken into it for one stray (a
// line joins a quotation with three marked characters of its own at least,
// and none of the document's script). The
// document's script is the one whose segmentation costs less. Which S-forms
// a line holds counts too: a converter's leftovers are the 69 S-forms with
// several Traditional forms (\u4e2a \u53d1 \u5e76), a Simplified quotation has all kinds;
// and so does a short line's vocabulary (OpenCC's Taiwan phrases: \u6a94\u6848 vs
// \u6587\u4ef6). A segment whose minority (leftover S-forms aside) is more than two
// in five of its marked characters has no clear script: it is left alone
// and reported ("script-mixed"). Kana mark Japanese: such lines (and
// documents with kana in 1/5 of their CJK) are never touched.
//
// Repair converts only the strays, with phrase context: the line is run
// through the phrase-aware converter toward its segment's script (t2s, or
// t2s then s2tw / s2hk / s2t by the region the document's forms show:
// fix/script_convert.hpp) and a change is taken only at a stray's position:
//  * in Traditional text, an S-form character (\u5e76, \u6ca1) always;
//  * a one-to-many character (\u540e -> \u5f8c, \u4e8e -> \u65bc, \u91cc -> \u88e1, \u5236 -> \u88fd) only
//    where the converter changes it in context and its own form is not
//    about as common in Traditional text (zh-hant character costs): with
//    converter leftovers in the document (an S-form stray in a Traditional
//    segment) a small margin, and phrase-only changes (\u5236, \u5347, \u53ea) too;
//    without, only the clear ones (\u540e, \u4e8e, \u4e48 by default; inside one of
//    OpenCC's phrases also \u51c6, \u91c7: \u6807\u51c6 -> \u6a19\u6e96), and a document's single
//    change by a character's default alone only when very clear (\u540e -> \u5f8c,
//    toward one of the most common characters; not \u5df4\u5398);
//    such a change is evidence of leftovers, and the document is then
//    read as one with S-form leftovers -- clean Taiwan text keeps its \u516c\u91cc,
//    \u5e72\u6d89, \u5e03\u666f, \u7cfb\u7d71; never \u4e86 or \u53f0 (their own forms are standard
//    Traditional: the converter's \u4e86\u89e3 -> \u77ad\u89e3, \u53f0\u7063 -> \u81fa\u7063 are its
//    opinion, not a repair), nor a phrase that Traditional text writes with
//    the own form too (script_own_forms.inc: \u5e03\u666f, \u6e38\u6a19, \u7cfb\u6578);
//  * in Simplified text, a T-form character (\u6c92 -> \u6ca1) always, and in a line
//    with one, a character of both scripts that t2s changes in context
//    (\u77ad\u89e3 -> \u4e86\u89e3, while \u77ad\u671b stays).
// The region is that of the Traditional-only forms the text writes (\u53f0, Hong
// Kong's form of \u81fa, is as common in Taiwan text and counts for neither).
// A conversion with regional variants follows the document's own forms
// (\u70ba where the text writes \u70ba, \u88cf where it writes \u88cf), else the configuration
// (Hong Kong's where the text writes OpenCC's standard forms Taiwan writes
// otherwise but Hong Kong does not).
// Characters valid in the segment's script and region are never touched:
// Taiwan's \u7fa4 \u70ba and OpenCC's standard \u7fa3 \u7232 alike (OpenCC over the whole
// text would turn \u8b49\u660e\u4e86 into \u8b49\u660e\u77ad).
//
// Figures (tests/corpus/script_corpus_test.cpp, corpora/script/mixed.tsv):
// see the table that test prints.
//
// Cost: one table lookup per character for the counts; a second pass
// storing the lines that matter only when the document has T-form
// characters; the converter only on lines that hold a stray candidate, and
// (vocabulary) on the short lines of documents with both scripts
// (bench/script_auto_bench.cpp).
#include "fix/script_auto.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/tables.hpp"
#include "fix/han_words.hpp"
#include "fix/script_convert.hpp"

namespace norm::detail {
namespace {

#include "script_classes.inc"
#include "script_own_forms.inc"

enum : std::uint8_t {
  kSimp = 1,
  kAmbig = 2,
  kTrad = 4,
  kTw = 8,
  kHk = 16,
  kStdNotTw = 32,
  kStdNotHk = 64,
  kAmbigSelf = 128,  // one-to-many, its own form the default (\u5236: \u88fd by phrase)
};

constexpr char32_t kDenseBegin = 0x3400, kDenseEnd = 0xA000;

struct class_table {
  std::vector<std::uint8_t> dense;  // kDenseBegin..kDenseEnd
  std::vector<std::pair<char32_t, std::uint8_t>> sparse;
  std::uint8_t get(char32_t cp) const {
    if (cp >= kDenseBegin && cp < kDenseEnd) return dense[cp - kDenseBegin];
    if (cp < 0x20000 && !(cp >= 0xF900 && cp < 0xFB00)) return 0;
    auto it = std::lower_bound(sparse.begin(), sparse.end(), std::make_pair(cp, std::uint8_t{0}));
    return it != sparse.end() && it->first == cp ? it->second : 0;
  }
};

const class_table& classes() {
  static const class_table t = [] {
    class_table c;
    c.dense.assign(kDenseEnd - kDenseBegin, 0);
    for (std::uint32_t i = 0; i < kScriptClassCount; ++i) {
      const char32_t cp = kScriptClasses[i] >> 8;
      const auto bits = static_cast<std::uint8_t>(kScriptClasses[i] & 0xFF);
      if (cp >= kDenseBegin && cp < kDenseEnd) c.dense[cp - kDenseBegin] = bits;
      else c.sparse.emplace_back(cp, bits);
    }
    std::sort(c.sparse.begin(), c.sparse.end());
    return c;
  }();
  return t;
}

constexpr char32_t kYao = 0x4E48;  // \u4e48: a TW variant form, and seed 004's leftover
constexpr char32_t kLiao = 0x4E86, kTai = 0x53F0;

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}
// The same kana as the whole-text converter (script_convert.cpp): not
// U+30FB / U+30FC, which Chinese text uses too.
bool is_kana(char32_t cp) {
  return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FA) ||
         (cp >= 0x30FD && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
         (cp >= 0xFF66 && cp <= 0xFF6F) || (cp >= 0xFF71 && cp <= 0xFF9D);
}

// One code point of valid UTF-8 (the pipeline validated it) at p[i].
inline char32_t decode_at(const unsigned char* p, std::size_t i, std::size_t& len) {
  const unsigned char c = p[i];
  if (c < 0x80) { len = 1; return c; }
  if (c < 0xE0) { len = 2; return (c & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu); }
  if (c < 0xF0) { len = 3; return (c & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu); }
  len = 4;
  return (c & 0x07u) << 18 | (p[i + 1] & 0x3Fu) << 12 | (p[i + 2] & 0x3Fu) << 6 | (p[i + 3] & 0x3Fu);
}

// Code points of s and the byte offset of each, plus the end.
void decode(std::string_view s, std::u32string& cps, std::vector<std::uint32_t>& offs) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  cps.clear();
  offs.clear();
  for (std::size_t i = 0; i < s.size();) {
    offs.push_back(static_cast<std::uint32_t>(i));
    std::size_t len = 1;
    cps.push_back(decode_at(p, i, len));
    i += len;
  }
  offs.push_back(static_cast<std::uint32_t>(s.size()));
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// How common a character is in Traditional text (half-bits, the zh-hant
// character model of the detector; lower is more common).
int hant_cost(char32_t cp) {
  static const ideo_costs* model = [] {
    for (const ideo_costs& ic : tables().ideo)
      if (ic.model != nullptr && ic.model->name == "zh-hant") return &ic;
    return static_cast<const ideo_costs*>(nullptr);
  }();
  return model != nullptr ? model->cost(cp) : 0;
}

// The cost of a Traditional form whatever region writes it: the zh-hant
// model learned mostly Taiwan text, where Hong Kong's and OpenCC's standard
// \u88cf is rare (35 half-bits) but the same word's \u88e1 common (20). A form with
// region variants (TWVariants / HKVariants) costs its cheapest variant's.
int region_cost(char32_t cp, char32_t own);

// A one-to-many character whose own form is common in Traditional text
// too (\u6e38 in \u6e38\u6a19, \u6258, \u5e03) stays unless its converted form is clearly more
// common there (\u540e -> \u5f8c, \u4e8e -> \u65bc, \u91c7 -> \u63a1: 4 half-bits at least).
constexpr int kOwnFormMargin = 4;
// A character whose own form is the converter's default (\u53ea, \u5f69, \u5236) changes
// only by a phrase; OpenCC's longest match makes some of them up across
// words (\u6216\u662f\u53ea\u662f -> \u6216\u662f\u96bb\u662f: script_own_forms.inc keeps those that
// Traditional text writes with the own form). Such a change is refused when
// the new form is much rarer in Traditional text than the old (10
// half-bits: \u7e6b 30 vs \u7cfb 20, \u7db5 39 vs \u5f69 27), not for \u88fd, \u8a8c, \u6372, \u8a3b,
// \u6607 (\u5347\u967d -> \u6607\u967d), \u96bb (\u4e00\u53ea -> \u4e00\u96bb). In a document with dense
// leftovers no margin applies inside a phrase: the converter left its
// one-to-many defaults there too, and OpenCC's phrase is the evidence
// (seed 004's \u806f\u7cfb -> \u806f\u7e6b, \u5e72\u6d3b -> \u5e79\u6d3b, \u6e38\u6232 -> \u904a\u6232; the
// corpus's \u7279\u5f81 -> \u7279\u5fb5, \u7cbe\u81f4 -> \u7cbe\u7dfb; a phrase Traditional text
// writes with the own form, script_own_forms.inc, still stays).
constexpr int kPhraseMargin = 10;
// Without converter leftovers in the document (no S-form stray), a
// one-to-many character changes only where its conversion is far more
// common (11 half-bits: \u540e 29 -> \u5f8c 18, \u4e8e 37 -> \u65bc 18, \u4e48 33 -> \u9ebc 20; not \u91c7 34 -> \u63a1 25,
// \u91cc 24 -> \u88e1 20, \u51c6 29 -> \u6e96 22, \u5e72 28 -> \u5e79 25), and phrase-only
// conversions (\u5e03 -> \u4f48, \u7cfb -> \u4fc2) not at all: clean Taiwan and Hong Kong
// text writes \u5e03\u666f, \u7cfb\u7d71, \u516c\u91cc.
constexpr int kLoneMargin = 11;
// A document's only such change, by the character's default and not inside
// one of OpenCC's phrases, needs more (\u4e8e 37 -> \u65bc 18, \u51e0 38 -> \u5e7e 23; not
// \u5398 43 -> \u91d0 31 in \u5df4\u5398, a transliteration), or kLoneMargin toward one of
// the most common characters of Traditional text (kCommonForm: 20 half-bits,
// a frequency of 1/1024 at least, about the 300 most common; \u540e 29 -> \u5f8c 18
// in \u5b57\u7b26\u540e\u7684, the lone \u540e of Hong Kong text with no other leftover; not \u91d0).
// (Measured on corpora/script/mixed.tsv: a bound of 18 to 23 recovers one
// more leftover-hk document and changes nothing else.)
constexpr int kStrongLoneMargin = 14;
constexpr int kCommonForm = 20;
// Leftovers are dense from one S-form in 300 marked characters: seed 004
// (a news article through a converter) has 7 in 957 (0.73 %), the zh_HK
// country names' one slip 1 in 689 (0.15 %); corpora/script/mixed.tsv gives
// the same figures for any bound from 0.2 % to 0.6 %.
constexpr double kLeftoverRate = 1.0 / 300;

int config_bit(opencc_config c) { return c == opencc_config::s2tw ? 2 : c == opencc_config::s2hk ? 4 : 1; }

// The one-to-many characters whose conversion alone clears kLoneMargin,
// per Traditional configuration (config_bit): the only ones worth a
// converter call in a document without leftovers. 73 characters to look
// at, once.
const std::vector<std::pair<char32_t, std::uint8_t>>& lone_table() {
  static const std::vector<std::pair<char32_t, std::uint8_t>> table = [] {
    std::vector<std::pair<char32_t, std::uint8_t>> v;
    std::u32string c1;
    std::vector<std::uint32_t> o1;
    for (std::uint32_t i = 0; i < kScriptClassCount; ++i) {
      const char32_t cp = kScriptClasses[i] >> 8;
      if (!(kScriptClasses[i] & kAmbig) && cp != kYao) continue;
      std::string one;
      append_utf8(cp, one);
      const std::string simp = convert_text(opencc_config::t2s, one);
      std::uint8_t m = 0;
      for (opencc_config c : {opencc_config::s2t, opencc_config::s2tw, opencc_config::s2hk}) {
        decode(convert_text(c, simp), c1, o1);
        if (c1.size() != 1 || c1[0] == cp) continue;
        if (hant_cost(cp) >= hant_cost(c1[0]) + kLoneMargin) m |= static_cast<std::uint8_t>(config_bit(c));
        if (hant_cost(cp) >= region_cost(c1[0], cp) + kOwnFormMargin)
          m |= static_cast<std::uint8_t>(config_bit(c) << 3);
      }
      if (m != 0) v.emplace_back(cp, m);
    }
    return v;  // sorted: the class table is
  }();
  return table;
}

int region_cost(char32_t cp, char32_t own) {
  // Per form: its variants in Taiwan's and Hong Kong's configurations.
  static const std::vector<std::pair<char32_t, std::array<char32_t, 2>>> table = [] {
    std::vector<std::pair<char32_t, std::array<char32_t, 2>>> v;
    std::u32string c1;
    std::vector<std::uint32_t> o1;
    for (std::uint32_t i = 0; i < kScriptClassCount; ++i) {
      const char32_t c = kScriptClasses[i] >> 8;
      if (!(kScriptClasses[i] & (kTw | kHk | kStdNotTw | kStdNotHk))) continue;
      std::string one;
      append_utf8(c, one);
      std::array<char32_t, 2> vars{c, c};
      int k = 0;
      for (opencc_config cfg : {opencc_config::t2tw, opencc_config::t2hk}) {
        decode(convert_text(cfg, one), c1, o1);
        if (c1.size() == 1) vars[k] = c1[0];
        ++k;
      }
      if (vars[0] != c || vars[1] != c) v.emplace_back(c, vars);
    }
    return v;  // sorted: the class table is
  }();
  int best = hant_cost(cp);
  auto it = std::lower_bound(table.begin(), table.end(), cp,
                             [](const auto& e, char32_t x) { return e.first < x; });
  if (it != table.end() && it->first == cp)
    for (char32_t v : it->second)
      if (v != own) best = std::min(best, hant_cost(v));  // a region writing the own form does not count
  return best;
}

// Characters that transliterate foreign names in Traditional text (\u963f
// \u723e \u4e9e \u5c3c \u65af \u5f17 \u91cc \u862d ...; a hand-picked list of 120, sorted). A
// one-to-many character by its default alone inside a run of three or more
// of them is a name, not a converter's leftover: \u91cc\u862d\u5409\u5c3c and
// \u5317\u5f17\u91cc\u897f\u4e9e\u8a9e keep their \u91cc (\u88e1 would read "inside").
constexpr char32_t kTranslit[] = {
    0x4E39, 0x4E9E, 0x4EA8, 0x4F0A, 0x4F2F, 0x4F69, 0x502B, 0x5091, 0x514B, 0x51F1, 0x5217, 0x5229,
    0x52A0, 0x52D2, 0x52DE, 0x535A, 0x5361, 0x5384, 0x5409, 0x54C8, 0x55AC, 0x5716, 0x574E, 0x5766,
    0x57C3, 0x5854, 0x585E, 0x5947, 0x5967, 0x59C6, 0x5B89, 0x5BC6, 0x5C3C, 0x5CC7, 0x5DF4, 0x5E03, 0x5E0C,
    0x5E15, 0x5E2D, 0x5EAB, 0x5F17, 0x5F7C, 0x5FB7, 0x6069, 0x611B, 0x6234, 0x624E, 0x6258, 0x62C9,
    0x62DC, 0x63D0, 0x6469, 0x6492, 0x65AF, 0x666E, 0x66FC, 0x6717, 0x675C, 0x67EF, 0x683C, 0x6851,
    0x6885, 0x68EE, 0x6B50, 0x6BD4, 0x6C83, 0x6CE2, 0x6CF0, 0x6D1B, 0x6E6F, 0x6EAB, 0x70CF, 0x723E, 0x7279,
    0x73ED, 0x745E, 0x745F, 0x74E6, 0x76AE, 0x798F, 0x79D1, 0x7A46, 0x7C73, 0x7D0D, 0x7D10, 0x7D22,
    0x7DAD, 0x7F85, 0x8036, 0x80AF, 0x827E, 0x82AC, 0x8332, 0x83AB, 0x83F2, 0x840A, 0x8482, 0x8499,
    0x84CB, 0x85A9, 0x862D, 0x897F, 0x8A79, 0x8AFE, 0x8B1D, 0x8C9D, 0x8CBB, 0x8D6B, 0x8F9B, 0x8FEA,
    0x9054, 0x91CC, 0x963F, 0x96C5, 0x96F7, 0x970D, 0x97CB, 0x99AC, 0x9EA5, 0x9ECE};

bool translit(char32_t cp) { return std::binary_search(std::begin(kTranslit), std::end(kTranslit), cp); }

// The length of the run of transliteration characters through cps[k].
std::size_t translit_run(std::u32string_view cps, std::size_t k) {
  if (!translit(cps[k])) return 0;
  std::size_t b = k, e = k + 1;
  while (b > 0 && translit(cps[b - 1])) --b;
  while (e < cps.size() && translit(cps[e])) ++e;
  return e - b;
}

// weak: the conversion clears only kOwnFormMargin (\u51c6 -> \u6e96, \u91c7 -> \u63a1): looked at
// inside OpenCC's phrases only (\u6807\u51c6 -> \u6a19\u6e96).
bool lone_ok(char32_t cp, opencc_config c, bool weak = false) {
  const auto& t = lone_table();
  auto it = std::lower_bound(t.begin(), t.end(), std::make_pair(cp, std::uint8_t{0}));
  return it != t.end() && it->first == cp && (it->second & (config_bit(c) << (weak ? 3 : 0)));
}

// Families of regional forms (\u88cf \u88e1; \u7232 \u70ba; \u7fa3 \u7fa4): a form, its Taiwan and its
// Hong Kong variant (t2tw, t2hk), sorted by code point, with the family's
// number.
struct variant_families {
  std::vector<std::pair<char32_t, std::uint32_t>> member;  // sorted
  std::vector<std::vector<char32_t>> family;
  int find(char32_t cp) const {
    auto it = std::lower_bound(member.begin(), member.end(), std::make_pair(cp, std::uint32_t{0}));
    return it != member.end() && it->first == cp ? static_cast<int>(it - member.begin()) : -1;
  }
};

const variant_families& families() {
  static const variant_families f = [] {
    variant_families v;
    std::vector<std::vector<char32_t>> groups;
    std::u32string c1;
    std::vector<std::uint32_t> o1;
    for (std::uint32_t i = 0; i < kScriptClassCount; ++i) {
      const char32_t c = kScriptClasses[i] >> 8;
      if (!(kScriptClasses[i] & (kStdNotTw | kStdNotHk))) continue;
      std::string one;
      append_utf8(c, one);
      std::vector<char32_t> g{c};
      for (opencc_config cfg : {opencc_config::t2tw, opencc_config::t2hk}) {
        decode(convert_text(cfg, one), c1, o1);
        if (c1.size() == 1 && std::find(g.begin(), g.end(), c1[0]) == g.end()) g.push_back(c1[0]);
      }
      if (g.size() > 1) groups.push_back(std::move(g));
    }
    // Merge groups sharing a member (one pass is enough for OpenCC's tables:
    // a variant is the variant of one standard form).
    std::vector<std::pair<char32_t, std::uint32_t>> all;
    for (const auto& g : groups) {
      std::uint32_t id = static_cast<std::uint32_t>(v.family.size());
      for (char32_t c : g)
        for (const auto& [m, fid] : all)
          if (m == c) id = fid;
      if (id == v.family.size()) v.family.emplace_back();
      for (char32_t c : g)
        if (std::find(v.family[id].begin(), v.family[id].end(), c) == v.family[id].end()) {
          v.family[id].push_back(c);
          all.emplace_back(c, id);
        }
    }
    std::sort(all.begin(), all.end());
    v.member = std::move(all);
    return v;
  }();
  return f;
}

// OpenCC phrases that change a one-to-many character which Traditional text
// writes in its own form there too (tools/gen_script_classes.py ->
// script_own_forms.inc): the Simplified phrase and the character's position.
bool own_form_written(std::u32string_view phrase, std::size_t pos) {
  static const std::vector<std::pair<std::u32string, std::uint32_t>> table = [] {
    std::vector<std::pair<std::u32string, std::uint32_t>> v;
    for (std::uint32_t i = 0; i < std::size(kOwnForms);) {
      const std::uint32_t n = kOwnForms[i], at = kOwnForms[i + 1];
      std::u32string key;
      for (std::uint32_t j = 0; j < n; ++j) key.push_back(static_cast<char32_t>(kOwnForms[i + 2 + j]));
      v.emplace_back(std::move(key), at);
      i += 2 + n;
    }
    std::sort(v.begin(), v.end());
    return v;
  }();
  auto it = std::lower_bound(table.begin(), table.end(), std::make_pair(std::u32string(phrase), std::uint32_t{0}));
  for (; it != table.end() && it->first == phrase; ++it)
    if (it->second == pos) return true;
  return false;
}

bool simp_one_to_many(char32_t cp) {
  return std::binary_search(std::begin(kSimpOneToMany), std::end(kSimpOneToMany), static_cast<std::uint32_t>(cp));
}

enum class script : std::uint8_t { hant, hans, mixed, ja, none };

// A line that matters: one with a marked (S-form or T-form) character or a
// one-to-many one. The others cost nothing in either script and hold no
// stray candidate, so they are not stored.
struct line_info {
  std::size_t begin = 0, end = 0;  // bytes, end before the '\n'
  std::uint32_t t = 0, s = 0;      // T-form and S-form characters
  std::uint32_t s_o2m = 0;         // S-form ones with several Traditional forms (\u4e2a \u53d1 \u5e76)
  bool kana = false;
  bool one_to_many = false;        // a one-to-many character or \u4e48
  std::int8_t vocab = 0;           // +1: Taiwan's words (\u6a94\u6848 \u4f7f\u7528\u8005), -1: the mainland's (\u6587\u4ef6 \u7528\u6237)
  script state = script::none;     // the segment's script
};

struct doc_counts {
  std::uint64_t han = 0, simp = 0, trad = 0, tw = 0, hk = 0, shared = 0, kana = 0;
  std::uint64_t std_not_tw = 0, std_not_hk = 0;  // OpenCC standard forms a region writes otherwise
};

struct stray {
  std::size_t begin, end;  // bytes
  char32_t from;
  char32_t to;             // suggestion (0: none)
};

struct segment {
  std::size_t first_line = 0, last_line = 0;  // inclusive
  script state = script::none;
  std::uint64_t own = 0, other = 0;
  bool mixed = false;
};

struct analysis {
  doc_counts doc;
  script dominant = script::none;
  std::string dominant_name = "none";
  opencc_config trad_cfg = opencc_config::s2tw;
  std::vector<std::pair<std::size_t, std::size_t>> mixed_spans;  // bytes
  std::vector<stray> strays;
  std::vector<opencc_config> stray_cfg;  // per stray
  std::vector<script> stray_script;      // per stray
};

// One table lookup per character: the document's counts, and (kLines)
// the lines that matter.
// lone: the document has no S-form character (no segments to find); a
// line matters only for its one-to-many characters where lone_ok(cp, cfg).
template <bool kLines>
void scan(std::string_view text, doc_counts& doc, std::vector<line_info>* lines, bool lone = false,
          opencc_config cfg = opencc_config::s2tw) {
  const class_table& t = classes();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  line_info cur;
  const auto flush = [&](std::size_t end) {
    if constexpr (kLines) {
      if ((cur.t + cur.s > 0 && !lone) || cur.one_to_many) {
        cur.end = end;
        lines->push_back(cur);
      }
      cur = line_info{};
      cur.begin = end + 1;
    }
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == '\n') flush(i);
      ++i;
      continue;
    }
    std::size_t len = 1;
    const char32_t cp = decode_at(p, i, len);
    i += len;
    if (len < 3) continue;
    if (is_kana(cp)) {
      cur.kana = true;
      ++doc.kana;
      continue;
    }
    if (!is_han(cp)) continue;
    const std::uint8_t b = t.get(cp);
    ++doc.han;
    if (b & kSimp) {
      ++cur.s;
      if constexpr (kLines) cur.s_o2m += simp_one_to_many(cp);
      ++doc.simp;
    } else if (b & kTrad) {
      ++cur.t;
      ++doc.trad;
    } else {
      ++doc.shared;
    }
    // A region's forms count when they are Traditional-only: \u53f0, Hong
    // Kong's form of \u81fa, is as common in Taiwan text (and Simplified).
    if ((b & kTw) && !(b & (kHk | kAmbig))) ++doc.tw;
    if ((b & kHk) && !(b & (kTw | kAmbig))) ++doc.hk;
    // OpenCC's standard forms count only when they are Traditional-only
    // (\u7232, not \u6237, which is also the Simplified form).
    doc.std_not_tw += (b & kStdNotTw) && (b & kTrad);
    doc.std_not_hk += (b & kStdNotHk) && (b & kTrad);
    if constexpr (kLines) {
      if (lone ? ((b & kAmbig) || cp == kYao) && lone_ok(cp, cfg, true) : (b & (kAmbig | kAmbigSelf)) || cp == kYao)
        cur.one_to_many = true;
    }
  }
  flush(text.size());
}

// The converter toward a Traditional region: Hong Kong forms when the text
// uses them more than Taiwan's and OpenCC's standard ones; OpenCC's standard
// (\u7232, \u88cf) when those outnumber Taiwan's; else Taiwan's (\u70ba, \u88e1), the most
// common on the web.
opencc_config trad_config(const doc_counts& d) {
  if (d.hk > d.tw && d.hk > d.std_not_hk) return opencc_config::s2hk;
  // Not Taiwan's forms: Hong Kong's, unless the text writes standard
  // forms Hong Kong writes otherwise (\u7232): Hong Kong writes \u7fa3 too.
  if (d.std_not_tw > d.tw) return d.std_not_hk > d.hk ? opencc_config::s2t : opencc_config::s2hk;
  return opencc_config::s2tw;
}

std::string_view name_of(script s, opencc_config c) {
  switch (s) {
    case script::hans: return "hans";
    case script::ja: return "ja";
    case script::mixed: return "mixed";
    case script::none: return "none";
    case script::hant: break;
  }
  if (c == opencc_config::s2tw) return "hant-tw";
  if (c == opencc_config::s2hk) return "hant-hk";
  return "hant";
}

// Segments: Viterbi over the lines, states Traditional / Simplified. A
// line's cost in a state is -log of its characters' likelihood: a
// character of the state's own script costs -log(1 - p), one of the other
// -log(p), where p is the stray rate. Switching costs kSwitch. Lines
// without marked characters (and kana lines) cost nothing either way.
//
// kSwitch = log(20): a one-line island of the other script needs
// (other - own) * log((1 - p) / p) > 2 * 3.0; at p = 2 % that is 2 net
// characters, at p = 5 % 3 (a sentence of a dozen Han characters), at
// p = 20 % 5. (Measured on corpora/script/mixed.tsv: log(50) and log(30)
// lose 7 and 2 of the 240 bilingual documents, and no other kind gains.)
constexpr double kSwitch = 3.0;
constexpr double kMinRate = 0.005, kMaxRate = 0.35, kFirstRate = 0.05;
// The minority script's segments are quotations, clean text as a rule:
// their stray rate is at most 2 %, so a short line of the document's
// script next to a quotation is not taken into it for one stray.
constexpr double kQuoteRate = 0.02;
// A line in the document's minority script costs a little more, so that a
// line as much of one as of the other stays with the document.
constexpr double kMinorityLine = 0.5;
constexpr double kNeutralMinority = 0.01;
// A short line's vocabulary (line_info::vocab) weighs about as much as one
// stray character.
constexpr double kVocab = 2.0;
constexpr std::uint32_t kVocabMaxMarked = 4;

// Which S-forms a segment holds tells converter leftovers from a
// Simplified quotation: a converter that leaves the one-to-many characters
// alone leaves only the 69 with several Traditional forms (\u4e2a \u53d1 \u5f53 \u5e76 \u590d),
// while they are about one S-form in eight of Simplified text (measured on
// corpora/golden/input/*zh_cn*, *hans*: 0.12-0.15). g: their share among
// the strays of the Traditional segments (estimated per document; in
// randomly flipped text it is about kSimpO2mShare too).
constexpr double kSimpO2mShare = 0.13;
// A line joins a segment of the document's minority script (a quotation)
// on its own evidence only: kQuoteMinOwn marked characters of that script
// at least and none of the document's (a quotation is clean text), else it
// pays kQuoteWeakLine (two switches: as much as an island of its own). A
// line with one or two marked characters next to a quotation is as likely
// a line of the document with a flipped character as a part of the
// quotation (\u5b8c\u6574\u6863\u6848 after a Simplified quotation in Taiwan text: one
// stray). Measured on corpora/script/mixed.tsv (bilingual-hant +
// bilingual-hans documents wrong, of 120 + 120): without the rule 6 + 8
// (with kSmallSegment 4 + 4), a minimum of 2 leaves 2 + 3, 3 leaves 2 + 1,
// 4 leaves 4 + 0 (Simplified quotations with 3 S-forms are then taken for
// strays); the penalty's value matters little (3 to 20 give the same).
constexpr std::uint32_t kQuoteMinOwn = 3;
constexpr double kQuoteWeakLine = 2 * kSwitch;
// A segment with fewer marked characters than this is judged mixed with
// the other segments of its script (below).
constexpr std::uint64_t kSmallSegment = 6;
// The prior odds for the document's script being that of most of its
// marked characters: 20 to 1, a switch's worth (see analyze()).
constexpr double kMajorityPrior = kSwitch;

double viterbi(std::vector<line_info>& lines, double p, int dominant, double q = -1.0,
               double g = kSimpO2mShare) {
  if (q < 0) q = p;
  const double lo_c[2] = {-std::log(g), -std::log(kSimpO2mShare)};
  const double rest_c[2] = {-std::log(1.0 - g), -std::log(1.0 - kSimpO2mShare)};
  // Per state: the stray rate of the majority script's segments (p) and
  // of the minority's (q: a quotation is usually clean text).
  const double rate[2] = {dominant == 0 ? p : q, dominant == 0 ? q : p};
  const double own_c[2] = {-std::log(1.0 - rate[0]), -std::log(1.0 - rate[1])};
  const double other_c[2] = {-std::log(rate[0]), -std::log(rate[1])};
  const std::size_t n = lines.size();
  std::vector<std::uint8_t> back(2 * n);  // back[2i + s]: previous state
  // The document starts and ends in its majority script: an island of the
  // other script at either end pays for its switches too.
  double cost[2];
  cost[dominant] = 0.0;
  cost[1 - dominant] = kSwitch;
  for (std::size_t i = 0; i < n; ++i) {
    const line_info& l = lines[i];
    double e[2] = {0.0, 0.0};
    if (!l.kana && l.t + l.s > 0) {
      e[0] = l.t * own_c[0] + l.s * other_c[0];
      e[1] = l.s * own_c[1] + l.t * other_c[1];
      for (int st = 0; st < 2; ++st) e[st] += l.s_o2m * lo_c[st] + (l.s - l.s_o2m) * rest_c[st];
      e[1 - dominant] += kMinorityLine;
      const std::uint32_t own_q = dominant == 0 ? l.s : l.t, doc_q = dominant == 0 ? l.t : l.s;
      if (own_q < kQuoteMinOwn || doc_q > 0) e[1 - dominant] += kQuoteWeakLine;
      if (l.vocab > 0) e[1] += kVocab;
      if (l.vocab < 0) e[0] += kVocab;
    } else {
      // A line without marked characters goes with the document, not
      // with a quotation next to it (it may hold a one-to-many character).
      e[1 - dominant] += kNeutralMinority;
    }
    double next[2];
    for (int s = 0; s < 2; ++s) {
      const double stay = cost[s], sw = cost[1 - s] + kSwitch;
      back[2 * i + s] = static_cast<std::uint8_t>(stay <= sw ? s : 1 - s);
      next[s] = std::min(stay, sw) + e[s];
    }
    cost[0] = next[0];
    cost[1] = next[1];
  }
  cost[1 - dominant] += kSwitch;
  int s = cost[0] < cost[1] ? 0 : cost[1] < cost[0] ? 1 : dominant;
  const double best = cost[s];
  for (std::size_t i = n; i-- > 0;) {
    lines[i].state = s == 0 ? script::hant : script::hans;
    s = back[2 * i + s];
  }
  return best;
}

// The stray rate of a segment: its minority share, with a prior of 5 % worth
// 10 marked characters (a short document's two strays in ten are not a
// rate of 20 %).
constexpr double kPriorN = 10.0, kPriorR = 0.05;
double clamp_rate(double minority, double marked) {
  return std::clamp((minority + kPriorR * kPriorN) / (marked + kPriorN), kMinRate, kMaxRate);
}

analysis analyze(std::string_view text) {
  analysis a;
  scan<false>(text, a.doc, nullptr);
  const doc_counts& d = a.doc;
  if (d.han == 0) return a;
  if (d.kana > 0 && d.kana * 5 >= d.kana + d.han) {
    a.dominant = script::ja;
    a.dominant_name = "ja";
    return a;
  }
  const std::uint64_t marked = d.simp + d.trad;
  if (marked == 0) return a;
  if (d.trad == 0) {
    // Simplified without a T-form character: nothing can stray (the
    // common case, one pass).
    a.dominant = script::hans;
    a.dominant_name = "hans";
    return a;
  }
  // The lines that matter, a second pass (a document with a T-form
  // character; Traditional text without S-form ones stores only the lines
  // with a one-to-many character).
  a.trad_cfg = trad_config(d);
  std::vector<line_info> lines;
  {
    doc_counts again;
    scan<true>(text, again, &lines, d.simp == 0, a.trad_cfg);
  }
  const int majority = d.trad >= d.simp ? 0 : 1;
  std::uint64_t by_state[2] = {0, 0};
  if (d.simp == 0) {
    // Traditional without an S-form character: one segment, clear.
    for (line_info& l : lines) l.state = script::hant;
    by_state[0] = marked;
  } else {
    // Vocabulary, for the lines with little script evidence (4 marked
    // characters at most): OpenCC's Taiwan phrases (s2twp / tw2sp, the
    // TWPhrases dictionaries) tell \u6863\u6848 (Taiwan's \u6a94\u6848, "file") from \u6587\u4ef6
    // (the mainland's), \u4f7f\u7528\u8005 from \u7528\u6237, whatever the characters' forms.
    for (line_info& l : lines) {
      if (l.kana || l.t + l.s == 0 || l.t + l.s > kVocabMaxMarked) continue;
      const std::string_view line = text.substr(l.begin, l.end - l.begin);
      const std::string simp = convert_text(opencc_config::t2s, line);
      const bool tw = convert_text(opencc_config::tw2s, line) != convert_text(opencc_config::tw2sp, line);
      const bool cn = convert_text(opencc_config::s2tw, simp) != convert_text(opencc_config::s2twp, simp);
      l.vocab = static_cast<std::int8_t>(tw == cn ? 0 : tw ? 1 : -1);
    }
    // Two passes: the stray rate from a first guess, then from the
    // strays within the first pass's segments, per script: the majority's
    // own rate, and the minority's (its segments are quotations, clean
    // text as a rule: at most kQuoteRate).
    // g: the share of simp_one_to_many among the document's S-forms, with
    // a prior of kSimpO2mShare worth 5 of them (near 1 in Traditional text
    // with a converter's leftovers, about kSimpO2mShare elsewhere).
    double lo = 0, s_all = 0;
    for (const line_info& l : lines)
      if (!l.kana) {
        lo += l.s_o2m;
        s_all += l.s;
      }
    const double g = std::clamp((lo + 5.0 * kSimpO2mShare) / (s_all + 5.0), 0.02, 0.98);
    const auto segment_lines = [&](int dom) {
      viterbi(lines, kFirstRate, dom, kFirstRate, g);
      double strays[2] = {0, 0}, all[2] = {0, 0};
      for (const line_info& l : lines) {
        if (l.kana) continue;
        const int st = l.state == script::hant ? 0 : 1;
        strays[st] += st == 0 ? l.s : l.t;
        all[st] += l.s + l.t;
      }
      return viterbi(lines, clamp_rate(strays[dom], all[dom]), dom,
                     std::min(clamp_rate(strays[1 - dom], all[1 - dom]), kQuoteRate), g);
    };
    // The document's script: the one whose segmentation costs less (a
    // long quotation can hold more marked characters than the short lines
    // around it), with a prior of kMajorityPrior for the script of most
    // marked characters: a Simplified document whose last line, flipped,
    // reads as Traditional next to a Traditional quotation is no Traditional
    // document with a Simplified quotation of four short lines. (Measured on
    // corpora/script/mixed.tsv: 2 to 3 recover one more bilingual-hans
    // document and change nothing else; 6 loses two.)
    const double c_major = segment_lines(majority);
    std::vector<line_info> keep = lines;
    if (segment_lines(1 - majority) + kMajorityPrior >= c_major) lines.swap(keep);
  }
  // Segments; a segment with too large a minority is mixed. A small one
  // (fewer than kSmallSegment marked characters: a short line with one
  // stray and one character of its own, cut off from the rest of the
  // document by a quotation) is judged together with the other segments of
  // its script: one stray in two marked characters is no sign of mixed text.
  std::uint64_t pooled_own[2] = {0, 0}, pooled_mixing[2] = {0, 0};
  for (const line_info& l : lines) {
    if (l.kana) continue;
    const int st = l.state == script::hant ? 0 : 1;
    pooled_own[st] += st == 0 ? l.t : l.s;
    pooled_mixing[st] += st == 0 ? l.s - l.s_o2m : l.t;
  }
  for (std::size_t i = 0; i < lines.size() && d.simp > 0;) {
    segment sg;
    sg.first_line = i;
    sg.state = lines[i].state;
    std::size_t j = i;
    while (j < lines.size() && lines[j].state == sg.state) {
      if (!lines[j].kana) {
        sg.own += sg.state == script::hant ? lines[j].t : lines[j].s;
        sg.other += sg.state == script::hant ? lines[j].s : lines[j].t;
      }
      ++j;
    }
    sg.last_line = j - 1;
    // A clear majority: three to two at least. In Traditional text the
    // S-forms a converter leaves (\u4e2a \u53d1 \u590d: simp_one_to_many) do not make
    // it mixed; the others (\u8fd9 \u4eec) do.
    std::uint64_t mixing = sg.other;
    if (sg.state == script::hant)
      for (std::size_t k = i; k < j; ++k) mixing -= lines[k].kana ? 0 : lines[k].s_o2m;
    sg.mixed = mixing > 0 && 2 * sg.own < 3 * mixing;
    const int st = sg.state == script::hant ? 0 : 1;
    if (sg.mixed && sg.own + mixing < kSmallSegment && pooled_own[st] + pooled_mixing[st] > sg.own + mixing)
      sg.mixed = 2 * pooled_own[st] < 3 * pooled_mixing[st];
    if (sg.mixed) {
      a.mixed_spans.emplace_back(lines[sg.first_line].begin, lines[sg.last_line].end);
      for (std::size_t k = i; k < j; ++k) lines[k].state = script::mixed;
    } else {
      by_state[sg.state == script::hant ? 0 : 1] += sg.own + sg.other;
    }
    i = j;
  }
  // The document's script: the one whose segments hold three in five of
  // the marked characters.
  if (5 * by_state[0] >= 3 * marked) a.dominant = script::hant;
  else if (5 * by_state[1] >= 3 * marked) a.dominant = script::hans;
  else a.dominant = script::mixed;
  a.dominant_name = std::string(name_of(a.dominant, a.trad_cfg));

  // Converter leftovers in the Traditional segments: an S-form stray.
  // Dense leftovers: S-forms at kLeftoverRate of the Traditional segments'
  // marked characters at least; then a one-to-many character changes by its
  // default alone at kOwnFormMargin too (\u91cc -> \u88e1 in \u6587\u4ef6\u91cc), else only inside
  // OpenCC's phrases: one stray \u5179 in 689 marked characters of Hong Kong's
  // country names is a slip, not a converter's work, and \u99ac\u91cc (Mali) keeps
  // its \u91cc.
  bool leftovers = false;
  std::uint64_t hant_s = 0, hant_marked = 0;
  for (const line_info& l : lines) {
    if (l.state != script::hant || l.kana) continue;
    leftovers |= l.s > 0;
    hant_s += l.s;
    hant_marked += l.s + l.t;
  }
  bool dense = leftovers && static_cast<double>(hant_s) >= kLeftoverRate * static_cast<double>(hant_marked);
  // Leftovers inferred from one-to-many changes alone (no S-form in the
  // document): a phrase-only character (kAmbigSelf: \u53ea, \u7cfb, \u5377) then changes
  // only by a phrase that cuts no word: OpenCC's longest match makes up
  // \u53ea\u5f71 in \u53ea\u5f71\u97ff and \u95dc\u7cfb in \u6709\u95dc\u7cfb\u7d71 (\u5f71\u97ff, \u7cfb\u7d71: words, by
  // han_word_pair, across the phrase's edge), and clean Taiwan catalogs
  // (coreutils, git) write those; \u5377\u52d5\u5217 -> \u6372\u52d5\u5217 cuts nothing.
  bool inferred = false;

  const class_table& t = classes();
  std::u32string cps, ccps;
  std::vector<std::uint32_t> offs, coffs;
  std::vector<std::size_t> cand;
  std::vector<char32_t> tos;
  std::u32string scps;
  std::vector<std::uint32_t> soffs;
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::vector<std::uint8_t> in_phrase, stray_phrase;
  std::vector<std::uint32_t> phrase_first, phrase_end;
  const auto find_strays = [&] {
  for (const line_info& l : lines) {
    if (l.kana || (l.state != script::hant && l.state != script::hans)) continue;
    const bool hant = l.state == script::hant;
    // Nothing to look at: a clean line.
    if (hant ? l.s == 0 && !l.one_to_many : l.t == 0) continue;
    const std::string_view line = text.substr(l.begin, l.end - l.begin);
    decode(line, cps, offs);
    cand.clear();
    for (std::size_t k = 0; k < cps.size(); ++k) {
      const char32_t cp = cps[k];
      if (!is_han(cp)) continue;
      const std::uint8_t bits = t.get(cp);
      if (!hant) {
        // A T-form; or a character of both scripts that t2s changes in
        // context (\u77ad\u89e3 -> \u4e86\u89e3; \u77ad\u671b stays), looked at in lines with a
        // T-form stray only.
        if (((bits & kTrad) && !(bits & (kSimp | kAmbig))) || bits == 0) cand.push_back(k);
      } else if (bits & kSimp) {
        cand.push_back(k);
      } else if (cp != kLiao && cp != kTai &&
                 (leftovers ? (bits & (kAmbig | kAmbigSelf)) || cp == kYao
                            : ((bits & kAmbig) || cp == kYao) && lone_ok(cp, a.trad_cfg, true))) {
        cand.push_back(k);
      }
    }
    if (cand.empty()) continue;
    const opencc_config cfg = hant ? a.trad_cfg : opencc_config::t2s;
    // Toward Traditional, the phrases are keyed on Simplified text: a line
    // half converted already matches none of them (\u590d\u5236 is a phrase, \u8907\u5236
    // is not). So the line goes to Simplified first; only the strays'
    // positions are taken from the result.
    const std::string simp = cfg == opencc_config::t2s ? std::string() : convert_text(opencc_config::t2s, line);
    const std::string conv = cfg == opencc_config::t2s ? convert_text(cfg, line) : convert_text(cfg, simp);
    decode(conv, ccps, coffs);
    const bool aligned = ccps.size() == cps.size();
    // Without converter leftovers in the document, a one-to-many character
    // changes only inside one of OpenCC's phrases (\u4e4b\u540e, \u7531\u4e8e, \u4ec0\u4e48), not by
    // the character's default alone (\u5df4\u5398: a transliteration keeps its \u5398).
    in_phrase.assign(cps.size(), 0);
    phrase_first.assign(cps.size(), 0);
    phrase_end.assign(cps.size(), 0);
    if (hant && aligned) {
      decode(simp, scps, soffs);
      if (scps.size() == cps.size() && phrase_spans(cfg, simp, spans) > 0) {
        std::size_t k = 0;
        for (const auto& [pb, pe] : spans) {
          while (k < scps.size() && soffs[k] < pb) ++k;
          const std::size_t first = k;
          for (; k < scps.size() && soffs[k] < pe; ++k) {
            in_phrase[k] = 1;
            phrase_first[k] = static_cast<std::uint32_t>(first);
          }
          for (std::size_t j = first; j < k; ++j) phrase_end[j] = static_cast<std::uint32_t>(k);
        }
      }
    }
    // The conversions first, then the margins.
    tos.assign(cand.size(), 0);
    for (std::size_t c = 0; c < cand.size(); ++c) {
      const std::size_t k = cand[c];
      const char32_t cp = cps[k];
      char32_t to = 0;
      if (aligned) {
        to = ccps[k];
      } else {
        // The converter changed the line's length (a phrase): the
        // character alone.
        std::string one;
        append_utf8(cp, one);
        if (hant) one = convert_text(opencc_config::t2s, one);
        std::u32string c1;
        std::vector<std::uint32_t> o1;
        decode(convert_text(cfg, one), c1, o1);
        if (c1.size() == 1) to = c1[0];
      }
      tos[c] = to == cp ? 0 : to;
    }
    for (std::size_t c = 0; c < cand.size(); ++c) {
      const std::size_t k = cand[c];
      const char32_t cp = cps[k];
      const std::uint8_t bits = t.get(cp);
      char32_t to = tos[c];
      // A one-to-many character keeps its own form where that is about as
      // common in Traditional text as the conversion (the margins above;
      // without leftovers kLoneMargin, or kOwnFormMargin inside one of
      // OpenCC's phrases). A neighbouring S-form stray is no reason to
      // change it: \u6e38\u6807 is \u6e38\u6a19 as often as \u904a\u6a19.
      const int to_cost = region_cost(to, cp);
      const bool keep_own = dense && !inferred && in_phrase[k] ? false
                            : (bits & kAmbigSelf) ? to_cost >= hant_cost(cp) + kPhraseMargin
                            : hant_cost(cp) < to_cost + (dense || in_phrase[k] ? kOwnFormMargin : kLoneMargin);
      // A phrase whose own-form spelling is written in Traditional text
      // too (\u5e03\u666f, \u6e38\u6a19, \u7cfb\u6578): valid as it stands.
      const bool own_written = in_phrase[k] &&
          own_form_written(std::u32string_view(scps).substr(phrase_first[k], phrase_end[k] - phrase_first[k]),
                           k - phrase_first[k]);
      // A name (a run of transliteration characters); a phrase, found on
      // inferred leftovers only, whose edge cuts a word.
      auto name = [&] { return translit_run(cps, k) >= 2; };
      auto cuts_word = [&] {
        return inferred && (bits & kAmbigSelf) && in_phrase[k] &&
               ((phrase_first[k] > 0 && han_word_pair(cps[phrase_first[k] - 1], cps[phrase_first[k]])) ||
                (phrase_end[k] < cps.size() && han_word_pair(cps[phrase_end[k] - 1], cps[phrase_end[k]])));
      };
      if (to != 0 && hant && !(bits & kSimp) && (keep_own || own_written || name() || cuts_word())) to = 0;
      // S-form characters in Traditional text (T-form in Simplified) are
      // strays even without a conversion; the others only when the
      // converter, in context, changes them.
      const bool hard = hant ? (bits & kSimp) != 0 : bits != 0;
      if (to == 0 && !hard) continue;
      a.strays.push_back({l.begin + offs[k], l.begin + offs[k + 1], cp, to});
      a.stray_cfg.push_back(cfg);
      a.stray_script.push_back(l.state);
      stray_phrase.push_back(in_phrase[k]);
    }
  }
  };
  find_strays();
  // Traditional text without an S-form character but with a one-to-many
  // one the converter clearly changes in context (\u4e4b\u540e, \u7531\u4e8e, \u4ec0\u4e48: their
  // own forms are rare in Traditional text): converter leftovers all the
  // same; the other one-to-many characters are looked at as in a document
  // with S-form leftovers.
  std::size_t changed = 0, phrased = 0, strong = 0;
  for (std::size_t i = 0; i < a.strays.size(); ++i) {
    if (a.stray_script[i] != script::hant || a.strays[i].to == 0 || (t.get(a.strays[i].from) & kSimp)) continue;
    ++changed;
    phrased += stray_phrase[i];
    const int from_cost = hant_cost(a.strays[i].from), to_cost = hant_cost(a.strays[i].to);
    strong += from_cost >= to_cost + kStrongLoneMargin || (from_cost >= to_cost + kLoneMargin && to_cost <= kCommonForm);
  }
  if (!leftovers && changed == 1 && phrased == 0 && strong == 0) {
    // One change by the character's default alone, not far more common:
    // no evidence (\u5df4\u5398, a transliteration, keeps its \u5398).
    for (std::size_t i = 0; i < a.strays.size(); ++i)
      if (a.stray_script[i] == script::hant && !(t.get(a.strays[i].from) & kSimp)) a.strays[i].to = 0;
  }
  if (d.simp == 0 && !leftovers && (phrased > 0 || changed > 1)) {
    lines.clear();
    doc_counts again;
    scan<true>(text, again, &lines, false, a.trad_cfg);
    for (line_info& l : lines) l.state = script::hant;
    leftovers = true;
    dense = true;
    inferred = true;
    a.strays.clear();
    a.stray_cfg.clear();
    a.stray_script.clear();
    stray_phrase.clear();
    find_strays();
  }
  // A Traditional form with regional variants follows the document: the
  // variant it writes most elsewhere (\u70ba in a text with \u70ba, whatever the
  // configuration's own choice, \u7232), else the configuration's.
  {
    const variant_families& fam = families();
    std::vector<std::uint32_t> count;
    for (stray& st : a.strays) {
      if (st.to == 0) continue;
      const std::size_t i = static_cast<std::size_t>(&st - a.strays.data());
      if (a.stray_script[i] != script::hant) continue;
      const int m = fam.find(st.to);
      if (m < 0) continue;
      if (count.empty()) {
        count.assign(fam.member.size(), 0);
        const auto* p = reinterpret_cast<const unsigned char*>(text.data());
        for (std::size_t j = 0; j < text.size();) {
          std::size_t len = 1;
          const char32_t cp = p[j] < 0xE3 ? 0 : decode_at(p, j, len);
          j += p[j] < 0x80 ? 1 : (len = (p[j] < 0xE0 ? 2 : p[j] < 0xF0 ? 3 : 4));
          if (cp == 0) continue;
          const int k = fam.find(cp);
          if (k >= 0) ++count[static_cast<std::size_t>(k)];
        }
      }
      char32_t best = st.to;
      std::uint32_t best_n = count[static_cast<std::size_t>(m)];
      for (char32_t v : fam.family[fam.member[static_cast<std::size_t>(m)].second]) {
        const int k = fam.find(v);
        if (v != st.from && k >= 0 && count[static_cast<std::size_t>(k)] > best_n) {
          best = v;
          best_n = count[static_cast<std::size_t>(k)];
        }
      }
      st.to = best;
    }
  }
  return a;
}

}  // namespace

script_profile profile_script(std::string_view text, const inspect_options& options) {
  script_profile p;
  const analysis a = analyze(text);
  p.han = a.doc.han;
  p.simplified_only = a.doc.simp;
  p.traditional_only = a.doc.trad;
  p.taiwan_only = a.doc.tw;
  p.hongkong_only = a.doc.hk;
  p.shared = a.doc.shared;
  p.kana = a.doc.kana;
  p.dominant = a.dominant_name;
  for (const stray& s : a.strays) {
    if (p.strays.size() >= options.max_strays) break;
    script_stray st;
    st.begin = s.begin;
    st.end = s.end;
    st.text.assign(text.substr(s.begin, s.end - s.begin));
    if (s.to != 0) append_utf8(s.to, st.suggestion);
    p.strays.push_back(std::move(st));
  }
  return p;
}

stage_output auto_script(std::string_view text, const fix_options& options) {
  (void)options;
  stage_output out;
  // Quick exit: no Han character is below U+3400 (E3 90 80).
  if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; }))
    return out;
  const analysis a = analyze(text);
  // Findings are for people: 1000 is more than anyone reads.
  constexpr std::size_t kMaxFindings = 1000;
  for (const auto& [b, e] : a.mixed_spans) {
    if (out.findings.size() >= kMaxFindings) break;
    finding f;
    f.fixer = "script";
    f.kind = "script-mixed";
    f.begin = b;
    f.end = e;
    f.text.assign(text.substr(b, std::min<std::size_t>(e - b, 240)));
    f.detail = "no clear dominant script (Simplified and Traditional forms three to two or closer): left alone";
    out.findings.push_back(std::move(f));
  }
  for (std::size_t i = 0; i < a.strays.size();) {
    const stray& s0 = a.strays[i];
    const std::string param(name_of(a.stray_script[i], a.stray_cfg[i]));
    // Adjacent changed strays make one edit.
    std::size_t j = i;
    std::string after;
    while (j < a.strays.size() && a.strays[j].to != 0 &&
           (j == i || a.strays[j].begin == a.strays[j - 1].end)) {
      append_utf8(a.strays[j].to, after);
      ++j;
    }
    for (std::size_t k = i; k < std::max(j, i + 1); ++k) {
      if (out.findings.size() >= kMaxFindings) break;
      const stray& s = a.strays[k];
      finding f;
      f.fixer = "script";
      f.kind = "script-stray";
      f.begin = s.begin;
      f.end = s.end;
      f.text.assign(text.substr(s.begin, s.end - s.begin));
      std::string sug;
      if (s.to != 0) append_utf8(s.to, sug);
      f.detail = s.to != 0 ? "in " + param + " text; -> " + sug : "in " + param + " text; no conversion in context";
      f.repaired = s.to != 0;
      out.findings.push_back(std::move(f));
    }
    if (j == i) {  // a stray without a conversion: reported only
      ++i;
      continue;
    }
    stage_edit e;
    e.begin = s0.begin;
    e.end = a.strays[j - 1].end;
    e.after = std::move(after);
    e.action = std::string(config_name(a.stray_cfg[i]));
    e.parameter = param;
    // S-form strays in Traditional text and T-form ones in Simplified text
    // are certain strays (the conversion in context can still be wrong);
    // one-to-many characters rest on the converter's phrases.
    const bool hard = (classes().get(s0.from) & (kSimp | kTrad)) != 0;
    e.confidence = hard ? 0.95 : 0.8;
    out.edits.push_back(std::move(e));
    i = j;
  }
  return out;
}

}  // namespace norm::detail
