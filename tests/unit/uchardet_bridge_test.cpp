// The uchardet bridge (RELIABILITY.md R11): bounded chunks, no trust in its
// UTF-8 answers, and the upstream hazards exercised without a crash (this
// suite also runs under ASan: NORM_SANITIZE=ON).
#include <gtest/gtest.h>

#include <string>

#include "bridges/uchardet_bridge.hpp"
#include "norm/norm.hpp"

namespace {

TEST(UchardetBridge, GuessesOrdinaryGbk) {
  // "zhong wen bian ma jian ce" x 40 in GBK.
  std::string gbk;
  for (int i = 0; i < 40; ++i) gbk += "\xD6\xD0\xCE\xC4\xB1\xE0\xC2\xEB\xBC\xEC\xB2\xE2\xA3\xAC";
  norm::encoding e = norm::detail::uchardet_guess(gbk);
  EXPECT_EQ(norm::family(e), norm::encoding_family::chinese_simplified) << norm::name(e);
}

TEST(UchardetBridge, SeesAtMost64KiB) {
  // 1 MiB of ASCII then GBK: the bridge only passes the first 64 KiB, so
  // uchardet sees pure ASCII (reported as unknown by the bridge).
  std::string s(1 << 20, 'a');
  s += "\xD6\xD0\xCE\xC4";
  EXPECT_EQ(norm::detail::uchardet_guess(s), norm::encoding::unknown);
}

TEST(UchardetBridge, HazardsDoNotCrash) {
  // Multi-byte input after a long single-byte run; a lone lead byte at the
  // end; BD 00 + a run of 'S' (the quadratic case for chardet-style code).
  std::string a(60000, 'x');
  a += "\xE4\xB8\xAD\xE6\x96\x87\x82\xA0\x82";
  (void)norm::detail::uchardet_guess(a);
  (void)norm::detail::uchardet_guess("\x81");
  std::string b("\xBD\x00", 2);
  b += std::string(32768, 'S');
  (void)norm::detail::uchardet_guess(b);
  for (int lead = 0x80; lead < 0x100; ++lead) {
    std::string c(3000, 'y');
    c.push_back(static_cast<char>(lead));
    (void)norm::detail::uchardet_guess(c);
  }
  SUCCEED();
}

TEST(UchardetBridge, VoteNeverOverridesUtf8Validation) {
  norm::detect_options o;
  o.uchardet_vote = true;
  norm::detection d = norm::detect("\xC3\x28 caf\xE9", o);
  EXPECT_NE(d.best(), norm::encoding::utf8);
}

}  // namespace
