#include "detect/tables.hpp"

#include <algorithm>
#include <string_view>

#include "detail/charmap.hpp"

namespace norm::detail {
namespace {

// Priors, in half-bits, added once per hypothesis: how much more evidence an
// unusual reading needs. Chosen on the training side of corpora/detect
// (tools/gen_lang_models.py's split); a wrong prior shows up in the corpus
// tests as a confusion between two encodings of one family.
struct prior_entry {
  encoding enc;
  std::int32_t prior;
};
constexpr prior_entry kPriors[] = {
    {encoding::gbk, 0},          {encoding::big5_hkscs, 4},  {encoding::euc_tw, 24},
    {encoding::cp932, 4},        {encoding::euc_jp, 8},      {encoding::cp949, 4},
    {encoding::johab, 24},       {encoding::windows1252, 0}, {encoding::iso8859_1, 2},
    {encoding::iso8859_15, 6},   {encoding::macroman, 16},   {encoding::cp437, 20},
    {encoding::windows1250, 2},  {encoding::iso8859_2, 4},   {encoding::iso8859_16, 12},
    {encoding::iso8859_3, 16},   {encoding::windows1257, 4}, {encoding::iso8859_13, 6},
    {encoding::iso8859_4, 12},   {encoding::iso8859_10, 14}, {encoding::iso8859_14, 14},
    {encoding::windows1251, 0},  {encoding::koi8_r, 4},      {encoding::koi8_u, 6},
    {encoding::iso8859_5, 8},    {encoding::ibm866, 8},      {encoding::maccyrillic, 12},
    {encoding::windows1253, 2},  {encoding::iso8859_7, 4},   {encoding::windows1254, 2},
    {encoding::iso8859_9, 4},    {encoding::windows1255, 2}, {encoding::iso8859_8, 4},
    {encoding::windows1256, 2},  {encoding::iso8859_6, 4},   {encoding::tis620, 2},
    {encoding::windows874, 4},   {encoding::iso8859_11, 6},  {encoding::windows1258, 4},
    {encoding::viscii, 8},
};

std::int32_t prior_of(encoding e) {
  for (const auto& p : kPriors)
    if (p.enc == e) return p.prior;
  return 16;
}

// Punctuation that running text in these languages uses (quotes, dashes,
// guillemets, ellipsis, NBSP, degree, euro, ...): cheap within the symbol
// class. Any other symbol costs 6 bits more, and a letter outside the
// language's alphabet 10 bits more (a class of thousands of letters).
bool common_text_symbol(char32_t cp) {
  switch (cp) {
    case 0x00A0: case 0x00AB: case 0x00BB: case 0x00B0: case 0x00A7: case 0x00A9:
    case 0x00AE: case 0x00B7: case 0x00D7: case 0x00B1: case 0x2013: case 0x2014:
    case 0x2018: case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E:
    case 0x2026: case 0x2022: case 0x20AC: case 0x2122: case 0x2116: case 0x00BF:
    case 0x00A1: case 0x2039: case 0x203A:
      return true;
    default:
      return false;
  }
}
constexpr std::uint8_t kSymbolEmission = 12;
constexpr std::uint8_t kForeignLetterEmission = 20;

// Languages read in each single-byte encoding (those with a model).
struct sb_langs {
  encoding enc;
  std::string_view langs;  // space-separated model names
};
constexpr std::string_view kWestern = "en de fr es it pt nl sv da fi ca is ga";
constexpr sb_langs kSbLangs[] = {
    {encoding::windows1252, kWestern},
    {encoding::iso8859_1, kWestern},
    {encoding::iso8859_15, kWestern},
    {encoding::macroman, kWestern},
    {encoding::cp437, "en de fr es it pt nl sv da fi"},
    {encoding::windows1250, "pl cs sk hu sl hr ro"},
    {encoding::iso8859_2, "pl cs sk hu sl hr ro"},
    {encoding::iso8859_16, "ro pl hu hr sl"},
    {encoding::iso8859_3, "mt eo"},
    {encoding::windows1257, "lt lv et"},
    {encoding::iso8859_13, "lt lv et"},
    {encoding::iso8859_4, "lt lv et"},
    {encoding::iso8859_10, "is da sv fi"},
    {encoding::iso8859_14, "ga cy"},
    {encoding::windows1251, "ru uk bg sr"},
    {encoding::koi8_r, "ru bg"},
    {encoding::koi8_u, "uk ru"},
    {encoding::iso8859_5, "ru uk bg sr"},
    {encoding::ibm866, "ru uk bg"},
    {encoding::maccyrillic, "ru uk bg sr"},
    {encoding::windows1253, "el"},
    {encoding::iso8859_7, "el"},
    {encoding::windows1254, "tr"},
    {encoding::iso8859_9, "tr"},
    {encoding::windows1255, "he"},
    {encoding::iso8859_8, "he"},
    {encoding::windows1256, "ar"},
    {encoding::iso8859_6, "ar"},
    {encoding::tis620, "th"},
    {encoding::windows874, "th"},
    {encoding::iso8859_11, "th"},
    {encoding::windows1258, "vi"},
    {encoding::viscii, "vi"},
};

template <class F>
void for_each_word(std::string_view s, F f) {
  while (!s.empty()) {
    std::size_t sp = s.find(' ');
    std::string_view w = s.substr(0, sp);
    if (!w.empty()) f(w);
    if (sp == std::string_view::npos) break;
    s.remove_prefix(sp + 1);
  }
}

}  // namespace

namespace {

// alpha_class() of a code point outside the model's alphabet.
std::uint8_t class_outside(cp_class c) {
  switch (c) {
    case cp_class::ascii_letter:
    case cp_class::latin_letter:
    case cp_class::other_letter:
    case cp_class::han:
    case cp_class::kana:
    case cp_class::hangul: return kClassOtherLetter;
    case cp_class::digit:
    case cp_class::ascii_other: return kClassSeparator;
    case cp_class::symbol:
    case cp_class::cjk_symbol: return kClassSymbol;
    case cp_class::control:
    case cp_class::pua:
    case cp_class::count_: return kClassControl;
  }
  return kClassControl;
}

}  // namespace

std::uint8_t alpha_class(const lang_model& m, char32_t cp) {
  auto it = std::lower_bound(m.alphabet.begin(), m.alphabet.end(), cp,
                             [](const cp_index& a, char32_t c) { return a.cp < c; });
  if (it != m.alphabet.end() && it->cp == cp) return it->index;
  return class_outside(classify(cp));
}

namespace {

ideo_costs make_ideo(const lang_model* m, const std::vector<cp_class>& bmp_class) {
  ideo_costs ic{m, std::vector<std::uint8_t>(0x10000)};
  for (char32_t cp = 0; cp < 0x10000; ++cp)
    ic.bmp[cp] = m->unseen[static_cast<int>(bmp_class[cp])];
  for (const cp_cost& c : m->unigram)
    if (c.cp < 0x10000) ic.bmp[c.cp] = c.cost;
  return ic;
}

struct mb_spec {
  encoding enc;
  encoding narrow;
  mb_layout layout;
  std::string_view langs;
};
constexpr mb_spec kMbSpecs[] = {
    {encoding::gbk, encoding::gbk, mb_layout::gb, "zh-hans zh-hant"},
    {encoding::big5_hkscs, encoding::big5, mb_layout::big5, "zh-hant"},
    {encoding::euc_tw, encoding::euc_tw, mb_layout::euc_tw, "zh-hant"},
    {encoding::cp932, encoding::shift_jis, mb_layout::sjis, "ja"},
    {encoding::euc_jp, encoding::euc_jp, mb_layout::euc_jp, "ja"},
    {encoding::cp949, encoding::euc_kr, mb_layout::uhc, "ko"},
    {encoding::johab, encoding::johab, mb_layout::johab, "ko"},
};

mb_table make_mb(const mb_spec& s, const ideo_costs& ic) {
  mb_table t;
  t.enc = s.enc;
  t.narrow = s.narrow;
  t.layout = s.layout;
  t.model = ic.model;
  t.prior = prior_of(s.enc);
  t.pair_cost.assign(0x10000, kInvalid);
  t.wide_only.assign(0x10000, 0);
  for (const dbcs_entry& e : double_byte_map(s.enc)) {
    std::uint8_t c = ic.cost(e.cp);
    t.pair_cost[e.code] = std::min<std::uint8_t>(c, kInvalid - 1);
  }
  if (s.narrow != s.enc) {
    auto narrow = double_byte_map(s.narrow);
    for (const dbcs_entry& e : double_byte_map(s.enc)) {
      bool in = std::binary_search(narrow.begin(), narrow.end(), e,
                                   [](const dbcs_entry& a, const dbcs_entry& b) { return a.code < b.code; });
      if (!in) t.wide_only[e.code] = 1;
    }
  }
  t.single_cost.fill(kInvalid);
  if (s.layout == mb_layout::sjis)
    for (int b = 0xA1; b <= 0xDF; ++b) t.single_cost[b] = ic.cost(0xFF61 + (b - 0xA1));
  if (s.layout == mb_layout::gb) t.single_cost[0x80] = ic.cost(0x20AC);
  if (s.layout == mb_layout::euc_jp)  // 8E xx: half-width katakana
    for (int b = 0xA1; b <= 0xDF; ++b) t.pair_cost[0x8E00 | b] = ic.cost(0xFF61 + (b - 0xA1));
  return t;
}

// The classes and the ideographic costs alone (about 1 ms): what the
// mojibake screen and the other clean-text paths need.
scoring_tables build_ideo() {
  scoring_tables st;
  std::vector<cp_class>& bmp_class = st.bmp_class;
  bmp_class.resize(0x10000);
  classify_all(0x10000, bmp_class.data());
  for (std::string_view n : {"zh-hans", "zh-hant", "ja", "ko"})
    if (const lang_model* m = find_lang_model(n); m != nullptr && m->ideographic)
      st.ideo.push_back(make_ideo(m, bmp_class));
  return st;
}

scoring_tables build() {
  // The scoring tables of every code page (about 10 ms more), over a copy
  // of the classes and ideographic costs.
  scoring_tables st = ideo_tables();
  const std::vector<cp_class>& bmp_class = st.bmp_class;
  for (const mb_spec& s : kMbSpecs) {
    if (double_byte_map(s.enc).empty()) continue;
    for_each_word(s.langs, [&](std::string_view lang) {
      for (const ideo_costs& ic : st.ideo)
        if (ic.model->name == lang) st.mb.push_back(make_mb(s, ic));
    });
  }
  // How often a language's training text put a dash or a quote next to a
  // word says nothing about the encoding, yet it differs between models by
  // several bits: transitions into and out of the symbol and control
  // classes get the same cost in every model: 6 bits into a symbol and 1
  // out of it at a word boundary, 10 and 8 bits next to a letter (a symbol
  // inside a word, like the windows-1252 reading of ISO-8859-15's s-caron,
  // is rare in every language), 50 bits for a control. Decided on
  // corpora/detect: with per-model costs, Italian windows-1252 text with
  // many ellipses read as Bulgarian.
  std::vector<const lang_model*> adjusted_for;
  auto adjusted = [&](const lang_model* m) -> const std::uint8_t* {
    for (std::size_t i = 0; i < adjusted_for.size(); ++i)
      if (adjusted_for[i] == m) return st.bigrams[i].data();
    std::vector<std::uint8_t> b(m->bigram, m->bigram + kNumClasses * kNumClasses);
    for (int x = 0; x < kNumClasses; ++x) {
      const bool letter = x == kClassOtherLetter || x >= 4;
      b[x * kNumClasses + kClassSymbol] = letter ? 20 : 12;
      b[kClassSymbol * kNumClasses + x] = letter ? 16 : 2;
      b[x * kNumClasses + kClassControl] = 100;
      b[kClassControl * kNumClasses + x] = 100;
    }
    b[kClassSymbol * kNumClasses + kClassSymbol] = 24;  // runs of symbols: 12 bits each
    adjusted_for.push_back(m);
    st.bigram_models.push_back(m);
    // alpha_class() below kDenseClassLimit: the classes outside the
    // alphabet, then the alphabet over them.
    std::vector<std::uint8_t> dense(kDenseClassLimit);
    for (char32_t cp = 0; cp < kDenseClassLimit; ++cp) dense[cp] = class_outside(bmp_class[cp]);
    for (const cp_index& a : m->alphabet)
      if (a.cp < kDenseClassLimit) dense[a.cp] = a.index;
    st.dense_class.push_back(std::move(dense));
    st.bigrams.push_back(std::move(b));
    return st.bigrams.back().data();
  };
  st.bigrams.reserve(64);
  for (const sb_langs& sl : kSbLangs) {
    const char32_t* map = single_byte_map(sl.enc);
    if (map == nullptr) continue;
    for_each_word(sl.langs, [&](std::string_view lang) {
      const lang_model* m = find_lang_model(lang);
      if (m == nullptr || m->ideographic) return;
      sb_table t{sl.enc, m, adjusted(m), {}, {}, prior_of(sl.enc)};
      for (int b = 0; b < 256; ++b) {
        t.cls[b] = map[b] == kNoChar ? kClassControl : alpha_class(*m, map[b]);
        t.emission[b] = b >= 0x80 ? alpha_emission(t.cls[b], map[b]) : 0;
      }
      st.sb.push_back(t);
    });
  }
  return st;
}

}  // namespace

std::int32_t encoding_prior(encoding e) noexcept { return prior_of(e); }

std::uint8_t alpha_emission(std::uint8_t cls, char32_t cp) {
  if (cls == kClassSymbol && !common_text_symbol(cp)) return kSymbolEmission;
  if (cls == kClassOtherLetter) return kForeignLetterEmission;
  return 0;
}

std::uint8_t ideo_costs::cost(char32_t cp) const noexcept {
  if (cp < 0x10000) return bmp[cp];
  return model->unseen[static_cast<int>(classify(cp))];
}

const scoring_tables& ideo_tables() {
  static const scoring_tables t = build_ideo();
  return t;
}

const scoring_tables& tables() {
  static const scoring_tables t = build();
  return t;
}

}  // namespace norm::detail
