// The misalign fixer (libnorm/src/fix/misalign.cpp) through norm::fix and
// directly: damage is made from bytes here (encode, lose or replace a byte,
// decode as the page's decoder would), so each test states its mechanism.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "fix/misalign.hpp"
#include "norm/norm.hpp"

namespace {

norm::fix_options misalign_only() {
  norm::fix_options o;
  o.explain = true;
  o.repair_mojibake = false;
  o.strip_pinyin = false;
  o.repair_markers = false;
  o.decode_html_entities = false;
  o.form = norm::unicode_form::none;
  return o;
}

std::string to_bytes(std::string_view utf8, norm::encoding e) {
  auto r = norm::encode(utf8, e);
  EXPECT_TRUE(static_cast<bool>(r));
  return r ? r->bytes : std::string();
}

std::string decode_replace(std::string_view bytes, norm::encoding e) {
  norm::decode_options o;
  o.on_error = norm::error_policy::replace;
  auto r = norm::decode(bytes, e, o);
  EXPECT_TRUE(static_cast<bool>(r));
  return r ? r->text : std::string();
}

// `text` in encoding e with one byte of the first `code` in it lost (0: its
// lead, 1: its trail), decoded as the page's decoder would.
std::string lose_byte(std::string_view text, norm::encoding e, std::string_view code, std::size_t which) {
  std::string bytes = to_bytes(text, e);
  const std::size_t at = bytes.find(code);
  EXPECT_NE(at, std::string::npos) << "no code " << code.size() << " bytes long in the text";
  if (at == std::string::npos) return std::string(text);
  bytes.erase(at + which, 1);
  return decode_replace(bytes, e);
}

std::string fixed(std::string_view text, const norm::fix_options& o = misalign_only()) {
  auto r = norm::fix(text, o);
  EXPECT_TRUE(static_cast<bool>(r));
  return r ? r->text : std::string();
}

// Seed 004, line 79 (the pinyin annotations are other fixers' business):
// U+3002 lost its lead byte A1; A3 BF read as U+FF1F, folded to '?'.
constexpr std::string_view kSeedIn =
    "\u9019\u4e9b\u6280\u8853\u4e0d\u50c5\u8b93\u4ed6\u5011\u5011\u5b9a\u4f4d\u8d85\u7cbe\u6e96,\u9023\u63a5\u8d85"
    "\u7a69(w\u011bn)\u5b9a,\u9084\u80fd\u61c9\u5c0d\u5404\u7a2e\u7a81\u767c(f\u0101)\u72c0\u6cc1?\u68a2\u54c9f,"
    "\u9019\u662f\u4eba\u985e";
constexpr std::string_view kSeedOut =
    "\u9019\u4e9b\u6280\u8853\u4e0d\u50c5\u8b93\u4ed6\u5011\u5011\u5b9a\u4f4d\u8d85\u7cbe\u6e96,\u9023\u63a5\u8d85"
    "\u7a69(w\u011bn)\u5b9a,\u9084\u80fd\u61c9\u5c0d\u5404\u7a2e\u7a81\u767c(f\u0101)\u72c0\u6cc1\u3002\u53ef\u4ee5"
    "\u8aaa,\u9019\u662f\u4eba\u985e";

TEST(Misalign, Seed004FoldedQuestionMarkAndLostLead) {
  auto r = norm::fix(kSeedIn, misalign_only());
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r->text, kSeedOut);
  ASSERT_EQ(r->trace.size(), 1u);
  const norm::trace_step& s = r->trace[0];
  EXPECT_EQ(s.fixer, "misalign");
  EXPECT_EQ(s.action, "realign");
  EXPECT_EQ(s.parameter.rfind("GBK: ", 0), 0u) << s.parameter;
  EXPECT_EQ(s.before, "?\u68a2\u54c9f");
  // U+3002 is a restoration (its lead byte is gone): the confidence says
  // how sure the model is of it.
  EXPECT_GT(s.confidence, 0.7);
  EXPECT_LT(s.confidence, 0.95);
  auto back = norm::replay(kSeedIn, r->trace);
  ASSERT_TRUE(static_cast<bool>(back));
  EXPECT_EQ(*back, r->text);
}

TEST(Misalign, Seed004InTheDefaultPipeline) {
  norm::fix_options o;  // defaults: mojibake and the later stages on
  o.strip_pinyin = false;
  EXPECT_EQ(fixed(kSeedIn, o), kSeedOut);
}

// GBK, the lead byte of U+9664 lost: the rest of the sentence was read one
// byte out of step until the end.
constexpr std::string_view kGbkSentence =
    "\u81ea\u52a8\u5220\u9664\u4f9d\u8d56\u4e8e\u88ab\u4f9d\u8d56\u5b57\u6bb5\u6216\u8005\u7ea6\u675f\u7684\u5bf9"
    "\u8c61\uff08\u6bd4\u5982\uff0c\u5f15\u7528\u8be5\u5b57\u6bb5\u7684\u89c6\u56fe\uff09\u3002";

// The first 20 characters (60 UTF-8 bytes) of a repair of kGbkSentence: the
// end of the sentence, where the decoder lost a byte of its own, is judged
// by the corpus test.
std::string head(std::string_view s) { return std::string(s.substr(0, 60)); }

std::string gbk_lost_byte(std::size_t char_index, bool lead) {
  std::string bytes = to_bytes(kGbkSentence, norm::encoding::gbk);
  bytes.erase(2 * char_index + (lead ? 0 : 1), 1);  // all two-byte characters
  return decode_replace(bytes, norm::encoding::gbk);
}

std::string with_fffd(std::string_view utf8, std::size_t char_index, std::string_view mark) {
  std::string out;
  std::size_t k = 0;
  for (std::size_t i = 0; i < utf8.size(); i += 3, ++k) out += k == char_index ? std::string(mark) : std::string(utf8.substr(i, 3));
  return out;
}

TEST(Misalign, GbkLostLeadByte) {
  const std::string garbled = gbk_lost_byte(3, true);
  ASSERT_NE(garbled, kGbkSentence);
  const std::string got = fixed(garbled);
  // U+9664 is gone (U+FFFD); the sentence after it is back, and its last
  // character, whose trail byte the decoder lost at the end, is U+FFFD or
  // the model's restoration.
  EXPECT_EQ(head(got), head(with_fffd(kGbkSentence, 3, "\ufffd"))) << got;
}

TEST(Misalign, GbkLostByteThatMakesAWord) {
  // \u6570\u636e\u5e93\u4e2d\u5220\u9664\u5e8f\u5217\u53f7\u751f\u6210\u5668\u3002 in GBK with the lead C9 of
  // \u5220 (C9 BE) lost: BE B3 FD D0 ... reads \u5883\u86c4... . Keeping \u5883 (BE B3) and
  // losing FD costs what losing BE and reading \u9664 (B3 FD) does under the
  // character model; a code with trail BE (\u5220) makes \u5220\u9664 with \u9664:
  // BE is the lost one (kLostByteWord).
  const std::string text =
      "\u4ece\u6570\u636e\u5e93\u4e2d\u5220\u9664\u5e8f\u5217\u53f7\u751f\u6210\u5668\u3002\n";
  const std::string garbled = lose_byte(text, norm::encoding::gbk, "\xc9\xbe", 0);
  ASSERT_NE(garbled.find("\u4e2d\u5883"), std::string::npos) << garbled;
  // (the stop's trail byte A3 went into the decoder's last, invalid pair
  // with the newline: U+FFFD there)
  EXPECT_EQ(fixed(garbled),
            "\u4ece\u6570\u636e\u5e93\u4e2d\ufffd\u9664\u5e8f\u5217\u53f7\u751f\u6210\u5668\ufffd\n");
}

TEST(Misalign, Big5PairsThatMakeAWord) {
  // \u8655\u63d2\u5165 = B3 42 B4 A1 A4 4A with the trail 42 of \u8655 lost: B3 B4 A1 A4 4A
  // reads \u9677\ufe5e J. Keeping \u9677 (B3 B4) and losing A1 costs what losing B3 and
  // reading \u63d2 (B4 A1) does under the character model; B4 A1 and A4 4A make
  // \u63d2\u5165, a common word (kPairWord): B3 is the lost one.
  const std::string text = "\u5728\u884c\u7684\u958b\u59cb\u8655\u63d2\u5165\u6307\u5b9a\u7684\u6240\u6709\u5b57\u5143\u3002\n";
  const std::string garbled = lose_byte(text, norm::encoding::big5, "\xb3\x42", 1);
  ASSERT_NE(garbled.find("\u9677"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled),
            "\u5728\u884c\u7684\u958b\u59cb\ufffd\u63d2\u5165\u6307\u5b9a\u7684\u6240\u6709\u5b57\u5143\u3002\n");
}

TEST(Misalign, MarkLostFalsePutsNothing) {
  const std::string garbled = gbk_lost_byte(3, true);
  norm::fix_options o = misalign_only();
  o.mark_lost = false;
  const std::string got = fixed(garbled, o);
  EXPECT_EQ(head(got).find("\ufffd"), std::string::npos) << got;
  EXPECT_EQ(got.rfind("\u81ea\u52a8\u5220\u4f9d\u8d56\u4e8e", 0), 0u) << got;
}

TEST(Misalign, GbkLostTrailByte) {
  const std::string garbled = gbk_lost_byte(5, false);
  const std::string got = fixed(garbled);
  EXPECT_EQ(head(got), head(with_fffd(kGbkSentence, 5, "\ufffd"))) << got;
}

TEST(Misalign, GbkUtf8SequenceInserted) {
  // A UTF-8 U+3001 pasted into a GBK page: E3 80 81 read as GBK.
  std::string bytes = to_bytes(kGbkSentence, norm::encoding::gbk);
  bytes.insert(6, "\xe3\x80\x81");
  const std::string garbled = decode_replace(bytes, norm::encoding::gbk);
  std::string want(kGbkSentence);
  want.insert(9, "\u3001");
  auto r = norm::fix(garbled, misalign_only());
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(head(r->text), head(want));
  ASSERT_FALSE(r->trace.empty());
  EXPECT_NE(r->trace[0].parameter.find("UTF-8 sequence inserted"), std::string::npos) << r->trace[0].parameter;
}

TEST(Misalign, Big5LostLeadByte) {
  const std::string text =
      "\u4f86\u50b3\u8f38\u53ca\u9a57\u8b49\u8cc7\u6599\uff0c\u63d0\u4f9b\u8207";
  std::string bytes = to_bytes(text, norm::encoding::big5);
  bytes.erase(2 * 9, 1);  // the lead byte of U+63D0
  const std::string garbled = decode_replace(bytes, norm::encoding::big5);
  ASSERT_NE(garbled, text);
  auto r = norm::fix(garbled, misalign_only());
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r->text, with_fffd(text, 9, "\ufffd"));
  ASSERT_EQ(r->trace.size(), 1u);
  EXPECT_EQ(r->trace[0].parameter.rfind("Big5: ", 0), 0u) << r->trace[0].parameter;
}

// Text with one Big5 code's lead byte lost (the trail byte an ASCII letter,
// the decoder back in step at once): `text` encoded, the byte before
// `trail` at the first code ending in it dropped, decoded.
std::string big5_lost_lead(std::string_view text, std::string_view code) {
  return lose_byte(text, norm::encoding::big5, code, 0);
}

TEST(Misalign, Big5LoneLetterBesideAnOrphanWord) {
  // U+767C is B5 6F: its lead lost, 'o' stands in \u6838\u5fc3\u958bo\u8005. U+958B is in no
  // word with U+5FC3 before it; U+958B U+767C is a common word, and the one
  // that a code with trail 'o' makes there.
  const std::string text = "\u6838\u5fc3\u958b\u767c\u8005\u53ef\u4ee5\u627e\u5230";
  const std::string garbled = big5_lost_lead(text, "\xb5\x6f");
  ASSERT_NE(garbled.find("\u958bo\u8005"), std::string::npos);
  auto r = norm::fix(garbled, misalign_only());
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r->text, text);
  ASSERT_EQ(r->trace.size(), 1u);
  EXPECT_NE(r->trace[0].parameter.find("lead byte lost"), std::string::npos);
  // \u65b0\u8a2a\u554f\u4f4d\u7f6e (U+8A2A = B3 58): U+554F is in no word with U+4F4D after it.
  const std::string visit = "\u65b0\u8a2a\u554f\u4f4d\u7f6e\u662f\u5728";
  EXPECT_EQ(fixed(big5_lost_lead(visit, "\xb3\x58")), visit);
}

TEST(Misalign, Big5LoneBraceThatClosesNothing) {
  // \u958b = B6 7D: its lead lost, '}' stands in \u4e00\u5929}\u59cb\uff0c and closes no
  // '{' on its line: a trail byte, \u958b\u59cb the word. A brace or bracket that
  // closes one stays.
  const std::string text = "\u6642\u9593\u9ede\u662f\u4e00\u5929\u958b\u59cb\uff0c\u5348\u591c\u3002";
  const std::string garbled = big5_lost_lead(text, "\xb6\x7d");
  ASSERT_NE(garbled.find("\u5929}\u59cb"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled), text);
  for (std::string_view clean : {"\u8a2d\u5b9a{\u540d\u7a31}\u59cb\u7d42\u6709\u6548\u3002",
                                 "\u9078\u9805[\u6a94\u6848]\u8aaa\u660e\u3002"})
    EXPECT_EQ(fixed(clean), clean) << clean;
}

TEST(Misalign, Big5LoneLetterCharacterUnknown) {
  // \u524d\u9762 (U+524D = AB 65) read as ` e\u9762`: Big5 codes with trail 'e' make
  // \u524d\u9762 and \u756b\u9762 with U+9762, GBK's \u88e1\u9762: a lost byte, the character open.
  const std::string text = "\u53c3\u898b \u524d\u9762\u3002";
  const std::string garbled = big5_lost_lead(text, "\xab\x65");
  ASSERT_EQ(garbled, "\u53c3\u898b e\u9762\u3002");
  EXPECT_EQ(fixed(garbled), "\u53c3\u898b \ufffd\u9762\u3002");
  // \u90f5\u4ef6 (U+90F5 = B6 6C) as \u96fb\u5b50l\u4ef6: Big5 says \u90f5\u4ef6, GBK \u689d\u4ef6 (97 6C).
  const std::string mail = "\u7684\u96fb\u5b50\u90f5\u4ef6\u3002";
  EXPECT_EQ(fixed(big5_lost_lead(mail, "\xb6\x6c")), "\u7684\u96fb\u5b50\ufffd\u4ef6\u3002");
}

TEST(Misalign, Big5LoneLetterAfterALostTrailByte) {
  // \u5b57\u4e32\uff0c\u5b83 = A6 72 A6 EA A1 41 A5 A6 with EA lost: A6 A1 reads \u5f0f, and 'A'
  // (41, the comma's trail) stands alone. The character before the letter
  // lost a byte: U+FFFD for it, and the comma A1 41 back.
  const std::string text = "\u4e00\u500b\u5b57\u4e32\uff0c\u5b83\u5c07\u662f\u6a94\u6848\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::big5, "\xa6\xea", 1);
  ASSERT_NE(garbled.find("A\u5b83"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled), "\u4e00\u500b\u5b57\ufffd\uff0c\u5b83\u5c07\u662f\u6a94\u6848\u3002");
}

TEST(Misalign, LoneLettersOfCleanTraditionalText) {
  // Debian's zh_TW man pages: letters that are variables or names beside
  // Han characters. A code with the letter's trail byte makes a word with
  // a neighbour, but the neighbour is in a word already (\u5e36\u6709, \u4f4d\u5143) or a
  // function character that stands alone far more often (\u70ba, \u548c, \u6216).
  for (std::string_view clean : {
           "\u986f\u793a\u5e36\u6709c\u51fd\u5f0f\u7684\u6539\u8b8a",          // diff(1)
           "\u9577\u5ea6\u8a2d\u70baW\u4f4d\u5143\u7d44",                       // route(8)
           "\u6b04\u4f4d\u6578,\u800cC\u70ba\u6b04\u4f4d\u865f",                // sort(1)
           "\u7b26\u865f\u7684a\u8f49\u63db\u70ba",                             // make_smbcodepage(1)
           "\u4f7f\u7528s\u6216S\u9375(\u5927\u5beb)",                          // minicom(1)
           "\u6587\u4ef6\u7684x\u548cy\u5ea7\u6a19",                            // console_codes(4)
           "\u6839\u64da\u5b57\u5143N\u6216\u8005\u53e5\u5b50",                 // copy(7)
           "\u985e\u4f3c\u7684X\u7248\u6b0a\uff0c",                             // lilyfaq(7)
       }) {
    EXPECT_EQ(fixed(clean), clean) << clean;
  }
}

TEST(Misalign, ShiftJisQuestionMarkForALeadByte) {
  // U+30BD (83 5C) with its lead byte replaced by '?': "?\" and the rest.
  const std::string text =
      "SO_BROADCAST \u30bd\u30b1\u30c3\u30c8\u30d5\u30e9\u30b0\u304c\u30bb\u30c3\u30c8\u3055\u308c\u3066\u3044\u306a"
      "\u3044\u3068\u9001\u4fe1\u30fb\u53d7\u4fe1\u3067\u304d\u306a\u3044\u3002";
  std::string bytes = to_bytes(text, norm::encoding::shift_jis);
  const std::size_t at = bytes.find("\x83\x5c");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '?';
  const std::string garbled = decode_replace(bytes, norm::encoding::shift_jis);
  const std::string got = fixed(garbled);
  const std::string want = "SO_BROADCAST \ufffd" + text.substr(std::string_view("SO_BROADCAST \u30bd").size());
  EXPECT_TRUE(got == want || got == text) << got;
}

TEST(Misalign, ShiftJisLostLeadLeavesLoneHalfWidthKatakana) {
  // "hikisuu to shite ataerareta": the lead byte of hiragana te (82 C4) is
  // lost; its trail byte C4 alone reads as half-width katakana to. One
  // half-width katakana between full-width characters is that damage: the
  // character comes back (te, in context) or becomes U+FFFD -- never stays.
  const std::string text = "\u5f15\u6570\u3068\u3057\u3066\u4e0e\u3048\u3089\u308c\u305f\u5168\u3066\u306e"
                           "\u30d5\u30a1\u30a4\u30eb\u306e\u5185\u5bb9\u304c\u9023\u7d50\u3055\u308c\u3001";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x82\xc4", 0);
  ASSERT_NE(garbled.find("\uff84"), std::string::npos);
  const std::string got = fixed(garbled);
  EXPECT_EQ(got.find("\uff84"), std::string::npos) << got;
  const std::string lost = text.substr(0, std::string_view("\u5f15\u6570\u3068\u3057").size()) + "\ufffd" +
                           text.substr(std::string_view("\u5f15\u6570\u3068\u3057\u3066").size());
  EXPECT_TRUE(got == text || got == lost) << got;
}

TEST(Misalign, ShiftJisLoneLetterInAKatakanaWord) {
  // \u30e1\u30cb\u30e5\u30fc with the lead 83 of \u30cb (83 6A) lost: 'j' between two
  // katakana. No window opens for one letter; the katakana word says it.
  const std::string text = "<ncol> \u306f\u30e1\u30cb\u30e5\u30fc\u306e\u5217\u6570\u3067\u3042\u308b\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x83\x6a", 0);
  ASSERT_NE(garbled.find("\u30e1j\u30e5"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled), text);
  // A symbol ending a katakana word before hiragana: \u30c0 = 83 5F.
  const std::string loader = "\u30d6\u30fc\u30c8\u30ed\u30fc\u30c0\u3068\u3057\u3066\u30a4\u30f3\u30b9\u30c8\u30fc\u30eb\u3059\u308b\u3002";
  const std::string loader_garbled = lose_byte(loader, norm::encoding::shift_jis, "\x83\x5f", 0);
  ASSERT_NE(loader_garbled.find("\u30fc_\u3068"), std::string::npos) << loader_garbled;
  EXPECT_EQ(fixed(loader_garbled), loader);
  // Clean text: Latin beside katakana words stays (`e\u30e1\u30fc\u30eb`,
  // `X\u30b5\u30fc\u30d0`, `\u540d@\u30ed\u30fc\u30ab\u30eb`).
  for (std::string_view clean : {"\u3053\u306ee\u30e1\u30fc\u30eb\u3092\u9001\u308b\u3002",
                                 "\u300ce\u30e1\u30fc\u30eb\u300d\u3092\u9001\u308b\u3002",
                                 "X\u30b5\u30fc\u30d0\u3092\u8d77\u52d5\u3059\u308b\u3002",
                                 "\u30e6\u30fc\u30b6\u540d@\u30ed\u30fc\u30ab\u30eb\u30db\u30b9\u30c8"})
    EXPECT_EQ(fixed(clean), clean) << clean;
}

TEST(Misalign, ShiftJisLoneLetterBesideAKanjiWord) {
  // \u8a18\u8ff0 with the lead 8F of \u8ff0 (8F 71) lost: 'q' between a kanji and
  // hiragana. \u8a18\u8ff0 is a word of the (Chinese) dictionary, \u8a18 in none with
  // the particle before it.
  const std::string text = "\u4ee5\u4e0b\u3067\u8a18\u8ff0\u3055\u308c\u3066\u3044\u308b\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x8f\x71", 0);
  ASSERT_NE(garbled.find("\u8a18q\u3055"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled), text);
}

TEST(Misalign, ShiftJisHalfWidthKatakanaAfterASpace) {
  // \u5727 = 88 B3 lost its lead: B3 alone is half-width \uff73, between a space and
  // a kanji. The kanji is unknown: U+FFFD. A half-width word stays.
  const std::string text = "zlib-flate - \u751f\u306e zlib \u5727\u7e2e\u30d7\u30ed\u30b0\u30e9\u30e0";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x88\xb3", 0);
  ASSERT_NE(garbled.find(" \uff73\u7e2e"), std::string::npos) << garbled;
  EXPECT_EQ(fixed(garbled), "zlib-flate - \u751f\u306e zlib \ufffd\u7e2e\u30d7\u30ed\u30b0\u30e9\u30e0");
  const std::string clean = "\u5168\u89d2\u3068 \uff76\uff80\uff76\uff85\u6587\u5b57\u3002";
  EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, HalfWidthKatakanaRunsUntouched) {
  // Half-width katakana in runs (a bank record) is legitimate text.
  const std::string text = "\u632f\u8fbc\u4eba\uff1a\uff76)\uff94\uff8f\uff80\uff9e \uff80\uff9b\uff73\u3000"
                           "\u91d1\u984d\uff1a\uff11\uff0c\uff12\uff18\uff10\u5186";
  EXPECT_EQ(fixed(text), text);
}

TEST(Misalign, CleanTextUntouched) {
  for (std::string_view clean : {
           std::string_view("\u9b51\u9b45\u9b4d\u9b49"),  // a rare idiom
           std::string_view("\u4ed6\u5728\u793e\u4ea4\u5a92\u4f53\u5e73\u53f0X\u4e0a\u79f0\u8d5e\u4e86"),  // X (the site)
           std::string_view("\u9019\u4e9b\u79d1\u6280\u5de8\u982d\u70ba\u4f55\u6703\u5728\u80a1\u5e02\u88ab\u201c"
                            "\u6380\u684c\u201d\u5462?\u9019\u662f\u56e0\u70baDeepSeek\u7528\u958b\u6e90\u7684\u65b9"
                            "\u5f0f"),  // seed 004: a real '?'
           std::string_view(kGbkSentence),
           std::string_view("\uff21\uff22\uff23\uff11\uff12\uff13 \u5168\u89d2\u6587\u5b57"),
           std::string_view("\u7b2ci\u4e2a\u5143\u7d20"),
           std::string_view("plain ASCII text? yes."),
       }) {
    EXPECT_EQ(fixed(clean), clean);
    EXPECT_TRUE(norm::detail::repair_misalignment(clean, misalign_only()).edits.empty()) << clean;
  }
}

TEST(Misalign, OffWhenNotAsked) {
  norm::fix_options o = misalign_only();
  o.repair_misalignment = false;
  EXPECT_EQ(fixed(kSeedIn, o), kSeedIn);
}

TEST(Misalign, Idempotent) {
  for (const std::string& in : {std::string(kSeedIn), gbk_lost_byte(3, true), gbk_lost_byte(10, false)}) {
    const std::string once = fixed(in);
    EXPECT_EQ(fixed(once), once);
  }
}

TEST(Misalign, EditsAreSortedAndInsideTheText) {
  const std::string garbled = gbk_lost_byte(3, true) + "\n" + std::string(kSeedIn) + "\n" + gbk_lost_byte(12, false);
  auto out = norm::detail::repair_misalignment(garbled, misalign_only());
  ASSERT_GE(out.edits.size(), 2u);
  std::size_t pos = 0;
  for (const auto& e : out.edits) {
    EXPECT_GE(e.begin, pos);
    EXPECT_LT(e.begin, e.end);
    EXPECT_LE(e.end, garbled.size());
    EXPECT_TRUE(norm::is_valid_utf8(e.after));
    EXPECT_EQ(e.action, "realign");
    EXPECT_GT(e.confidence, 0.0);
    EXPECT_LE(e.confidence, 1.0);
    pos = e.end;
  }
}

}  // namespace

namespace {
// `text` in encoding e with the lead byte of the first `code` replaced by
// '?' (a converter's "cannot map"), decoded as the page's decoder would.
std::string question_lead(std::string_view text, norm::encoding e, std::string_view code) {
  std::string bytes = to_bytes(text, e);
  const std::size_t at = bytes.find(code);
  EXPECT_NE(at, std::string::npos);
  if (at == std::string::npos) return std::string(text);
  bytes[at] = '?';
  return decode_replace(bytes, e);
}
}  // namespace

TEST(Misalign, QuestionBeforeAnAsciiTrailByte) {
  // Big5 \u522a = A7 52 lost its lead to '?': the trail 'R' is ASCII, the
  // decoder is back in step at once. '?R' is one character, unknown.
  const std::string text = "t \u5247\u4e0d\u522a\u9664\u5143\u7d20\uff1b";
  const std::string garbled = question_lead(text, norm::encoding::big5, "\xa7\x52");
  ASSERT_EQ(garbled, "t \u5247\u4e0d?R\u9664\u5143\u7d20\uff1b");
  EXPECT_EQ(fixed(garbled), "t \u5247\u4e0d\ufffd\u9664\u5143\u7d20\uff1b");
  // after a space too (Big5 \u7de8 = BD 73)
  const std::string after_space = question_lead("ler \u7de8\u5beb\u3002", norm::encoding::big5, "\xbd\x73");
  ASSERT_EQ(after_space, "ler ?s\u5beb\u3002");
  EXPECT_EQ(fixed(after_space), "ler \ufffd\u5beb\u3002");
  // Shift_JIS: a trail A1-DF is a half-width katakana (\u3064 = 82 C2)
  const std::string kana = question_lead("FS \u306b\u3064\u3044\u3066\u306e", norm::encoding::shift_jis, "\x82\xc2");
  ASSERT_EQ(kana, "FS \u306b?\uff82\u3044\u3066\u306e");
  EXPECT_EQ(fixed(kana), "FS \u306b\ufffd\u3044\u3066\u306e");
  // a real question mark: after a Latin word, before a space or a word
  for (std::string_view clean : {std::string_view("\u4ec0\u9ebc\u662f regex?A \u8868\u793a"),
                                 std::string_view("\u53ef\u4ee5\u55ce?OK\u3002"),
                                 std::string_view("foo?bar\u6a94\u6848"),
                                 std::string_view("\u771f\u7684\u55ce?A\u80a1\u5927\u6f32"),  // A shares
                                 std::string_view("\u600e\u9ebc\u8fa6?X\u5149\u6aa2\u67e5"),
                                 // xpdf(1) in zh_TW: a quoted '?'
                                 std::string_view("\u7684\u4e0a\u9762,\\`?`\u548c\\`Quit'")})
    EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, QuestionAfterASpaceInFoldedText) {
  // GBK \u76ee = C4 BF lost its lead to '?' after a space, in a page whose
  // ':' and ',' went through a width fold: a folded U+FF1F ends a
  // sentence and does not follow a space, so the '?' is a lead byte.
  const std::string text = "\u62a5\u6587 \u662f \u70b9\u5230\u70b9 \u7684:\u8fd9\u91cc \u4ee5\u592a\u7f51\u6e90"
                           "\u5730\u5740\u662f RTSG, \u76ee\u7684\u5730\u5740 \u662f \u4ee5\u592a\u7f51\u5e7f"
                           "\u64ad\u5730\u5740,\u7c7b\u578b\u57df";
  const std::string garbled = question_lead(text, norm::encoding::gbk, "\xc4\xbf");
  ASSERT_NE(garbled.find("RTSG, ?\u5eb7"), std::string::npos) << garbled;
  EXPECT_NE(fixed(garbled).find("RTSG, \ufffd\u7684\u5730"), std::string::npos) << fixed(garbled);
}

TEST(Misalign, ShiftJisHalfWidthKatakanaBetweenKana) {
  // \u3046 = 82 A4 lost its lead: A4 alone is half-width \uff64 between two
  // hiragana. The character is unknown: U+FFFD.
  const std::string text = "\u30a2\u30bb\u30f3\u30d6\u30e9\u306e\u3088\u3046\u306a\u4f4e\u6c34\u6e96";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x82\xa4", 0);
  ASSERT_EQ(garbled, "\u30a2\u30bb\u30f3\u30d6\u30e9\u306e\u3088\uff64\u306a\u4f4e\u6c34\u6e96");
  EXPECT_EQ(fixed(garbled), "\u30a2\u30bb\u30f3\u30d6\u30e9\u306e\u3088\ufffd\u306a\u4f4e\u6c34\u6e96");
  // the half-width middle dot between katakana words separates them
  const std::string clean = "\u30cc\u30a8\u30f4\u30a1\uff65\u30a8\u30b9\u30d1\u30eb\u30bf";
  EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, ShiftJisInsertedMarkBeforeOneCharacter) {
  // UTF-8 \u201c (E2 80 9C) inside Shift_JIS text: E2 80 reads \u7ab6, 9C 82
  // \u6029, D4 \uff94; with the mark taken out, 82 D4 is \u3076 -- one
  // character, 14.5 bits under the model: the mark explains the garble.
  std::string bytes = to_bytes("\u51fa\u529b\u304c\u3064", norm::encoding::shift_jis);
  bytes += "\xe2\x80\x9c";
  bytes += to_bytes("\u3076\u308c\u3066\u3057\u307e\u3044\u307e\u3059\u3002", norm::encoding::shift_jis);
  const std::string garbled = decode_replace(bytes, norm::encoding::shift_jis);
  ASSERT_EQ(garbled, "\u51fa\u529b\u304c\u3064\u7ab6\u6029\uff94\u308c\u3066\u3057\u307e\u3044\u307e\u3059\u3002");
  EXPECT_EQ(fixed(garbled), "\u51fa\u529b\u304c\u3064\u201c\u3076\u308c\u3066\u3057\u307e\u3044\u307e\u3059\u3002");
}

TEST(Misalign, ShiftJisLoneLetterBesideAJapaneseWord) {
  // \u51fa = 8F 6F lost its lead: 'o' beside \u691c, which is in no word with
  // \u3092 before it; \u691c\u51fa is a two-kanji word of the Japanese dictionary
  // (ja_words.hpp), no Chinese word. The same for \u6709\u52b9 (\u6709 = 97 4C).
  const std::string text = "\u30eb\u30fc\u30d7\u3092\u691c\u51fa\u3057\u305f\u5834\u5408";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x8f\x6f", 0);
  ASSERT_EQ(garbled, "\u30eb\u30fc\u30d7\u3092\u691co\u3057\u305f\u5834\u5408");
  EXPECT_EQ(fixed(garbled), text);
  const std::string text2 = "\u306b\u3088\u3063\u3066\u6709\u52b9\u306b\u306a\u3063\u305f";
  const std::string garbled2 = lose_byte(text2, norm::encoding::shift_jis, "\x97\x4c", 0);
  ASSERT_EQ(garbled2, "\u306b\u3088\u3063\u3066L\u52b9\u306b\u306a\u3063\u305f");
  EXPECT_EQ(fixed(garbled2), text2);
  // a variable named beside a word: \u6587\u5b57 is a word, so \u5b57 is no orphan
  for (std::string_view clean : {std::string_view("\u76f4\u524d\u306e\u6587\u5b57a\u306e0\u56de\u4ee5\u4e0a"),
                                 std::string_view("\u30dd\u30fc\u30c8\u756a\u53f7X\u3067\u63a5\u7d9a\u3002")})
    EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, ShiftJisLetterThatStartsAKatakanaWord) {
  // \u30d5 = 83 74 lost its lead: 't' before \u30e9\u30b0; \u30d5\u30e9\u30b0 is a katakana
  // word of the dictionary, \u30e9\u30b0 alone none (at the text's start: the
  // gate opens there too).
  const std::string text = "\u30d5\u30e9\u30b0\u3092\u6307\u793a\u3059\u308b\u3068\u3001\u30d7\u30ed\u30bb\u30b9\u3092"
                           "\u30af\u30ed\u30fc\u30ba\u3059\u308b\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x83\x74", 0);
  ASSERT_EQ(garbled.substr(0, 1), "t");
  EXPECT_EQ(fixed(garbled), text);
  EXPECT_EQ(fixed("\u3053\u3053\u3067 " + garbled), "\u3053\u3053\u3067 " + text);
  // Latin before a katakana word stays: \u30b9\u30b5\u30fc\u30d0 (X = 58 after 83) is no
  // word; options and paths before katakana are no lost leads either
  for (std::string_view clean : {std::string_view("\u3053\u306e X\u30b5\u30fc\u30d0\u3067\u52d5\u304f\u3002"),
                                 std::string_view("\u3053\u306e\u6642 \\-f\u30d5\u30e9\u30b0\u3092\u4f7f\u3046\u3002"),
                                 std::string_view("\u3053\u306e C\u30b3\u30f3\u30d1\u30a4\u30e9\u3067\u3059\u3002"),
                                 std::string_view("\u3053\u306e e\u30e1\u30fc\u30eb\u3067\u3059\u3002")})
    EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, Big5BracketThatClosesNothingBeforeHan) {
  // \u4e5f = A4 5D lost its lead after '(': the ']' closes no bracket and
  // stands before Han; no word says which character it was: U+FFFD. The
  // same after a space (\uff08 = A1 5D).
  const std::string text = "name (\u4e5f\u5141\u8a31\u4f7f\u7528\u6578\u5b57\u5f62\u5f0f\u7684\u7d44 ID)\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::big5, "\xa4\x5d", 0);
  ASSERT_EQ(garbled, "name (]\u5141\u8a31\u4f7f\u7528\u6578\u5b57\u5f62\u5f0f\u7684\u7d44 ID)\u3002");
  EXPECT_EQ(fixed(garbled), "name (\ufffd\u5141\u8a31\u4f7f\u7528\u6578\u5b57\u5f62\u5f0f\u7684\u7d44 ID)\u3002");
  const std::string space = lose_byte("1), \uff08\u63cf\u8ff0\u4e86 foo\uff09", norm::encoding::big5, "\xa1\x5d", 0);
  ASSERT_EQ(space, "1), ]\u63cf\u8ff0\u4e86 foo\uff09");
  EXPECT_EQ(fixed(space), "1), \ufffd\u63cf\u8ff0\u4e86 foo\uff09");
  // a bracket that closes one stays
  const std::string clean = "[\u9078\u9805 ]\u6a94\u6848";
  EXPECT_EQ(fixed(clean), clean);
}

TEST(Misalign, ShiftJisSymbolAfterASpaceOpensTheGate) {
  // \u30bd = 83 5C lost its lead: a backslash after a space, before
  // katakana, in a line with no other evidence (the gate opens on it).
  const std::string text = "SO_BROADCAST \u30bd\u30b1\u30c3\u30c8\u30d5\u30e9\u30b0\u304c\u30bb\u30c3\u30c8"
                           "\u3055\u308c\u3066\u3044\u306a\u3044\u3002";
  const std::string garbled = lose_byte(text, norm::encoding::shift_jis, "\x83\x5c", 0);
  ASSERT_EQ(garbled.substr(0, 14), "SO_BROADCAST \\");
  EXPECT_EQ(fixed(garbled), text);
  norm::fix_options all;  // the whole pipeline, defaults
  auto r = norm::fix(garbled, all);
  ASSERT_TRUE(static_cast<bool>(r));
  EXPECT_EQ(r->text, text);
}

TEST(Misalign, LostByteBetweenTwoWords) {
  // Traditional text in GBK: \u5143 = D4 AA lost its trail AA; D4 BD reads
  // \u8d8a and BD 4D (\u7d44) is left as 'M'. A character of lead D4 is in a
  // word with \u4f4d before it (\u4f4d\u5143) and with \u7d44 (\u5143\u7d44): \u5143,
  // the only one. The same reading wins over a window's realignment
  // (\u5370\u8868\u6a5f: \u8868 = B1 ED lost ED).
  const std::string text = "76 \u4f4d\u5143\u7d44\u7684 \u8cc7\u6599";
  const std::string garbled = lose_byte(text, norm::encoding::gbk, "\xd4\xaa", 1);
  ASSERT_EQ(garbled, "76 \u4f4d\u8d8aM\u7684 \u8cc7\u6599");
  EXPECT_EQ(fixed(garbled), text);
  const std::string text2 = "\u5c0d\u7d66\u51fa\u7684\u5370\u8868\u6a5f\u540d\u9032\u884c\u67e5\u8a62";
  const std::string garbled2 = lose_byte(text2, norm::encoding::gbk, "\xb1\xed", 1);
  ASSERT_NE(garbled2, text2);
  EXPECT_EQ(fixed(garbled2), text2);
}
