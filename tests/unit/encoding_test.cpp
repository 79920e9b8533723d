#include <gtest/gtest.h>

#include <set>
#include <string>

#include "norm/norm.hpp"

namespace {

TEST(Encoding, EveryEncodingHasAUniqueNameThatRoundTrips) {
  std::set<std::string> seen;
  for (norm::encoding e : norm::all_encodings()) {
    std::string n(norm::name(e));
    EXPECT_NE(n, "unknown");
    EXPECT_TRUE(seen.insert(n).second) << n;
    auto back = norm::encoding_from_name(n);
    ASSERT_TRUE(back.has_value()) << n;
    EXPECT_EQ(*back, e) << n;
  }
  EXPECT_EQ(norm::all_encodings().size(),
            static_cast<std::size_t>(norm::encoding::count_) - 1);
}

TEST(Encoding, AliasesAreCaseAndPunctuationInsensitive) {
  using norm::encoding;
  const std::pair<const char*, encoding> cases[] = {
      {"utf8", encoding::utf8},        {"UTF-8", encoding::utf8},
      {"cp936", encoding::gbk},        {"Latin-1", encoding::iso8859_1},
      {"latin1", encoding::iso8859_1}, {"SJIS", encoding::shift_jis},
      {"shift-jis", encoding::shift_jis}, {"CP932", encoding::cp932},
      {"big5hkscs", encoding::big5_hkscs}, {"koi8_r", encoding::koi8_r},
      {"ISO_8859-16", encoding::iso8859_16}, {"windows-1258", encoding::windows1258},
      {"euc_kr", encoding::euc_kr},    {"UHC", encoding::cp949},
      {"mac", encoding::macroman},     {"cp866", encoding::ibm866},
  };
  for (const auto& [raw, want] : cases) {
    auto got = norm::encoding_from_name(raw);
    ASSERT_TRUE(got.has_value()) << raw;
    EXPECT_EQ(*got, want) << raw;
  }
}

TEST(Encoding, UnknownNamesAreRejected) {
  EXPECT_FALSE(norm::encoding_from_name("").has_value());
  EXPECT_FALSE(norm::encoding_from_name("klingon").has_value());
  EXPECT_FALSE(norm::encoding_from_name("utf-9").has_value());
  EXPECT_FALSE(norm::encoding_from_name(std::string(1000, 'a')).has_value());
  EXPECT_EQ(norm::name(norm::encoding::unknown), "unknown");
  EXPECT_EQ(norm::name(static_cast<norm::encoding>(9999)), "unknown");
}

TEST(Encoding, Families) {
  EXPECT_EQ(norm::family(norm::encoding::gbk), norm::encoding_family::chinese_simplified);
  EXPECT_EQ(norm::family(norm::encoding::big5), norm::encoding_family::chinese_traditional);
  EXPECT_EQ(norm::family(norm::encoding::koi8_u), norm::encoding_family::cyrillic);
  EXPECT_TRUE(norm::is_single_byte(norm::encoding::windows1252));
  EXPECT_FALSE(norm::is_single_byte(norm::encoding::gbk));
  EXPECT_FALSE(norm::is_ascii_compatible(norm::encoding::utf16le));
}

}  // namespace
