#include <gtest/gtest.h>

#include <random>
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

// Unicode Table 3-7, one byte at a time: the reference for the fast loops.
norm::utf8_check reference_check(std::string_view b) {
  norm::utf8_check r;
  std::size_t i = 0;
  while (i < b.size()) {
    const auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    bool ok = len != 0 && i + len <= b.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto d = static_cast<unsigned char>(b[i + k]);
      ok = k == 1 ? d >= lo && d <= hi : (d & 0xC0) == 0x80;
    }
    if (!ok) {
      r.valid = false;
      r.error_offset = i;
      return r;
    }
    ++r.non_ascii;
    i += len;
  }
  return r;
}

TEST(Utf8, RunsOfSequencesAgreeWithReference) {
  // Every BMP code point inside a run of multi-byte characters (the
  // four-bytes-at-a-time loop), then random byte damage to such runs.
  const std::string pad = "\xD0\xB6\xE4\xB8\xAD\xD1\x8F";
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    std::string s = pad;
    if (cp < 0x800) {
      s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    s += pad;
    const norm::utf8_check r = norm::validate_utf8(s), ref = reference_check(s);
    ASSERT_EQ(r.valid, ref.valid) << std::hex << static_cast<std::uint32_t>(cp);
    ASSERT_EQ(r.non_ascii, ref.non_ascii) << std::hex << static_cast<std::uint32_t>(cp);
  }
  std::mt19937 rng(99);
  const std::string base = "\xE4\xB8\xAD\xE6\x96\x87 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "
                           "\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD\xE0\xA0\x80\xC2\x80\xDF\xBF"
                           "\xF0\x9F\x98\x80\xE4\xB8\xAD\xE6\x96\x87\xD0\xBF\xD1\x80";
  for (int k = 0; k < 200000; ++k) {
    std::string s = base;
    const int damage = static_cast<int>(rng() % 3) + 1;
    for (int d = 0; d < damage; ++d) {
      const std::size_t at = rng() % s.size();
      const unsigned r = rng() % 3;
      if (r == 0) s[at] = static_cast<char>(rng() % 256);
      else if (r == 1) s.erase(at, 1);
      else s.insert(at, 1, static_cast<char>(0x80 + rng() % 0x80));
    }
    const norm::utf8_check r = norm::validate_utf8(s), ref = reference_check(s);
    ASSERT_EQ(r.valid, ref.valid) << k;
    if (ref.valid) {
      ASSERT_EQ(r.non_ascii, ref.non_ascii) << k;
    } else {
      ASSERT_EQ(r.error_offset, ref.error_offset) << k;
    }
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
