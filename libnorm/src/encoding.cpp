// The encoding registry: names, aliases, families. Pure data, no ICU.
#include "norm/encoding.hpp"

#include <array>
#include <cstddef>

namespace norm {
namespace {

using F = encoding_family;
using E = encoding;

struct entry {
  E enc;
  std::string_view name;
  F fam;
  bool single_byte;
  bool ascii_compatible;
  // Aliases, '|'-separated, compared after normalization (lower case, no
  // '-', '_', ' ', '.').
  std::string_view aliases;
};

constexpr entry kEntries[] = {
    {E::ascii, "US-ASCII", F::unicode, false, true, "ascii|usascii|ansix3.41968|iso646us|us|cp367|ibm367"},
    {E::utf8, "UTF-8", F::unicode, false, true, "utf8|unicode11utf8|cp65001"},
    {E::utf16le, "UTF-16LE", F::unicode, false, false, "utf16le|ucs2le"},
    {E::utf16be, "UTF-16BE", F::unicode, false, false, "utf16be|ucs2be|utf16|ucs2"},
    {E::utf32le, "UTF-32LE", F::unicode, false, false, "utf32le|ucs4le"},
    {E::utf32be, "UTF-32BE", F::unicode, false, false, "utf32be|ucs4be|utf32|ucs4"},
    {E::gb18030, "GB18030", F::chinese_simplified, false, true, "gb18030|gb180302000|gb180302005|cp54936|windows54936"},
    {E::gbk, "GBK", F::chinese_simplified, false, true, "gbk|cp936|windows936|ms936|936|xgbk"},
    {E::gb2312, "GB2312", F::chinese_simplified, false, true, "gb2312|euccn|xeuccn|csgb2312|gb231280|chinese"},
    {E::hz, "HZ-GB-2312", F::chinese_simplified, false, false, "hzgb2312|hz"},
    {E::big5, "Big5", F::chinese_traditional, false, true, "big5|cp950|windows950|ms950|csbig5|xxbig5|big5tw"},
    {E::big5_hkscs, "Big5-HKSCS", F::chinese_traditional, false, true, "big5hkscs|hkscs|big5hk"},
    {E::euc_tw, "EUC-TW", F::chinese_traditional, false, true, "euctw|xeuctw|cns11643|cp964|ibm964"},
    {E::shift_jis, "Shift_JIS", F::japanese, false, true, "shiftjis|sjis|xsjis|csshiftjis|mskanji"},
    {E::cp932, "windows-31j", F::japanese, false, true, "windows31j|cp932|ms932|windows932|csWindows31J"},
    {E::euc_jp, "EUC-JP", F::japanese, false, true, "eucjp|xeucjp|ujis|cseucpkdfmtjapanese"},
    {E::iso2022jp, "ISO-2022-JP", F::japanese, false, false, "iso2022jp|csiso2022jp|jis"},
    {E::euc_kr, "EUC-KR", F::korean, false, true, "euckr|cseuckr|ksc56011987|ksx1001|korean|ksc5601"},
    {E::cp949, "windows-949", F::korean, false, true, "windows949|cp949|uhc|ms949|ksc56011989"},
    {E::johab, "Johab", F::korean, false, true, "johab|cp1361|ms1361|ibm1361"},
    {E::iso2022kr, "ISO-2022-KR", F::korean, false, false, "iso2022kr|csiso2022kr"},
    {E::windows1250, "windows-1250", F::central_european, true, true, "windows1250|cp1250|xcp1250"},
    {E::windows1251, "windows-1251", F::cyrillic, true, true, "windows1251|cp1251|xcp1251"},
    {E::windows1252, "windows-1252", F::western, true, true, "windows1252|cp1252|xcp1252"},
    {E::windows1253, "windows-1253", F::greek, true, true, "windows1253|cp1253"},
    {E::windows1254, "windows-1254", F::turkish, true, true, "windows1254|cp1254"},
    {E::windows1255, "windows-1255", F::hebrew, true, true, "windows1255|cp1255"},
    {E::windows1256, "windows-1256", F::arabic, true, true, "windows1256|cp1256"},
    {E::windows1257, "windows-1257", F::baltic, true, true, "windows1257|cp1257"},
    {E::windows1258, "windows-1258", F::vietnamese, true, true, "windows1258|cp1258"},
    {E::iso8859_1, "ISO-8859-1", F::western, true, true, "iso88591|latin1|l1|cp819|ibm819|iso885911987|csisolatin1"},
    {E::iso8859_2, "ISO-8859-2", F::central_european, true, true, "iso88592|latin2|l2|csisolatin2"},
    {E::iso8859_3, "ISO-8859-3", F::south_european, true, true, "iso88593|latin3|l3|csisolatin3"},
    {E::iso8859_4, "ISO-8859-4", F::baltic, true, true, "iso88594|latin4|l4|csisolatin4"},
    {E::iso8859_5, "ISO-8859-5", F::cyrillic, true, true, "iso88595|cyrillic|csisolatincyrillic"},
    {E::iso8859_6, "ISO-8859-6", F::arabic, true, true, "iso88596|arabic|csisolatinarabic|asmo708|ecma114"},
    {E::iso8859_7, "ISO-8859-7", F::greek, true, true, "iso88597|greek|greek8|csisolatingreek|ecma118|elot928"},
    {E::iso8859_8, "ISO-8859-8", F::hebrew, true, true, "iso88598|hebrew|csisolatinhebrew|iso88598i|iso88598e"},
    {E::iso8859_9, "ISO-8859-9", F::turkish, true, true, "iso88599|latin5|l5|csisolatin5"},
    {E::iso8859_10, "ISO-8859-10", F::nordic, true, true, "iso885910|latin6|l6|csisolatin6"},
    {E::iso8859_11, "ISO-8859-11", F::thai, true, true, "iso885911|xiso885911"},
    {E::iso8859_13, "ISO-8859-13", F::baltic, true, true, "iso885913|latin7|l7"},
    {E::iso8859_14, "ISO-8859-14", F::celtic, true, true, "iso885914|latin8|l8"},
    {E::iso8859_15, "ISO-8859-15", F::western, true, true, "iso885915|latin9|l9|latin0"},
    {E::iso8859_16, "ISO-8859-16", F::central_european, true, true, "iso885916|latin10|l10"},
    {E::koi8_r, "KOI8-R", F::cyrillic, true, true, "koi8r|koi8|cskoi8r"},
    {E::koi8_u, "KOI8-U", F::cyrillic, true, true, "koi8u"},
    {E::macroman, "macintosh", F::western, true, true, "macintosh|macroman|mac|xmacroman|csmacintosh"},
    {E::maccyrillic, "x-mac-cyrillic", F::cyrillic, true, true, "xmaccyrillic|maccyrillic|xmacukrainian"},
    {E::ibm866, "IBM866", F::cyrillic, true, true, "ibm866|cp866|866|csibm866"},
    {E::cp437, "IBM437", F::western, true, true, "ibm437|cp437|437|cspc8codepage437"},
    {E::tis620, "TIS-620", F::thai, true, true, "tis620|tis6200|tis62025291|tis62025330"},
    {E::windows874, "windows-874", F::thai, true, true, "windows874|cp874|ibm874|dos874"},
    {E::viscii, "VISCII", F::vietnamese, true, true, "viscii|csviscii|viscii11"},
};

static_assert(std::size(kEntries) == static_cast<std::size_t>(E::count_) - 1,
              "every encoding needs a registry entry");

constexpr auto make_all() {
  std::array<E, std::size(kEntries)> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = kEntries[i].enc;
  return a;
}
constexpr auto kAll = make_all();

const entry* find(E e) noexcept {
  auto i = static_cast<std::size_t>(e);
  if (i == 0 || i > std::size(kEntries)) return nullptr;
  return &kEntries[i - 1];  // kEntries is in enum order (checked in tests)
}

char fold(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool ignorable(char c) noexcept {
  return c == '-' || c == '_' || c == ' ' || c == '.' || c == ':';
}

// Compares `raw` (a user's spelling) with `norm_alias` (already folded).
bool same_name(std::string_view raw, std::string_view norm_alias) noexcept {
  std::size_t j = 0;
  for (char c : raw) {
    if (ignorable(c)) continue;
    if (j >= norm_alias.size() || fold(c) != fold(norm_alias[j])) return false;
    ++j;
  }
  return j == norm_alias.size();
}

}  // namespace

std::string_view name(E e) noexcept {
  const entry* p = find(e);
  return p ? p->name : std::string_view("unknown");
}

std::string_view name(F f) noexcept {
  switch (f) {
    case F::unknown: return "unknown";
    case F::unicode: return "unicode";
    case F::chinese_simplified: return "chinese-simplified";
    case F::chinese_traditional: return "chinese-traditional";
    case F::japanese: return "japanese";
    case F::korean: return "korean";
    case F::western: return "western";
    case F::central_european: return "central-european";
    case F::south_european: return "south-european";
    case F::nordic: return "nordic";
    case F::baltic: return "baltic";
    case F::celtic: return "celtic";
    case F::cyrillic: return "cyrillic";
    case F::greek: return "greek";
    case F::turkish: return "turkish";
    case F::hebrew: return "hebrew";
    case F::arabic: return "arabic";
    case F::thai: return "thai";
    case F::vietnamese: return "vietnamese";
  }
  return "unknown";
}

std::optional<E> encoding_from_name(std::string_view raw) noexcept {
  if (raw.empty() || raw.size() > 64) return std::nullopt;
  for (const entry& en : kEntries) {
    if (same_name(raw, en.name)) return en.enc;
    std::string_view rest = en.aliases;
    while (!rest.empty()) {
      std::size_t bar = rest.find('|');
      std::string_view alias = rest.substr(0, bar);
      if (same_name(raw, alias)) return en.enc;
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
  }
  return std::nullopt;
}

F family(E e) noexcept {
  const entry* p = find(e);
  return p ? p->fam : F::unknown;
}

bool is_single_byte(E e) noexcept {
  const entry* p = find(e);
  return p && p->single_byte;
}

bool is_ascii_compatible(E e) noexcept {
  const entry* p = find(e);
  return p && p->ascii_compatible;
}

std::span<const E> all_encodings() noexcept { return {kAll.data(), kAll.size()}; }

}  // namespace norm
