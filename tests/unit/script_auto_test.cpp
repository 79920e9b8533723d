// detail::auto_script (norm fix --script=auto) and detail::profile_script
// (norm::inspect's script profile) on small hand-made cases: strays found
// and converted in context, characters valid in the dominant script (and
// region) never touched, segments per script, mixed text left alone,
// Japanese never touched, idempotence, and the edits' invariants.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "fix/script_auto.hpp"
#include "norm/norm.hpp"

namespace {

using norm::detail::auto_script;
using norm::detail::profile_script;

// The fixer's edits applied (they are sorted and do not overlap).
std::string apply_edits(std::string_view text, const norm::detail::stage_output& out) {
  std::string s;
  std::size_t at = 0;
  for (const auto& e : out.edits) {
    EXPECT_LE(at, e.begin);
    EXPECT_LT(e.begin, e.end);
    EXPECT_LE(e.end, text.size());
    s.append(text.substr(at, e.begin - at));
    s += e.after;
    at = e.end;
  }
  s.append(text.substr(at));
  return s;
}

std::string fixed(std::string_view text) {
  norm::fix_options o;
  o.script = norm::script_target::automatic;
  const std::string once = apply_edits(text, auto_script(text, o));
  // Idempotent: the output has nothing left to change.
  EXPECT_TRUE(auto_script(once, o).edits.empty()) << once;
  return once;
}

int count_kind(const norm::detail::stage_output& out, std::string_view kind) {
  int n = 0;
  for (const auto& f : out.findings) n += f.kind == kind;
  return n;
}

TEST(ScriptAuto, CleanTextUntouched) {
  for (const char* clean : {
           // Simplified
           "\u300a\u4e2d\u534e\u4eba\u6c11\u5171\u548c\u56fd\u300b\u662f\u4e00\u4e2a\u56fd\u5bb6\u3002\u6211\u4eec\u5728\u8fd9\u91cc\u8ba8\u8bba\u53d1\u5c55\u7684\u95ee\u9898\uff0c\u540e\u6765\u53c8\u8bf4\u5230\u4e86\u53f0\u6e7e\u3002\n",
           // Taiwan forms: \u7fa4, \u70ba, \u88e1, \u53f0\u7063, \u516c\u91cc, \u4e86\u89e3, \u7687\u540e
           "\u9019\u88e1\u6709\u4e00\u7fa4\u4eba\uff0c\u56e0\u70ba\u4ed6\u5011\u4e86\u89e3\u53f0\u7063\u3002\u5f9e\u53f0\u5317\u5230\u9ad8\u96c4\u6709\u4e09\u767e\u591a\u516c\u91cc\uff0c\u7687\u540e\u4e5f\u4f86\u4e86\u3002\n",
           // OpenCC's standard forms (\u7fa3, \u7232, \u88cf) and Hong Kong forms are Traditional too
           "\u9019\u7fa3\u4eba\u7232\u4e86\u751f\u6d3b\uff0c\u5728\u57ce\u88cf\u5de5\u4f5c\u3002\n",
           "\u6211\u54cb\u55ba\u9999\u6e2f\uff0c\u5462\u5ea6\u5572\u5622\u597d\u6b63\u3002\u4f62\u8a71\u5514\u8a72\uff0c\u7740\u6578\u3002\n",
           // already right: OpenCC over it would make \u8b49\u660e\u77ad
           "\u9019\u8b49\u660e\u4e86\u4ed6\u7684\u7406\u8ad6\u662f\u5c0d\u7684\uff0c\u4e5f\u8aaa\u660e\u4e86\u5f88\u591a\u4e8b\u60c5\u3002\n",
           // Japanese: kana, so never touched (\u540e, \u767a are fine here)
           "\u6771\u4eac\u306f\u65e5\u672c\u306e\u9996\u90fd\u3067\u3059\u3002\u7687\u540e\u3055\u307e\u304c\u6765\u3089\u308c\u307e\u3057\u305f\u3002\u767a\u8868\u306f\u5348\u5f8c\u3067\u3059\u3002\n",
           // nothing Chinese
           "plain ASCII text\nwith lines\n", "", "\xce\xb1\xce\xb2\xce\xb3 ok",
       }) {
    norm::fix_options o;
    const auto out = auto_script(clean, o);
    EXPECT_TRUE(out.edits.empty()) << clean;
    EXPECT_EQ(count_kind(out, "script-stray"), 0) << clean;
    EXPECT_EQ(count_kind(out, "script-mixed"), 0) << clean;
  }
}

TEST(ScriptAuto, SimplifiedStrayConverted) {
  // Seed 003's stray: \u6c92 in Simplified text.
  EXPECT_EQ(fixed("\u539f\u521b\u7684\u7fa4\u4f53\u51e0\u4e4e\u90fd\u6c92\u6709\u6d77\u5916\u7559\u5b66\u7ecf\u5386\uff0c\u8fd9\u662f\u6211\u4eec\u7684\u56fd\u5bb6\u3002\n"),
            "\u539f\u521b\u7684\u7fa4\u4f53\u51e0\u4e4e\u90fd\u6ca1\u6709\u6d77\u5916\u7559\u5b66\u7ecf\u5386\uff0c\u8fd9\u662f\u6211\u4eec\u7684\u56fd\u5bb6\u3002\n");
  // Several strays, phrase context (\u5f8c\u4f86 -> \u540e\u6765, \u65bc\u662f -> \u4e8e\u662f).
  EXPECT_EQ(fixed("\u6211\u4eec\u540e\u6765\u53d1\u73b0\u8fd9\u4e2a\u95ee\u9898\u3002\u65bc\u662f\u4ed6\u5011\u51b3\u5b9a\u91cd\u65b0\u5f00\u59cb\u3002\n"),
            "\u6211\u4eec\u540e\u6765\u53d1\u73b0\u8fd9\u4e2a\u95ee\u9898\u3002\u4e8e\u662f\u4ed6\u4eec\u51b3\u5b9a\u91cd\u65b0\u5f00\u59cb\u3002\n");
}

TEST(ScriptAuto, TraditionalLeftoversConvertedInContext) {
  // Seed 004's leftovers: \u5e76, and the one-to-many \u540e \u4e8e \u91cc \u91c7 \u4e48.
  EXPECT_EQ(fixed("\u4ed6\u5011\u958b\u6703\u4e4b\u540e\uff0c\u5e76\u6c7a\u5b9a\u91c7\u7528\u65b0\u7684\u65b9\u6cd5\u3002\u9019\u91cc\u662f\u4ec0\u4e48\u5730\u65b9\uff1f\u7531\u4e8e\u6642\u9593\u95dc\u4fc2\uff0c\u6211\u5011\u660e\u5929\u518d\u8aaa\u3002\n"),
            "\u4ed6\u5011\u958b\u6703\u4e4b\u5f8c\uff0c\u4e26\u6c7a\u5b9a\u63a1\u7528\u65b0\u7684\u65b9\u6cd5\u3002\u9019\u88e1\u662f\u4ec0\u9ebc\u5730\u65b9\uff1f\u7531\u65bc\u6642\u9593\u95dc\u4fc2\uff0c\u6211\u5011\u660e\u5929\u518d\u8aaa\u3002\n");
  // Valid Traditional uses of the same characters stay: \u7687\u540e, \u516c\u91cc, \u4e86, \u53f0\u7063.
  EXPECT_EQ(fixed("\u7687\u540e\u8d70\u4e86\u4e09\u516c\u91cc\u8def\u5230\u53f0\u7063\uff0c\u5e76\u8b49\u660e\u4e86\u9019\u4ef6\u4e8b\u3002\n"),
            "\u7687\u540e\u8d70\u4e86\u4e09\u516c\u91cc\u8def\u5230\u53f0\u7063\uff0c\u4e26\u8b49\u660e\u4e86\u9019\u4ef6\u4e8b\u3002\n");
  // \u53d1 -> \u767c / \u9aee by phrase.
  EXPECT_EQ(fixed("\u982d\u53d1\u5f88\u9577\u7684\u4eba\u767c\u73fe\u4e86\u554f\u984c\uff0c\u5e76\u4e14\u53d1\u8868\u4e86\u6587\u7ae0\u3002\n"),
            "\u982d\u9aee\u5f88\u9577\u7684\u4eba\u767c\u73fe\u4e86\u554f\u984c\uff0c\u4e26\u4e14\u767c\u8868\u4e86\u6587\u7ae0\u3002\n");
}

TEST(ScriptAuto, RegionKept) {
  // Taiwan text keeps Taiwan forms; a stray gets the Taiwan form (\u70ba, \u88e1).
  EXPECT_EQ(fixed("\u56e0\u70ba\u9019\u88e1\u7684\u7db2\u8def\u5f88\u6162\uff0c\u6240\u4ee5\u6211\u4eec\u63db\u4e86\u96fb\u8166\u3002\u70ba\u4ec0\u9ebc\u9019\u91cc\u9019\u9ebc\u6162\uff1f\n"),
            "\u56e0\u70ba\u9019\u88e1\u7684\u7db2\u8def\u5f88\u6162\uff0c\u6240\u4ee5\u6211\u5011\u63db\u4e86\u96fb\u8166\u3002\u70ba\u4ec0\u9ebc\u9019\u88e1\u9019\u9ebc\u6162\uff1f\n");
}

TEST(ScriptAuto, RegionalFormFollowsTheDocument) {
  // No Hong Kong forms to tell the region by, but the text writes \u88cf: a
  // stray \u91cc gets \u88cf too, not the Taiwan configuration's \u88e1.
  EXPECT_EQ(fixed("\u88cf\u9762\u6709\u4e00\u4e2a\u6771\u897f\uff0c\u9019\u91cc\u4e5f\u6709\u3002\n"), "\u88cf\u9762\u6709\u4e00\u500b\u6771\u897f\uff0c\u9019\u88cf\u4e5f\u6709\u3002\n");
}

TEST(ScriptAuto, OneToManyEvidenceWithoutSFormStrays) {
  // No S-form stray: inside one of OpenCC's phrases \u51c6 is a leftover
  // (\u6807\u51c6 -> \u6a19\u6e96); a transliteration's \u5398 by the character's default alone is
  // no evidence (clean Hong Kong text writes \u5df4\u5398).
  EXPECT_EQ(fixed("\u986f\u793a\u6a19\u51c6\u8f38\u51fa\u8207\u6a19\u51c6\u932f\u8aa4\n"), "\u986f\u793a\u6a19\u6e96\u8f38\u51fa\u8207\u6a19\u6e96\u932f\u8aa4\n");
  EXPECT_EQ(fixed("\u5df4\u5398\u6587\u5b57\n"), "\u5df4\u5398\u6587\u5b57\n");
  // A lone \u540e by its default alone, but toward one of the most common
  // characters (\u5f8c) and far more common: a leftover all the same.
  EXPECT_EQ(fixed("\u300c%s\u300d\u5b57\u7b26\u540e\u7684\u5b57\u4e32\u4e0d\u662f\u6709\u6548\u7684\u5143\u7d20\u540d\u7a31\n"),
            "\u300c%s\u300d\u5b57\u7b26\u5f8c\u7684\u5b57\u4e32\u4e0d\u662f\u6709\u6548\u7684\u5143\u7d20\u540d\u7a31\n");
}

TEST(ScriptAuto, OwnFormPhrasesKept) {
  // Leftovers (\u4e2a), but \u5e03\u666f is written so in Traditional text too
  // (script_own_forms.inc): OpenCC's \u4f48\u666f is not a repair.
  EXPECT_EQ(fixed("\u9019\u4e2a\u5e03\u666f\u5f88\u597d\u770b\n"), "\u9019\u500b\u5e03\u666f\u5f88\u597d\u770b\n");
}

TEST(ScriptAuto, LeftoverLineIsNoQuotation) {
  // A line of nothing but a converter's leftovers (\u4e2a) is no Simplified
  // quotation: it gets converted with its document.
  const std::string t1 = "\u9019\u662f\u4e00\u500b\u95dc\u65bc\u8edf\u9ad4\u958b\u767c\u7684\u6587\u7ae0\uff0c\u8a0e\u8ad6\u8cc7\u6599\u5eab\u8207\u7db2\u8def\u7684\u8a2d\u8a08\u3002\n";
  const std::string t2 = "\u4f5c\u8005\u8a8d\u70ba\uff0c\u958b\u767c\u4eba\u54e1\u61c9\u8a72\u5148\u5beb\u6e2c\u8a66\uff0c\u4e26\u4e14\u7d93\u5e38\u6aa2\u67e5\u7a0b\u5f0f\u78bc\u3002\n";
  EXPECT_EQ(fixed(t1 + "\u5404\u4e2a \u5404\u4e2a \u5404\u4e2a\n" + t2), t1 + "\u5404\u500b \u5404\u500b \u5404\u500b\n" + t2);
}

TEST(ScriptAuto, OneToManyAloneNeedsStrongEvidence) {
  // No S-form stray in the document: \u91cc (\u516c\u91cc, transliterations) stays,
  // \u540e -> \u5f8c only where far more common (\u4e4b\u540e).
  EXPECT_EQ(fixed("\u514b\u91cc\u65af\u5f9e\u5df4\u9ece\u51fa\u767c\uff0c\u8d70\u4e86\u4e09\u5341\u516c\u91cc\u3002\n"), "\u514b\u91cc\u65af\u5f9e\u5df4\u9ece\u51fa\u767c\uff0c\u8d70\u4e86\u4e09\u5341\u516c\u91cc\u3002\n");
  EXPECT_EQ(fixed("\u958b\u6703\u4e4b\u540e\uff0c\u5927\u5bb6\u90fd\u56de\u5bb6\u4e86\u3002\n"), "\u958b\u6703\u4e4b\u5f8c\uff0c\u5927\u5bb6\u90fd\u56de\u5bb6\u4e86\u3002\n");
}

TEST(ScriptAuto, DenseLeftoversTrustThePhrase) {
  // S-form leftovers (\u4e2a): a phrase's one-to-many character changes
  // whatever the margins (\u7279\u5f81 -> \u7279\u5fb5, \u806f\u7cfb -> \u806f\u7e6b).
  EXPECT_EQ(fixed("\u9019\u4e2a\u7279\u5f81\u6307\u7684\u662f\u8acb\u8207\u7ba1\u7406\u54e1\u806f\u7cfb\u3002\n"),
            "\u9019\u500b\u7279\u5fb5\u6307\u7684\u662f\u8acb\u8207\u7ba1\u7406\u54e1\u806f\u7e6b\u3002\n");
}

TEST(ScriptAuto, TransliterationRunsKeepTheirCharacters) {
  // With leftovers (\u4e2a, \u7b7e) a name keeps its \u91cc, even where one of
  // OpenCC's phrases reads \u88cf (\u897f\u91cc\u5c14\u5b57\u6bcd); \u9019\u91cc is a leftover.
  EXPECT_EQ(fixed("\u9019\u4e2a\u6a19\u7b7e\n\u91cc\u862d\u5409\u5c3c\n\u897f\u91cc\u723e\u5b57\u6bcd\n\u5728\u9019\u91cc\n"),
            "\u9019\u500b\u6a19\u7c64\n\u91cc\u862d\u5409\u5c3c\n\u897f\u91cc\u723e\u5b57\u6bcd\n\u5728\u9019\u88e1\n");
}

TEST(ScriptAuto, InferredLeftoversNeverCutAWord) {
  // No S-form: the leftovers are inferred from \u6240\u5360 (-> \u6240\u4f54) and \u6a19\u51c6.
  // OpenCC's \u53ea\u5f71 in \u53ea\u5f71\u97ff and \u95dc\u7cfb in \u6709\u95dc\u7cfb\u7d71 cut the words \u5f71\u97ff
  // and \u7cfb\u7d71: clean Taiwan text (coreutils', git's catalogs), kept.
  const std::string out = fixed(
      "\u5f15\u6578\u6240\u5360\u7684\u7e3d\u7528\u91cf\n\u986f\u793a\u6a19\u51c6\u8f38\u51fa\n"
      "\u53ea\u5f71\u97ff\u7b26\u865f\u9023\u7d50\n\u6709\u95dc\u7cfb\u7d71\u6982\u8ff0\n");
  EXPECT_NE(out.find("\u53ea\u5f71\u97ff"), std::string::npos) << out;
  EXPECT_NE(out.find("\u6709\u95dc\u7cfb\u7d71"), std::string::npos) << out;
  EXPECT_NE(out.find("\u6a19\u6e96"), std::string::npos) << out;
}

TEST(ScriptAuto, BilingualPerSegment) {
  // A Traditional document with a Simplified quotation: the quotation stays,
  // the Traditional lines get their stray fixed.
  const std::string trad1 = "\u9019\u662f\u4e00\u7bc7\u95dc\u65bc\u8edf\u9ad4\u958b\u767c\u7684\u6587\u7ae0\uff0c\u8a0e\u8ad6\u8cc7\u6599\u5eab\u8207\u7db2\u8def\u7684\u8a2d\u8a08\u3002\n";
  const std::string trad2 = "\u4f5c\u8005\u8a8d\u70ba\uff0c\u958b\u767c\u4eba\u54e1\u61c9\u8a72\u5148\u5beb\u6e2c\u8a66\uff0c\u5e76\u4e14\u7d93\u5e38\u6aa2\u67e5\u7a0b\u5f0f\u78bc\u3002\n";
  const std::string quote = "\u4ed6\u8bf4\uff1a\u201c\u6211\u4eec\u5e94\u8be5\u5148\u5199\u6d4b\u8bd5\uff0c\u8fd9\u6837\u624d\u80fd\u4fdd\u8bc1\u8f6f\u4ef6\u7684\u8d28\u91cf\u548c\u5f00\u53d1\u7684\u901f\u5ea6\u3002\u201d\n";
  const std::string trad3 = "\u9019\u500b\u89c0\u9ede\u5728\u696d\u754c\u5f15\u8d77\u4e86\u5ee3\u6cdb\u7684\u8a0e\u8ad6\uff0c\u8a31\u591a\u5718\u968a\u958b\u59cb\u63a1\u7528\u9019\u7a2e\u65b9\u6cd5\u3002\n";
  const std::string in = trad1 + trad2 + quote + trad3;
  const std::string out = fixed(in);
  EXPECT_EQ(out, trad1 + "\u4f5c\u8005\u8a8d\u70ba\uff0c\u958b\u767c\u4eba\u54e1\u61c9\u8a72\u5148\u5beb\u6e2c\u8a66\uff0c\u4e26\u4e14\u7d93\u5e38\u6aa2\u67e5\u7a0b\u5f0f\u78bc\u3002\n" + quote + trad3);
}

TEST(ScriptAuto, ShortLineNextToQuotationStaysWithDocument) {
  // One S-form (a flipped \u6a94) in a short line after a Simplified
  // quotation is a stray of the Traditional document, not part of the
  // quotation; so is a line with one character of each script at the end.
  const std::string trad1 = "\u9019\u662f\u4e00\u7bc7\u95dc\u65bc\u8edf\u9ad4\u958b\u767c\u7684\u6587\u7ae0\uff0c\u8a0e\u8ad6\u8cc7\u6599\u5eab\u8207\u7db2\u8def\u7684\u8a2d\u8a08\u3002\n";
  const std::string quote = "\u4ed6\u8bf4\uff1a\u201c\u6211\u4eec\u5e94\u8be5\u5148\u5199\u6d4b\u8bd5\uff0c\u8fd9\u6837\u624d\u80fd\u4fdd\u8bc1\u8f6f\u4ef6\u7684\u8d28\u91cf\u548c\u5f00\u53d1\u7684\u901f\u5ea6\u3002\u201d\n";
  const std::string trad3 = "\u9019\u500b\u89c0\u9ede\u5728\u696d\u754c\u5f15\u8d77\u4e86\u5ee3\u6cdb\u7684\u8a0e\u8ad6\uff0c\u8a31\u591a\u5718\u968a\u958b\u59cb\u63a1\u7528\u9019\u7a2e\u65b9\u6cd5\u3002\n";
  EXPECT_EQ(fixed(trad1 + quote + "\u5b8c\u6574\u6863\u6848 <%s>\n" + trad3),
            trad1 + quote + "\u5b8c\u6574\u6a94\u6848 <%s>\n" + trad3);
  EXPECT_EQ(fixed(trad1 + trad3 + quote + "\u6700\u8fd1\u4f7f\u7528\u6863\u6848\u7684\u6578\u76ee\n"),
            trad1 + trad3 + quote + "\u6700\u8fd1\u4f7f\u7528\u6a94\u6848\u7684\u6578\u76ee\n");
}

TEST(ScriptAuto, SimplifiedStrayInPhraseContext) {
  // In a Simplified line with T-form strays, \u77ad (a character of both
  // scripts) is one too where t2s changes it in context (\u77ad\u89e3).
  EXPECT_EQ(fixed("\u53c2\u8003\u6587\u4ef6\u4ee5\u8fdb\u4e00\u6b65\u77ad\u89e3\u8bbe\u7f6e\u7684\u7279\u6b8a\u4f4d\u3002\u95dc\u65bc\u521b\u5efa\u76ee\u5f55\u6a21\u5f0f\u53c3\u89c1\u9009\u9879\u3002\n"), "\u53c2\u8003\u6587\u4ef6\u4ee5\u8fdb\u4e00\u6b65\u4e86\u89e3\u8bbe\u7f6e\u7684\u7279\u6b8a\u4f4d\u3002\u5173\u4e8e\u521b\u5efa\u76ee\u5f55\u6a21\u5f0f\u53c2\u89c1\u9009\u9879\u3002\n");
}

TEST(ScriptAuto, TaiTellsNoRegion) {
  // \u53f0 is Hong Kong's form of \u81fa but Taiwan's too: no reason for
  // Hong Kong's \u88cf.
  const std::string out = fixed("\u53f0\u5317\u7684\u8cc7\u6599\u5728\u9019\u4e2a\u76ee\u9304\u91cc\u3002\n");
  EXPECT_NE(out.find("\u88e1"), std::string::npos) << out;
}

TEST(ScriptAuto, NoClearDominantLeftAloneAndReported) {
  const std::string in = "\u8fd9\u500b\u95ee\u984c\u8207\u90a3\u4e2a\u554f\u9898\u3002\n";
  norm::fix_options o;
  const auto out = auto_script(in, o);
  EXPECT_TRUE(out.edits.empty());
  EXPECT_EQ(count_kind(out, "script-mixed"), 1);
  auto p = profile_script(in, {});
  EXPECT_EQ(p.dominant, "mixed");
}

TEST(ScriptAuto, JapaneseLineNeverTouched) {
  // A Japanese line inside Chinese text keeps its characters.
  const std::string ja = "\u3053\u306e\u767a\u8868\u306f\u6771\u4eac\u3067\u884c\u308f\u308c\u307e\u3057\u305f\u3002\n";
  const std::string zh = "\u6211\u4eec\u5728\u8fd9\u91cc\u8ba8\u8bba\u7ecf\u6d4e\u53d1\u5c55\u7684\u95ee\u9898\uff0c\u8fd9\u4e2a\u95ee\u9898\u5bf9\u4e8e\u56fd\u5bb6\u548c\u4eba\u6c11\u90fd\u5f88\u91cd\u8981\u3002\n";
  const std::string in = zh + zh + "\u9019\u4e2a\u95ee\u9898\u5f88\u91cd\u8981\u3002\n" + ja;
  const std::string out = fixed(in);
  EXPECT_NE(out.find(ja), std::string::npos);
  EXPECT_EQ(out, zh + zh + "\u8fd9\u4e2a\u95ee\u9898\u5f88\u91cd\u8981\u3002\n" + ja);
}

TEST(ScriptAuto, FindingsAndEdits) {
  const std::string in = "\u4ed6\u5011\u958b\u6703\u4e4b\u540e\uff0c\u5e76\u6c7a\u5b9a\u3002\n";
  norm::fix_options o;
  const auto out = auto_script(in, o);
  ASSERT_EQ(out.edits.size(), 2u);
  EXPECT_EQ(count_kind(out, "script-stray"), 2);
  for (const auto& f : out.findings) {
    EXPECT_EQ(f.fixer, "script");
    EXPECT_TRUE(f.repaired);
    EXPECT_EQ(in.substr(f.begin, f.end - f.begin), f.text);
  }
  EXPECT_EQ(out.edits[0].after, "\u5f8c");
  EXPECT_EQ(out.edits[1].after, "\u4e26");
  for (const auto& e : out.edits) {
    EXPECT_EQ(e.parameter, "hant-tw");
    EXPECT_GT(e.confidence, 0.5);
    EXPECT_LE(e.confidence, 1.0);
  }
  EXPECT_GT(out.edits[1].confidence, out.edits[0].confidence);  // S-form: surer
}

TEST(ScriptAuto, Profile) {
  const std::string in = "\u9019\u500b\u554f\u984c\u5e76\u4e0d\u96e3\u3002\n";
  const norm::script_profile p = profile_script(in, {});
  EXPECT_EQ(p.han, 7u);
  EXPECT_EQ(p.simplified_only, 1u);   // \u5e76
  EXPECT_EQ(p.traditional_only, 5u);  // \u9019 \u500b \u554f \u984c \u96e3
  EXPECT_EQ(p.shared, 1u);            // \u4e0d
  EXPECT_EQ(p.dominant, "hant-tw");
  ASSERT_EQ(p.strays.size(), 1u);
  EXPECT_EQ(p.strays[0].text, "\u5e76");
  EXPECT_EQ(p.strays[0].suggestion, "\u4e26");
  EXPECT_EQ(in.substr(p.strays[0].begin, p.strays[0].end - p.strays[0].begin), "\u5e76");
  norm::inspect_options few;
  few.max_strays = 0;
  EXPECT_TRUE(profile_script(in, few).strays.empty());
  // Japanese and text without Han.
  EXPECT_EQ(profile_script("\u3072\u3089\u304c\u306a\u3068\u30ab\u30bf\u30ab\u30ca\u306e\u6587\u3067\u3059\u3002\n", {}).dominant, "ja");
  EXPECT_EQ(profile_script("abc", {}).dominant, "none");
}

TEST(ScriptAuto, ThroughTheLibrary) {
  norm::fix_options o;
  o.script = norm::script_target::automatic;
  o.explain = true;
  const std::string in = "\u539f\u521b\u7684\u7fa4\u4f53\u51e0\u4e4e\u90fd\u6c92\u6709\u6d77\u5916\u7559\u5b66\u7ecf\u5386\u3002\n";
  auto r = norm::fix(in, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->text, "\u539f\u521b\u7684\u7fa4\u4f53\u51e0\u4e4e\u90fd\u6ca1\u6709\u6d77\u5916\u7559\u5b66\u7ecf\u5386\u3002\n");
  auto rp = norm::replay(in, r->trace);
  ASSERT_TRUE(rp.ok());
  EXPECT_EQ(*rp, r->text);
  // Off by default (--script=keep).
  auto k = norm::fix(in, norm::fix_options{});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->text, in);
}

TEST(ScriptAuto, LongInputLinearAndBounded) {
  // 40k lines with 40k strays: finishes, findings capped.
  std::string in;
  for (int i = 0; i < 20000; ++i) in += "\u9019\u500b\u554f\u984c\u5f88\u91cd\u8981\uff0c\u5e76\u4e14\u4e4b\u540e\u518d\u8aaa\u3002\n\u6211\u5011\u7684\u570b\u5bb6\u767c\u5c55\u5f88\u5feb\u3002\n";
  norm::fix_options o;
  const auto out = auto_script(in, o);
  EXPECT_LE(out.findings.size(), 1000u);
  EXPECT_FALSE(out.edits.empty());
}

}  // namespace
