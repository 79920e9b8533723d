// The markers fixer (libnorm/src/fix/markers.hpp): kunjinkao back to
// U+FFFD (counts per byte), MSVC fill, U+FFFD runs, '?' markers, HTML
// character references (decoded only in plain text, idempotent), the
// report-only modes, norm::inspect, and norm::fix with trace and replay.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "fix/markers.hpp"
#include "norm/norm.hpp"

namespace {

using norm::detail::repair_markers;

std::string apply_out(std::string_view text, const norm::detail::stage_output& out) {
  std::string s;
  std::size_t pos = 0;
  for (const auto& e : out.edits) {
    EXPECT_GE(e.begin, pos);
    EXPECT_LE(e.end, text.size());
    s.append(text.substr(pos, e.begin - pos));
    s.append(e.after);
    pos = e.end;
  }
  s.append(text.substr(pos));
  return s;
}

std::string repair(std::string_view text, const norm::fix_options& o = {}) {
  const std::string once = apply_out(text, repair_markers(text, o));
  EXPECT_TRUE(repair_markers(once, o).edits.empty()) << "not idempotent on: " << once;
  return once;
}

std::vector<std::string> kinds(std::string_view text, const norm::fix_options& o = {}) {
  std::vector<std::string> k;
  for (const auto& f : repair_markers(text, o).findings) k.push_back(f.kind);
  return k;
}

#define KUN "\u951f"
#define JIN "\u65a4"
#define KAO "\u62f7"
#define R "\ufffd"

TEST(MarkersTest, KunjinkaoBackToReplacementCharacters) {
  // Each U+FFFD is EF BF BD; two read as GBK are kun jin kao.
  EXPECT_EQ(repair("a" KUN JIN KAO "b"), "a" R R "b");
  EXPECT_EQ(repair(KUN JIN KAO KUN JIN KAO), R R R R);
  // Odd counts: the bytes end inside a U+FFFD, which still stood for a
  // character: kun jin = EF BF BD EF -> 2; kun jin kao kun -> 3.
  EXPECT_EQ(repair(KUN JIN), R R);
  EXPECT_EQ(repair("x" KUN JIN KAO KUN "y"), "x" R R R "y");
  // ... and the decoder's mark for the unpaired BD is absorbed.
  EXPECT_EQ(repair(KUN JIN KAO KUN "?y"), R R R "y");
  EXPECT_EQ(repair(KUN JIN KAO KUN R "y"), R R R "y");
  // Led by the tail of a U+FFFD whose head was lost: one more.
  EXPECT_EQ(repair(KAO KUN JIN KAO), R R R);
  EXPECT_EQ(repair(JIN KAO KUN JIN KAO), R R R R);
  // A lone kun, and jin/kao in words ("kilogram" gong1 jin1; "copy"
  // kao3 bei4) are left.
  for (std::string s : {std::string(KUN), std::string("\u516c" JIN), std::string(KAO "\u8c9d"),
                        std::string(JIN KAO "\u8c9d"), std::string(KUN "?")})
    EXPECT_EQ(repair(s), s);
  const auto out = repair_markers("a" KUN JIN KAO "b", {});
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].kind, "kunjinkao");
  EXPECT_EQ(out.findings[0].begin, 1u);
  EXPECT_EQ(out.findings[0].end, 10u);
  EXPECT_TRUE(out.findings[0].repaired);
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].action, "replace");
  EXPECT_EQ(out.edits[0].parameter, "kunjinkao");
}

TEST(MarkersTest, ReportOnlyWhenRepairIsOff) {
  norm::fix_options o;
  o.repair_markers = false;
  const std::string in = "a" KUN JIN KAO "b";
  const auto out = repair_markers(in, o);
  EXPECT_TRUE(out.edits.empty());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_FALSE(out.findings[0].repaired);
}

TEST(MarkersTest, MsvcFillAndReplacementRuns) {
  EXPECT_EQ(kinds("x\u70eb\u70eb\u70eb\u70eby"), std::vector<std::string>{"msvc-fill"});
  EXPECT_EQ(kinds("x\u5c6f\u5c6f\u5c6fy"), std::vector<std::string>{"msvc-fill"});
  EXPECT_TRUE(kinds("\u70eb\u70eb\u7684").empty());  // two: a word
  EXPECT_EQ(kinds("a" R R R "b" R), (std::vector<std::string>{"replacement-run",
                                                                "replacement-run"}));
  const auto out = repair_markers("ab" R R "c", {});
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].begin, 2u);
  EXPECT_EQ(out.findings[0].end, 8u);
  EXPECT_TRUE(out.edits.empty());  // reported only
}

TEST(MarkersTest, QuestionMarkers) {
  // '?' on each side of a short heading.
  EXPECT_EQ(kinds("\u6b63\u6587\n?\u7b2c\u4e00\u7ae0?\n\u6b63\u6587"),
            std::vector<std::string>{"question-marker"});
  EXPECT_EQ(kinds("  ??\u516c\u544a??  \n"), std::vector<std::string>{"question-marker"});
  // Lost bullets: two or more lines.
  EXPECT_EQ(kinds("?\u65b0\u589e\n? \u4fee\u6b63\n"),
            (std::vector<std::string>{"question-marker", "question-marker"}));
  EXPECT_TRUE(kinds("?\u65b0\u589e\n").empty());
  // Questions are questions.
  EXPECT_TRUE(kinds("\u4f60\u597d?\n\u662f\u55ce?\u6211\u4e0d\u77e5\u9053?\n").empty());
  EXPECT_TRUE(kinds("?\n??\n? yes\n?abc?\n").empty());
  // A long line between '?' is prose.
  EXPECT_TRUE(kinds("?\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u4e00\u4e8c"
                    "\u4e09\u56db\u4e94\u516d\u4e03?")
                  .empty());
}

TEST(MarkersTest, HtmlEntitiesInPlainText) {
  EXPECT_EQ(repair("AT&amp;T"), "AT&T");
  EXPECT_EQ(repair("&#20013;&#x6587;"), "\u4e2d\u6587");
  EXPECT_EQ(repair("a&nbsp;b &lt;p&gt; &quot;x&quot; &hellip;"),
            "a\u00a0b <p> \"x\" \u2026");
  // Idempotence: decoding "&amp;lt;" once would make "&lt;".
  EXPECT_EQ(repair("&amp;lt;"), "&amp;lt;");
  EXPECT_EQ(repair("&amp;amp;amp;"), "&amp;amp;amp;");
  EXPECT_EQ(repair("&amp;#38;"), "&amp;#38;");
  EXPECT_EQ(repair("&amp;&amp;"), "&&");
  // Results that could form a reference with their neighbours are left.
  EXPECT_EQ(repair("&am&#112;;"), "&am&#112;;");
  EXPECT_EQ(repair("&#59;&#35;"), "&#59;&#35;");
  // References to no usable character; unknown names; no ';'.
  for (std::string s : {"&#0;", "&#xD800;", "&#x110000;", "&#1;", "&#99999999999;", "&foo;",
                        "&amp", "& amp;", "&#;", "&#x;"})
    EXPECT_EQ(repair(s), s) << s;
  const auto out = repair_markers("x &amp; y", {});
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].kind, "html-entity");
  EXPECT_EQ(out.findings[0].begin, 2u);
  EXPECT_EQ(out.findings[0].end, 7u);
  EXPECT_TRUE(out.findings[0].repaired);
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].action, "decode");
}

TEST(MarkersTest, EntitiesLeftInHtmlAndCode) {
  for (std::string s : {"<p>a &amp; b</p>", "<div class=\"x\">&lt;</div>", "see </a> &amp;",
                        "#include <x>\nint a = b &amp;&amp; c;",
                        "if (a) { return b &lt; c; }\nconst x = 1;",
                        "std::cout << \"&amp;\";"}) {
    EXPECT_TRUE(norm::detail::looks_like_markup_or_code(s)) << s;
    EXPECT_EQ(repair(s), s) << s;
    EXPECT_FALSE(kinds(s).empty()) << s;  // still reported
  }
  for (std::string s : {"a < b and c > d", "AT&amp;T", "x<1", "\u4e2d\u6587 &amp; text",
                        "I return home"})
    EXPECT_FALSE(norm::detail::looks_like_markup_or_code(s)) << s;
  norm::fix_options o;
  o.decode_html_entities = false;
  EXPECT_EQ(repair("AT&amp;T", o), "AT&amp;T");
  EXPECT_EQ(kinds("AT&amp;T", o), std::vector<std::string>{"html-entity"});
}

TEST(MarkersTest, IdempotentOnRandomStrings) {
  const std::vector<std::string> pieces = {KUN, JIN, KAO, R, "?", "&", "amp;", "lt;", "#38;",
                                           "#x26;", ";", "a", "\n", "\u70eb", "\u4e2d", "<p>",
                                           "#", "1"};
  std::mt19937 rng(12345);
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const int len = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) s += pieces[rng() % pieces.size()];
    const std::string once = apply_out(s, repair_markers(s, {}));
    const std::string twice = apply_out(once, repair_markers(once, {}));
    ASSERT_EQ(once, twice) << "input: " << s;
  }
}

TEST(MarkersTest, InspectReportsMarkers) {
  const std::string in = "a" KUN JIN KAO "b &amp; c " R "\n";
  auto r = norm::inspect(in);
  ASSERT_TRUE(r);
  std::vector<std::string> k;
  for (const auto& f : r->markers) k.push_back(f.kind);
  EXPECT_EQ(k, (std::vector<std::string>{"kunjinkao", "html-entity", "replacement-run"}));
  EXPECT_EQ(r->markers[0].fixer, "markers");
}

TEST(MarkersTest, InsideFixWithTraceAndReplay) {
  // The repair stage (mojibake, misalignment) may read kun jin kao as UTF-8
  // bytes decoded as GBK and repair it first; turned off here so that this
  // fixer's steps are the ones seen.
  const std::string in = "\u6a19\u984c" KUN JIN KAO " AT&amp;T\n";
  norm::fix_options o;
  o.explain = true;
  o.repair_mojibake = false;
  o.repair_misalignment = false;
  auto r = norm::fix(in, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\u6a19\u984c" R R " AT&T\n");
  std::size_t steps = 0;
  for (const auto& s : r->trace)
    if (s.fixer == "markers") {
      ++steps;
      EXPECT_EQ(s.stage, norm::fix_stage::strip);
    }
  EXPECT_EQ(steps, 2u);
  std::size_t found = 0;
  for (const auto& f : r->findings)
    if (f.fixer == "markers") ++found;
  EXPECT_EQ(found, 2u);
  auto again = norm::replay(in, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);
  norm::fix_options keep;
  keep.repair_mojibake = false;
  keep.repair_misalignment = false;
  keep.repair_markers = false;
  keep.decode_html_entities = false;
  auto k = norm::fix(in, keep);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->text, in);
}

TEST(MarkersTest, FindingsAreCapped) {
  std::string in;
  for (int i = 0; i < 5000; ++i) in += "&amp;";
  const auto out = repair_markers(in, {});
  EXPECT_EQ(apply_out(in, out), std::string(5000, '&'));
  EXPECT_EQ(out.findings.size(), 1000u);
  // Repairs a few bytes apart are merged into edits of at most 4 KiB.
  EXPECT_LT(out.edits.size(), 10u);
  for (const auto& e : out.edits) EXPECT_LE(e.end - e.begin, 4096u);
  const auto spaced = repair_markers("&amp; x &amp;  &lt;          &gt;", {});
  ASSERT_EQ(spaced.edits.size(), 2u);  // gaps of 3 and 2 bytes merge; 10 do not
  EXPECT_EQ(spaced.edits[0].after, "& x &  <");
}

TEST(MarkersTest, LinearOnHostileInput) {
  // The best of 3 runs (the machine is shared and noisy).
  const auto time_of = [](const std::string& s) {
    double best = 1e9;
    for (int k = 0; k < 3; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      auto out = repair_markers(s, {});
      const auto t1 = std::chrono::steady_clock::now();
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
  };
  for (std::string unit : {std::string("&amp;"), std::string("&amp;amp;"), std::string(KUN JIN),
                           std::string(JIN KAO "x"), std::string("&#x1234567"),
                           std::string("?\u4e00\n"), std::string(R)}) {
    std::string small;
    for (int i = 0; i < 50000; ++i) small += unit;
    std::string large = small + small + small + small;
    const double ts = time_of(small);
    const double tl = time_of(large);
    EXPECT_LT(tl, ts * 4 * 3 + 0.1) << unit << ": " << ts << " " << tl;
  }
}

}  // namespace
