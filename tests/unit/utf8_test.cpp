#include <gtest/gtest.h>

#include <string>

#include "norm/utf8.hpp"

namespace {

struct utf8_case {
  const char* id;
  std::string bytes;
  bool valid;
  std::uint64_t offset;
};

TEST(Utf8, TableOfCases) {
  const utf8_case cases[] = {
      {"empty", "", true, 0},
      {"ascii", "hello world, this is a long ascii run!", true, 0},
      {"two-byte", "caf\xC3\xA9", true, 0},
      {"three-byte", "\xE4\xB8\xAD\xE6\x96\x87", true, 0},
      {"four-byte", "\xF0\x9F\x98\x80", true, 0},
      {"max", "\xF4\x8F\xBF\xBF", true, 0},
      {"above-max", "ab\xF4\x90\x80\x80", false, 2},
      {"overlong-2", "\xC0\xAF", false, 0},
      {"overlong-3", "x\xE0\x80\xAF", false, 1},
      {"overlong-4", "\xF0\x80\x80\xAF", false, 0},
      {"surrogate-cesu8", "\xED\xA0\x80", false, 0},
      {"lone-continuation", "abc\x80", false, 3},
      {"truncated-end", "abc\xE4\xB8", false, 3},
      {"lead-then-ascii", "\xE4" "a", false, 0},
      {"f5", "\xF5\x80\x80\x80", false, 0},
      {"gbk-bytes", "\xD6\xD0\xCE\xC4", false, 0},
      {"after-16-ascii", std::string(17, 'a') + "\xFF", false, 17},
  };
  for (const auto& c : cases) {
    norm::utf8_check r = norm::validate_utf8(c.bytes);
    EXPECT_EQ(r.valid, c.valid) << c.id;
    if (!c.valid) {
      EXPECT_EQ(r.error_offset, c.offset) << c.id;
    }
    EXPECT_EQ(norm::is_valid_utf8(c.bytes), c.valid) << c.id;
  }
}

TEST(Utf8, ExhaustiveTwoAndThreeByteAgreeWithDecoding) {
  // Every code point U+0000..U+FFFF encodes to something we accept, except
  // surrogates, which we reject.
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    std::string s;
    if (cp < 0x80) {
      s.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    ASSERT_EQ(norm::is_valid_utf8(s), !surrogate) << std::hex << static_cast<std::uint32_t>(cp);
  }
}

TEST(Utf8, CompletePrefix) {
  EXPECT_EQ(norm::utf8_complete_prefix(""), 0u);
  EXPECT_EQ(norm::utf8_complete_prefix("abc"), 3u);
  EXPECT_EQ(norm::utf8_complete_prefix("ab\xE4"), 2u);
  EXPECT_EQ(norm::utf8_complete_prefix("ab\xE4\xB8"), 2u);
  EXPECT_EQ(norm::utf8_complete_prefix("ab\xE4\xB8\xAD"), 5u);
  EXPECT_EQ(norm::utf8_complete_prefix("\xF0\x9F\x98"), 0u);
  EXPECT_EQ(norm::utf8_complete_prefix("\xC3"), 0u);
}

}  // namespace
