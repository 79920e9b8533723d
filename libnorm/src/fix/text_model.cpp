#include "fix/text_model.hpp"

#include <algorithm>
#include <limits>

#include "detect/tables.hpp"

namespace norm::detail {

namespace {
// U+FFFD marks a character a lossy decoder lost: as plausible as an average
// character (8 bits), so that restoring it from its bytes' garble
// (e.g. the Han triple that U+FFFD U+FFFD becomes in GBK) is preferred.
constexpr std::int64_t kReplacementCost = 16;
}  // namespace

model_family family_for(std::u32string_view a, std::u32string_view b) {
  for (std::u32string_view t : {a, b})
    for (char32_t cp : t) {
      cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
      if (c == cp_class::han || c == cp_class::kana || c == cp_class::hangul) return model_family::ideographic;
    }
  return model_family::alphabetic;
}

namespace {

enum : std::uint8_t { kLatin = 1, kCyrillic = 2, kGreek = 4, kHebrew = 8, kArabic = 16, kOther = 32 };

// The alphabet of a non-ASCII letter (0 for anything else; ASCII letters
// count as Latin only through the fallback).
std::uint8_t letter_script(char32_t cp) {
  if (cp < 0xC0) return 0;
  if (cp <= 0x24F) return cp == 0xD7 || cp == 0xF7 ? 0 : kLatin;
  if (cp >= 0x370 && cp <= 0x3FF) return kGreek;
  if (cp >= 0x400 && cp <= 0x52F) return kCyrillic;
  if (cp >= 0x5D0 && cp <= 0x5EA) return kHebrew;
  if (cp >= 0x620 && cp <= 0x64A) return kArabic;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return kLatin;
  const cp_class c = cp < 0x10000 ? tables().bmp_class[cp] : classify(cp);
  return c == cp_class::latin_letter || c == cp_class::other_letter ? kOther : 0;
}

// Per bigram model: the alphabets it knows (a letter of each in its
// alphabet; Latin also for a model of ASCII letters only), plus kOther (it
// may win on letters no model knows). Every model judges text with no
// letters past ASCII.
const std::vector<std::uint8_t>& model_scripts() {
  static const std::vector<std::uint8_t> v = [] {
    const scoring_tables& st = tables();
    std::vector<std::uint8_t> out(st.bigram_models.size(), kOther);
    for (std::size_t m = 0; m < out.size(); ++m) {
      const std::uint8_t* dense = st.dense_class[m].data();
      auto knows = [&](char32_t cp) { return dense[cp] != kClassOtherLetter; };
      bool latin = false, any = false;
      for (char32_t cp = 0xC0; cp < 0x530; ++cp) {
        if (cp == 0xD7 || cp == 0xF7 || !knows(cp)) continue;
        if (tables().bmp_class[cp] != cp_class::latin_letter && tables().bmp_class[cp] != cp_class::other_letter) continue;
        any = true;
        latin |= cp <= 0x24F;
      }
      // English knows no letter past ASCII: Latin text is its own.
      if (latin || !any) out[m] |= kLatin;
      if (knows(0x430) || knows(0x456)) out[m] |= kCyrillic;
      if (knows(0x3B1)) out[m] |= kGreek;
      if (knows(0x5D0)) out[m] |= kHebrew;
      if (knows(0x627)) out[m] |= kArabic;
    }
    return out;
  }();
  return v;
}

}  // namespace

std::int64_t text_cost(std::u32string_view text, model_family family) {
  const scoring_tables& st = tables();
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  if (family == model_family::ideographic) {
    for (const ideo_costs& ic : st.ideo) {
      std::int64_t c = 0;
      for (char32_t cp : text) c += cp == 0xFFFD ? kReplacementCost : ic.cost(cp);
      best = std::min(best, c);
    }
    return best;
  }
  // Only the models of the alphabets the text's letters are in (a model
  // sees a letter outside its alphabet as a rare "other letter": it never
  // wins there), the one that won last time first: the others then stop
  // as soon as they pass it.
  const std::vector<std::uint8_t>& model_script = model_scripts();
  std::uint8_t want = 0;
  for (char32_t cp : text) want |= letter_script(cp);
  if (want == 0) want = 0xFF;  // ASCII and symbols only: every model
  thread_local std::size_t last_best = 0;
  const std::size_t count = st.bigram_models.size();
  std::size_t best_m = last_best < count ? last_best : 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t m = k == 0 ? best_m : (k <= best_m ? k - 1 : k);
    if ((model_script[m] & want) == 0) continue;
    const lang_model& model = *st.bigram_models[m];
    const std::uint8_t* bigram = st.bigrams[m].data();
    const std::uint8_t* dense = st.dense_class[m].data();
    std::int64_t c = 0;
    unsigned prev = kClassSeparator;
    for (char32_t cp : text) {
      if (cp == 0xFFFD) {
        c += kReplacementCost;
        prev = kClassSymbol;
        continue;
      }
      unsigned cls = cp < kDenseClassLimit ? dense[cp] : alpha_class(model, cp);
      c += bigram[prev * kNumClasses + cls] + alpha_emission(static_cast<std::uint8_t>(cls), cp);
      prev = cls;
      if (c >= best) break;
    }
    if (c < best) {
      best = c;
      last_best = m;
    }
  }
  return best;
}

}  // namespace norm::detail
