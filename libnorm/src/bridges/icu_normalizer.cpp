// ICU normalization bridge (see icu_normalizer.hpp). Uses ICU's UTF-8 entry
// points (Normalizer2::isNormalizedUTF8 / normalizeUTF8, ICU >= 60), so no
// UTF-16 copy is made of the stretches the fixer hands over.
#include "bridges/icu_normalizer.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include <new>

namespace norm::detail {
namespace {

const icu::Normalizer2* instance(icu_form form) noexcept {
  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2* n = form == icu_form::nfc ? icu::Normalizer2::getNFCInstance(ec)
                                                    : icu::Normalizer2::getNFKCInstance(ec);
  return U_SUCCESS(ec) ? n : nullptr;
}

}  // namespace

std::uint64_t icu_safe_mask(icu_form form, std::uint32_t block) noexcept {
  if (block >= 0x110000u / 64) return 0;
  const UProperty qc = form == icu_form::nfc ? UCHAR_NFC_QUICK_CHECK : UCHAR_NFKC_QUICK_CHECK;
  std::uint64_t mask = 0;
  for (std::uint32_t i = 0; i < 64; ++i) {
    const UChar32 c = static_cast<UChar32>(block * 64 + i);
    if (c >= 0xD800 && c <= 0xDFFF) continue;  // never in valid UTF-8
    if (u_getIntPropertyValue(c, qc) == UNORM_YES && u_getCombiningClass(c) == 0)
      mask |= std::uint64_t{1} << i;
  }
  return mask;
}

bool icu_is_normalized(icu_form form, std::string_view utf8) noexcept {
  const icu::Normalizer2* n = instance(form);
  if (n == nullptr) return true;
  UErrorCode ec = U_ZERO_ERROR;
  const bool yes = n->isNormalizedUTF8(
      icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())), ec);
  return U_FAILURE(ec) ? true : yes;
}

bool icu_normalize(icu_form form, std::string_view utf8, std::string& out) {
  const icu::Normalizer2* n = instance(form);
  if (n == nullptr) return false;
  out.clear();
  icu::StringByteSink<std::string> sink(&out, static_cast<std::int32_t>(utf8.size()) + 16);
  UErrorCode ec = U_ZERO_ERROR;
  n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())),
                   sink, nullptr, ec);
  if (ec == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  return U_SUCCESS(ec);
}

std::int32_t icu_compose_pair(std::uint32_t a, std::uint32_t b) noexcept {
  const icu::Normalizer2* n = instance(icu_form::nfc);
  if (n == nullptr) return -1;
  const UChar32 c = n->composePair(static_cast<UChar32>(a), static_cast<UChar32>(b));
  return c < 0 ? -1 : static_cast<std::int32_t>(c);
}

}  // namespace norm::detail
