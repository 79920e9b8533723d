// The pinyin fixer (libnorm/src/fix/pinyin.hpp): syllable parsing, the
// Unihan table, the document-level evidence, the cases it must leave alone
// (real parentheses, lessons, wrong readings, an ASCII letter as base),
// idempotence, and the fixer inside norm::fix (trace, replay).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>

#include "fix/pinyin.hpp"
#include "norm/norm.hpp"

namespace {

using norm::detail::canonical_pinyin;
using norm::detail::is_reading_of;
using norm::detail::strip_pinyin;

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

std::string strip(std::string_view text, const norm::fix_options& o = {}) {
  return apply_out(text, strip_pinyin(text, o));
}

// Strips once, checks a second run makes no edit, returns the result.
std::string strip_checked(std::string_view text) {
  const std::string once = strip(text);
  EXPECT_TRUE(strip_pinyin(once, {}).edits.empty()) << "not idempotent on: " << once;
  return once;
}

// Characters (Traditional, as seed 004) and their default readings.
#define CHUN "\u6625"                 // chun1
#define JIE "\u7bc0"                  // jie2
#define JIE_PY "(ji\u00e9)"
#define YE "\u696d"                   // ye4
#define YE_PY "(y\u00e8)"
#define FA "\u767c"                   // fa1
#define FA_PY "(f\u0101)"
#define CHUANG "\u5275"               // chuang4
#define CHUANG_PY "(chu\u00e0ng)"
#define XING "\u884c"                 // xing2 / hang2
#define ZHANG "\u9577"                // zhang3 / chang2
#define HAO "\u597d"                  // hao3

TEST(PinyinTest, CanonicalSyllables) {
  EXPECT_EQ(canonical_pinyin("ji\u00e9"), "jie2");
  EXPECT_EQ(canonical_pinyin("jie2"), "jie2");
  EXPECT_EQ(canonical_pinyin("ji\u0065\u0301"), "jie2");  // combining acute
  EXPECT_EQ(canonical_pinyin("l\u01dc"), "lv4");
  EXPECT_EQ(canonical_pinyin("lu:4"), "lv4");
  EXPECT_EQ(canonical_pinyin("lv4"), "lv4");
  EXPECT_EQ(canonical_pinyin("de"), "de5");
  EXPECT_EQ(canonical_pinyin("zhu\u0101ng"), "zhuang1");
  EXPECT_EQ(canonical_pinyin(""), "");
  EXPECT_EQ(canonical_pinyin("DeepSeek"), "");
  EXPECT_EQ(canonical_pinyin("Nasdaq:NVDA"), "");
  EXPECT_EQ(canonical_pinyin("ji\u00e92"), "");       // mark and digit
  EXPECT_EQ(canonical_pinyin("j\u00e9\u00e9"), "");   // two marks
  EXPECT_EQ(canonical_pinyin("zhuangg"), "");         // 7 letters
  EXPECT_EQ(canonical_pinyin("ab1c"), "");            // digit inside
  EXPECT_EQ(canonical_pinyin("a b"), "");
}

TEST(PinyinTest, UnihanTable) {
  EXPECT_TRUE(is_reading_of(0x7BC0, "jie2"));    // jie2 (festival)
  EXPECT_TRUE(is_reading_of(0x884C, "xing2"));   // xing2 and hang2
  EXPECT_TRUE(is_reading_of(0x884C, "hang2"));
  EXPECT_TRUE(is_reading_of(0x9577, "zhang3"));  // zhang3 and chang2
  EXPECT_TRUE(is_reading_of(0x9577, "chang2"));
  EXPECT_TRUE(is_reading_of(0x7684, "de5"));     // neutral-tone de
  EXPECT_TRUE(is_reading_of(0x7DA0, "lv4"));     // lv4 (green)
  EXPECT_FALSE(is_reading_of(0x6625, "jie2"));   // chun1, not jie2
  EXPECT_FALSE(is_reading_of(0x884C, "xing1"));  // wrong tone
  EXPECT_FALSE(is_reading_of(0x41, "a5"));       // not Han
  EXPECT_FALSE(is_reading_of(0x7BC0, "nosuch1"));
}

TEST(PinyinTest, StripsARepeatedPattern) {
  const std::string in = "\u9019\u500b" CHUN JIE JIE_PY "\u4e0d\u4e00\u822c\uff0c" CHUANG CHUANG_PY YE
                         YE_PY FA FA_PY "\u5c55";
  const std::string want =
      "\u9019\u500b" CHUN JIE "\u4e0d\u4e00\u822c\uff0c" CHUANG YE FA "\u5c55";
  EXPECT_EQ(strip_checked(in), want);
  const auto out = strip_pinyin(in, {});
  // Annotations one character apart are one edit: chuang4 ye4 fa1.
  ASSERT_EQ(out.edits.size(), 2u);
  EXPECT_EQ(out.edits[0].action, "strip");
  EXPECT_EQ(out.edits[0].parameter, "ji\u00e9");
  EXPECT_EQ(out.edits[1].parameter, "chu\u00e0ng y\u00e8 f\u0101");
  EXPECT_EQ(in.substr(out.edits[1].begin, out.edits[1].end - out.edits[1].begin),
            CHUANG_PY YE YE_PY FA FA_PY);
  EXPECT_EQ(out.edits[1].after, YE FA);
  EXPECT_TRUE(out.findings.empty());
  for (const auto& e : out.edits) {
    EXPECT_GT(e.confidence, 0.5);
    EXPECT_LE(e.confidence, 1.0);
  }
}

TEST(PinyinTest, NumberedStyle) {
  const std::string in = CHUN JIE "(jie2)" CHUANG "(chuang4)" YE "(ye4)" "\u7684(de5)";
  EXPECT_EQ(strip_checked(in), CHUN JIE CHUANG YE "\u7684");
}

TEST(PinyinTest, NeedsTheDocumentToShowThePattern) {
  // Two annotations: could be a quotation or a lesson. Left.
  const std::string two = CHUN JIE JIE_PY "\u4e0d\u4e00\u822c" YE YE_PY;
  EXPECT_EQ(strip(two), two);
  // Three: stripped.
  const std::string three = two + FA FA_PY;
  EXPECT_EQ(strip_checked(three), CHUN JIE "\u4e0d\u4e00\u822c" YE FA);
}

TEST(PinyinTest, LeavesRealParentheses) {
  const std::string in =
      "\u82f1\u5049\u9054(Nasdaq:NVDA)\u80a1\u50f9 " "\u6df1\u5ea6\u6c42\u7d22(DeepSeek) "
      "\u738b(Alexandr Wang) \u6a21\u578b(a) \u91cf\u5316(ai) " CHUN JIE JIE_PY YE YE_PY FA FA_PY;
  const std::string want =
      "\u82f1\u5049\u9054(Nasdaq:NVDA)\u80a1\u50f9 " "\u6df1\u5ea6\u6c42\u7d22(DeepSeek) "
      "\u738b(Alexandr Wang) \u6a21\u578b(a) \u91cf\u5316(ai) " CHUN JIE YE FA;
  EXPECT_EQ(strip_checked(in), want);
}

TEST(PinyinTest, LeavesALessonWord) {
  // "this character reads as <q>xing(xing2)</q>": one annotation, a lesson.
  const std::string lesson = "\u9019\u500b\u5b57\u8b80\u4f5c\u300c" XING "(x\u00edng)\u300d";
  EXPECT_EQ(strip(lesson), lesson);
  // The same lesson inside a converted document: the converter's
  // annotations go, the lesson's stays.
  const std::string doc = lesson + "\n" CHUN JIE JIE_PY YE YE_PY FA FA_PY CHUANG CHUANG_PY;
  EXPECT_EQ(strip_checked(doc), lesson + "\n" CHUN JIE YE FA CHUANG);
  // A reading cue right before the character, no quotes.
  const std::string cue = "\u8b80\u4f5c" XING "(x\u00edng)\uff0c" CHUN JIE JIE_PY YE YE_PY FA FA_PY;
  EXPECT_EQ(strip_checked(cue), "\u8b80\u4f5c" XING "(x\u00edng)\uff0c" CHUN JIE YE FA);
}

TEST(PinyinTest, LeavesAPolyphoneLesson) {
  // Two readings of one character: a lesson, not a converter (which applies
  // one reading without context). Nothing is stripped, not even hao3.
  const std::string in = XING "(x\u00edng) " XING "(h\u00e1ng) " ZHANG "(ch\u00e1ng) " ZHANG
                              "(zh\u01ceng) " HAO "(h\u01ceo)";
  EXPECT_EQ(strip(in), in);
}

TEST(PinyinTest, LeavesWrongReadings) {
  // chun1 annotated jie2: not a reading of it. The others go.
  const std::string in = CHUN "(ji\u00e9)" JIE JIE_PY YE YE_PY FA FA_PY CHUANG CHUANG_PY;
  EXPECT_EQ(strip_checked(in), CHUN "(ji\u00e9)" JIE YE FA CHUANG);
  // Mostly wrong readings: no converter did this; nothing is stripped.
  const std::string bad = CHUN "(ji\u00e9)" HAO "(f\u0101)" XING "(y\u00e8)" JIE JIE_PY YE YE_PY
                              FA FA_PY;
  EXPECT_EQ(strip(bad), bad);
}

TEST(PinyinTest, NotAfterAnAsciiLetter) {
  // A base garbled by misalignment: an ASCII letter stands for it. Never
  // stripped after a letter; once the base is Han again, stripped.
  const std::string garbled = "\u8aaa" "f" FA_PY YE YE_PY JIE JIE_PY CHUANG CHUANG_PY;
  EXPECT_EQ(strip(garbled), "\u8aaa" "f" FA_PY YE JIE CHUANG);
  const std::string repaired = "\u8aaa" FA FA_PY YE YE_PY JIE JIE_PY CHUANG CHUANG_PY;
  EXPECT_EQ(strip_checked(repaired), "\u8aaa" FA YE JIE CHUANG);
}

TEST(PinyinTest, IdempotentWhenAnnotationsFollowEachOther) {
  // Stripping the first would make "fa(fa1)" a new candidate: left.
  const std::string in = FA FA_PY FA_PY YE YE_PY JIE JIE_PY CHUANG CHUANG_PY;
  const std::string once = strip_checked(in);
  EXPECT_EQ(once, FA FA_PY FA_PY YE JIE CHUANG);
}

TEST(PinyinTest, DoesNotMakeKunjinkao) {
  // kun(kun1) jin kao: stripping would make the marker the markers fixer
  // (run before) repairs, so a second norm fix would change the text.
  const std::string in = "\u951f(k\u016bn)\u65a4\u62f7" YE YE_PY JIE JIE_PY FA FA_PY;
  EXPECT_EQ(strip_checked(in), "\u951f(k\u016bn)\u65a4\u62f7" YE JIE FA);
  auto once = norm::fix(in, {});
  ASSERT_TRUE(once);
  auto twice = norm::fix(once->text, {});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->text, once->text);
}

TEST(PinyinTest, OptionOff) {
  norm::fix_options o;
  o.strip_pinyin = false;
  const std::string in = CHUN JIE JIE_PY YE YE_PY FA FA_PY;
  EXPECT_TRUE(strip_pinyin(in, o).edits.empty());
}

TEST(PinyinTest, InsideFixWithTraceAndReplay) {
  const std::string in = "\u9019\u500b" CHUN JIE JIE_PY "\u4e0d\u4e00\u822c\uff0c" CHUANG CHUANG_PY
                         YE YE_PY FA FA_PY "\u5c55\n";
  norm::fix_options o;
  o.explain = true;
  auto r = norm::fix(in, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\u9019\u500b" CHUN JIE "\u4e0d\u4e00\u822c\uff0c" CHUANG YE FA "\u5c55\n");
  std::size_t steps = 0;
  for (const auto& s : r->trace)
    if (s.fixer == "pinyin") {
      ++steps;
      EXPECT_EQ(s.stage, norm::fix_stage::strip);
      EXPECT_EQ(s.action, "strip");
      EXPECT_EQ(s.before.front(), '(');
      EXPECT_EQ(s.before.back(), ')');
    }
  EXPECT_EQ(steps, 2u);  // jie2; chuang4 ye4 fa1 (one character apart: one step)
  auto again = norm::replay(in, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);
  auto twice = norm::fix(r->text, {});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->text, r->text);
}

TEST(PinyinTest, KeepPinyinOption) {
  const std::string in = CHUN JIE JIE_PY YE YE_PY FA FA_PY "\n";
  norm::fix_options o;
  o.strip_pinyin = false;
  auto r = norm::fix(in, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, in);
}

TEST(PinyinTest, DenseAnnotationsMergeIntoBoundedEdits) {
  std::string in, want;
  for (int i = 0; i < 20000; ++i) {
    in += FA FA_PY;
    want += FA;
  }
  const auto out = strip_pinyin(in, {});
  EXPECT_EQ(apply_out(in, out), want);
  EXPECT_LT(out.edits.size(), 60u);  // 4 KiB each at most
  for (const auto& e : out.edits) EXPECT_LE(e.end - e.begin, 4096u);
}

TEST(PinyinTest, LinearOnHostileInput) {
  // (a) after Han characters: a candidate at every 6 bytes, none valid;
  // and unclosed '(' runs. Time must grow linearly.
  // The best of 3 runs (the machine is shared and noisy).
  const auto time_of = [](const std::string& s) {
    double best = 1e9;
    for (int k = 0; k < 3; ++k) {
      const auto t0 = std::chrono::steady_clock::now();
      auto out = strip_pinyin(s, {});
      const auto t1 = std::chrono::steady_clock::now();
      EXPECT_TRUE(out.edits.empty());
      best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
    }
    return best;
  };
  std::string unit = "\u6f22(a)";
  std::string small, large;
  for (int i = 0; i < 100000; ++i) small += unit;
  large = small + small + small + small;
  const double ts = time_of(small);
  const double tl = time_of(large);
  EXPECT_LT(tl, ts * 4 * 3 + 0.1) << ts << " " << tl;
  std::string open(400000, '(');
  EXPECT_LT(time_of(open), 1.0);
}

}  // namespace
