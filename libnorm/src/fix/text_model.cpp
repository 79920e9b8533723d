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
  for (std::size_t m = 0; m < st.bigram_models.size(); ++m) {
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
    best = std::min(best, c);
  }
  return best;
}

}  // namespace norm::detail
