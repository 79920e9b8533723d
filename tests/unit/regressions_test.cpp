// Named tests for fuzz findings (RELIABILITY.md R2). Each input is also in
// corpora/regressions/<target>/, replayed through the fuzzer's oracles by
// ctest (fuzz_replay_<target>).
#include <gtest/gtest.h>

#include <string>

#include "norm/norm.hpp"

namespace {

// decode_fuzzer: ISO-2022-JP with an invalid escape (ESC $ F) and
// unfinished ones (ESC ( ESC ( 04) decoded differently in 1-byte chunks
// than whole, because ICU's handling of a bad escape depended on where the
// input was cut. Stateful decoders now cut only after a newline.
TEST(Regression, Iso2022JpInvalidEscapeSplitAnywhere) {
  const std::string in("\x1B$FBK|\\bc\x1B(\x1B(\x04");
  norm::decode_options o;
  o.on_error = norm::error_policy::replace;
  auto whole = norm::decode(in, norm::encoding::iso2022jp, o);
  ASSERT_TRUE(whole.ok());
  auto d = norm::decoder::create(norm::encoding::iso2022jp, o);
  ASSERT_TRUE(d.ok());
  std::string out;
  for (char c : in) ASSERT_TRUE(d->feed(std::string_view(&c, 1), out).ok());
  ASSERT_TRUE(d->finish(out).ok());
  EXPECT_EQ(out, whole->text);
  EXPECT_EQ(d->report().invalid_count, whole->report.invalid_count);
  ASSERT_EQ(d->report().invalid.size(), whole->report.invalid.size());
  for (std::size_t i = 0; i < whole->report.invalid.size(); ++i) {
    EXPECT_EQ(d->report().invalid[i].offset, whole->report.invalid[i].offset);
    EXPECT_EQ(d->report().invalid[i].length, whole->report.invalid[i].length);
  }
}

// detect_fuzzer: a UTF-8 BOM followed by a lone continuation byte was
// called UTF-8 (the BOM was trusted over the bytes).
TEST(Regression, Utf8BomThenInvalidIsNotUtf8) {
  norm::detection d = norm::detect("\xEF\xBB\xBF\xBF");
  EXPECT_NE(d.best(), norm::encoding::utf8);
}

}  // namespace

namespace {

// detect_fuzzer: "MZ" then 0xFF bytes: e_lfanew = 0xFFFFFFFF wrapped the
// 32-bit bounds check of the PE signature test and std::string_view::
// compare threw (an exception across the API).
TEST(Regression, MzHeaderWithHugePeOffsetDoesNotThrow) {
  std::string s("MZ\xB6\x0A", 4);
  s += std::string(107, '\xFF');
  norm::detection d = norm::detect(s);
  EXPECT_TRUE(d.kind == norm::content_kind::text || d.reason != norm::binary_reason::none);
  std::string pe("MZ", 2);
  pe += std::string(0x3A, '\0');
  pe += std::string("\x40\x00\x00\x00", 4);
  pe += std::string("PE\0\0", 4);
  pe += std::string(64, '\0');
  EXPECT_EQ(norm::detect(pe).detail, "PE executable");
}

}  // namespace

namespace {

// fix_fuzzer: the byte 0x97 alone (cp1252's em dash, three bytes of UTF-8)
// through a fix_stream whose segments were 2 bytes: no character boundary
// in the segment, and the cut fell inside the character (fix() then failed
// on invalid UTF-8). A segment smaller than its first character now holds
// the character whole.
TEST(Regression, StreamSegmentSmallerThanACharacter) {
  for (std::size_t segment : {1u, 2u, 3u, 5u}) {
    norm::fix_stream_options so;
    so.segment_bytes = segment;
    auto st = norm::fix_stream::create({}, so);
    ASSERT_TRUE(st.ok());
    std::string out;
    ASSERT_TRUE(st->feed("\x97", out).ok());
    ASSERT_TRUE(st->finish(out).ok()) << "segment " << segment;
    auto whole = norm::fix_bytes("\x97");
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(out, whole->text);
    // and text of 2-, 3- and 4-byte characters in segments of one byte
    auto s2 = norm::fix_stream::create({}, so);
    ASSERT_TRUE(s2.ok());
    const std::string text = "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80 \xE6\x96\x87\n";
    std::string o2;
    ASSERT_TRUE(s2->feed(text, o2).ok());
    ASSERT_TRUE(s2->finish(o2).ok());
    EXPECT_EQ(o2, text);
  }
}

}  // namespace
