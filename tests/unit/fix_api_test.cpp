// norm::fix / norm::fix_bytes / norm::replay: the API contract any correct
// repair engine must satisfy (norm/fix.hpp), as tables of cases. The corpus
// runner (tests/corpus/fix_corpus_test.cpp) measures repair quality; this
// file pins behaviour that is not a matter of quality: errors, flags, trace
// and replay semantics, and a few famous repairs.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "norm/norm.hpp"

namespace {

norm::fix_options explain_on() {
  norm::fix_options o;
  o.explain = true;
  return o;
}

std::string hex(std::string_view s) {
  static const char* k = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    o += k[c >> 4];
    o += k[c & 15];
    o += ' ';
  }
  return o;
}

TEST(FixApi, EmptyInput) {
  auto r = norm::fix("", explain_on());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, "");
  EXPECT_FALSE(r->changed);
  EXPECT_TRUE(r->trace.empty());
  EXPECT_EQ(r->rounds, 0u);
}

TEST(FixApi, CleanTextIsUnchangedWithEmptyTrace) {
  const std::string_view cases[] = {
      // pure ASCII, including things a careless repair might touch
      "Hello, world!",
      "a",
      "The quick brown fox jumps over the lazy dog. 0123456789",
      "C:\\Program Files\\x86 and \\xC3\\xA9 written out",
      "{\"json\": [1, 2, 3], \"ok\": true}\n\ttabs and\r\nnewlines\n",
      "?? !! -- '' \"\" ~~ ^^ @@ ##",
      // clean non-ASCII
      "caf\u00E9 na\u00EFve r\u00E9sum\u00E9",
      "Zo\u00EB, \u00C5ngstr\u00F6m, Jos\u00E9 \u00D1\u00FA\u00F1ez, Dvo\u0159\u00E1k, \u0141\u00F3d\u017A",
      "Stra\u00DFe \u2013 \u201EAnf\u00FChrung\u201C \u2018q\u2019 \u20AC 5",
      "\u4E2D\u6587\u6587\u672C\uFF0C\u6CA1\u6709\u95EE\u9898\u3002",           // Simplified
      "\u7E41\u9AD4\u4E2D\u6587\u7684\u53E5\u5B50\u3002",                       // Traditional
      "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8\u3067\u3059\u3002",     // Japanese
      "\uD55C\uAD6D\uC5B4 \uBB38\uC7A5\uC785\uB2C8\uB2E4.",                     // Korean
      "\u041F\u0440\u0438\u0432\u0435\u0442, \u043C\u0438\u0440!",              // Russian
      "\u039A\u03B1\u03BB\u03B7\u03BC\u03AD\u03C1\u03B1",                       // Greek
      "Zh\u014Dngw\u00E9n n\u01DA l\u01DC",                                     // pinyin
      "\uFF83\uFF9E\uFF70\uFF80",                                               // half-width katakana
      "\U0001F600 \U0001F44D\U0001F3FD",                                        // emoji
  };
  for (std::string_view in : cases) {
    auto r = norm::fix(in, explain_on());
    ASSERT_TRUE(r) << in << ": " << r.error().message;
    EXPECT_EQ(r->text, in) << hex(in);
    EXPECT_FALSE(r->changed) << in;
    EXPECT_TRUE(r->trace.empty()) << in << ": " << r->trace.size() << " steps";
    EXPECT_EQ(r->rounds, 0u) << in;
  }
}

TEST(FixApi, InvalidUtf8IsRejectedWithOffset) {
  struct row {
    std::string_view in;
    std::uint64_t offset;
  };
  const row rows[] = {
      {"\xFF", 0},
      {"abc\xFF", 3},
      {"\xC3", 0},                   // truncated 2-byte sequence
      {"ab\xE4\xB8", 2},             // truncated 3-byte sequence
      {"a\xC0\xAF", 1},              // overlong '/'
      {"xy\xED\xA0\x80z", 2},        // UTF-16 surrogate
      {"caf\xC3\xA9 \x80", 6},       // stray continuation byte after valid text
      {"\xF4\x90\x80\x80", 0},       // above U+10FFFF
  };
  for (const row& r : rows) {
    auto f = norm::fix(r.in, explain_on());
    ASSERT_FALSE(f) << hex(r.in);
    EXPECT_EQ(f.error().code, norm::errc::invalid_input) << hex(r.in);
    EXPECT_EQ(f.error().offset, r.offset) << hex(r.in);
  }
}

TEST(FixApi, InputLimit) {
  norm::fix_options o;
  o.max_input = 4;
  auto r = norm::fix("abcdefgh", o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, norm::errc::input_too_long);
}

TEST(FixApi, ReplayOfEmptyTraceReturnsInput) {
  const std::string_view inputs[] = {"", "abc", "caf\u00C3\u00A9", "\u4E2D\u6587"};
  for (std::string_view in : inputs) {
    auto r = norm::replay(in, {});
    ASSERT_TRUE(r) << in;
    EXPECT_EQ(*r, in);
  }
}

TEST(FixApi, ReplayAppliesStepsAndChecksBefore) {
  norm::trace_step good;
  good.stage = norm::fix_stage::repair;
  good.fixer = "mojibake";
  good.action = "reencode";
  good.parameter = "windows-1252>UTF-8";
  good.begin = 3;
  good.end = 7;
  good.before = "\u00C3\u00A9";
  good.after = "\u00E9";
  {
    std::vector<norm::trace_step> t{good};
    auto r = norm::replay("caf\u00C3\u00A9!", t);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "caf\u00E9!");
  }
  struct row {
    const char* what;
    std::uint64_t begin, end;
    std::string before;
    std::uint64_t bad_step;
  };
  const row rows[] = {
      {"before differs from the text", 3, 7, "\u00C3\u00A8", 0},
      {"span past the end", 3, 99, "\u00C3\u00A9", 0},
      {"begin after end", 7, 3, "", 0},
      {"second step does not match", 3, 7, "\u00C3\u00A9", 1},
  };
  for (const row& r : rows) {
    norm::trace_step s = good;
    s.begin = r.begin;
    s.end = r.end;
    s.before = r.before;
    std::vector<norm::trace_step> t;
    if (r.bad_step == 1) {
      t.push_back(good);  // applies; then the same step again no longer matches
      t.push_back(good);
    } else {
      t.push_back(s);
    }
    auto out = norm::replay("caf\u00C3\u00A9!", t);
    ASSERT_FALSE(out) << r.what;
    EXPECT_EQ(out.error().code, norm::errc::invalid_argument) << r.what;
    EXPECT_EQ(out.error().offset, r.bad_step) << r.what;
  }
}

// The real cases of shared/FIELD.md and issue 3 (inputs computed in Python:
// "cafe".encode('utf-8').decode('cp1252'), etc.).
TEST(FixApi, RepairsTheFamousCases) {
  struct row {
    const char* what;
    std::string_view in;
    std::string_view out;
  };
  const row rows[] = {
      {"UTF-8 read as cp1252", "caf\u00C3\u00A9", "caf\u00E9"},
      {"GBK read as Latin-1", "\u00D6\u00D0\u00CE\u00C4", "\u4E2D\u6587"},
      {"UTF-8 read as GBK", "\u9359\u509B\u669F", "\u53C2\u6570"},
  };
  for (const row& r : rows) {
    auto f = norm::fix(r.in, explain_on());
    ASSERT_TRUE(f) << r.what << ": " << f.error().message;
    EXPECT_EQ(f->text, r.out) << r.what << ": got " << hex(f->text);
    EXPECT_TRUE(f->changed) << r.what;
    EXPECT_FALSE(f->trace.empty()) << r.what;
    EXPECT_GE(f->rounds, 1u) << r.what;
    for (const auto& s : f->trace) {
      EXPECT_GE(s.confidence, 0.0) << r.what;
      EXPECT_LE(s.confidence, 1.0) << r.what;
      EXPECT_LE(s.begin, s.end) << r.what;
    }
    auto again = norm::replay(r.in, f->trace);
    ASSERT_TRUE(again) << r.what;
    EXPECT_EQ(*again, f->text) << r.what;
    // Without explain: the same text, no trace.
    auto quiet = norm::fix(r.in);
    ASSERT_TRUE(quiet) << r.what;
    EXPECT_EQ(quiet->text, f->text) << r.what;
    EXPECT_TRUE(quiet->trace.empty()) << r.what;
  }
}

TEST(FixApi, RepairCanBeTurnedOff) {
  norm::fix_options o = explain_on();
  o.repair_mojibake = false;
  auto r = norm::fix("caf\u00C3\u00A9", o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "caf\u00C3\u00A9");
  EXPECT_FALSE(r->changed);
}

// kGbkText in GBK (Python: .encode('gbk')).
constexpr std::string_view kGbkBytes =
    "\xD6\xD0\xCE\xC4\xB1\xE0\xC2\xEB\xB2\xE2\xCA\xD4\xA3\xAC\xD5\xE2\xCA\xC7\xD2\xBB"
    "\xB6\xCE\xD3\xC3 GBK \xB1\xE0\xC2\xEB\xB5\xC4\xBC\xF2\xCC\xE5\xD6\xD0\xCE\xC4\xCE\xC4"
    "\xB1\xBE\xA1\xA3";
constexpr std::string_view kGbkText =
    "\u4E2D\u6587\u7F16\u7801\u6D4B\u8BD5\uFF0C\u8FD9\u662F\u4E00\u6BB5\u7528 GBK "
    "\u7F16\u7801\u7684\u7B80\u4F53\u4E2D\u6587\u6587\u672C\u3002";

TEST(FixApi, FixBytesDecodesGivenEncoding) {
  norm::fix_options o = explain_on();
  o.input_encoding = norm::encoding::gbk;
  auto r = norm::fix_bytes(kGbkBytes, o);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, kGbkText);
  EXPECT_EQ(r->input_encoding, norm::encoding::gbk);
  auto again = norm::replay(kGbkBytes, r->trace);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, r->text);
}

TEST(FixApi, FixBytesDetectsGbk) {
  auto r = norm::fix_bytes(kGbkBytes, explain_on());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, kGbkText);
  // GB18030 is a superset that decodes these bytes to the same text; the
  // contract is "a Simplified Chinese encoding that gives the right text".
  EXPECT_EQ(norm::family(r->input_encoding), norm::encoding_family::chinese_simplified)
      << norm::name(r->input_encoding);
  auto again = norm::replay(kGbkBytes, r->trace);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, r->text);
}

TEST(FixApi, FixBytesUtf8WithMojibakeIsRepaired) {
  norm::fix_options o = explain_on();
  o.input_encoding = norm::encoding::utf8;
  auto r = norm::fix_bytes("caf\xC3\x83\xC2\xA9", o);  // UTF-8 bytes of "caf" A-tilde copyright
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, "caf\u00E9");
  EXPECT_EQ(r->input_encoding, norm::encoding::utf8);
}

TEST(FixApi, FixBytesRejectsBinary) {
  const std::string_view png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1F\xF3\xFF\x61", 33);
  auto r = norm::fix_bytes(png);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, norm::errc::binary_input);
}

}  // namespace

// UTF-8 Chinese read as GBK by ICU (the decoder libnorm runs, like
// Windows' cp936): continuation-byte pairs such as A2 AB fall in GBK's
// holes, which that decoder maps to the Private Use Area (U+E766...).
// The repair must re-encode those too: the text comes back whole, except
// U+FFFD for each character whose bytes the decoder really lost (a lone
// byte before an ASCII one), never a leftover of garble.
TEST(FixApi, RepairsChineseGarbledByIcuGbkDecoder) {
  std::ifstream in(std::string(NORM_SOURCE_DIR) + "/corpora/detect/zh-hans/UTF-8.txt", std::ios::binary);
  ASSERT_TRUE(in) << "corpora/detect/zh-hans/UTF-8.txt is missing";
  const std::string original((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  norm::decode_options d;
  d.on_error = norm::error_policy::replace;
  auto garbled = norm::decode(original, norm::encoding::gbk, d);
  ASSERT_TRUE(garbled);
  auto r = norm::fix(garbled->text);
  ASSERT_TRUE(r);
  ASSERT_NE(r->text, garbled->text);
  // Line by line: every character equals the original's or is U+FFFD in
  // its place.
  auto cps = [](std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
      const auto c = static_cast<unsigned char>(s[i]);
      const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
      for (std::size_t k = 1; k < n; ++k) cp = cp << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      out.push_back(cp);
      i += n;
    }
    return out;
  };
  const std::u32string want = cps(original), got = cps(r->text);
  ASSERT_EQ(want.size(), got.size()) << r->text;
  std::size_t lost = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (got[i] == U'\uFFFD') {
      ++lost;
      continue;
    }
    ASSERT_EQ(want[i], got[i]) << "character " << i << " of " << r->text;
  }
  // ~1 in 20: the characters cut off by a line end or an ASCII byte
  EXPECT_LT(lost * 10, want.size()) << lost << " of " << want.size() << " characters lost";
}

// fix_owned / fix_bytes_owned: the same results as fix / fix_bytes; clean
// text comes back in the caller's buffer (moved, not copied); on an error
// the buffer is left as it was.
TEST(FixApi, OwnedVariantsMoveCleanTextAndKeepInputOnError) {
  std::string clean(4096, 'a');
  clean += " caf\u00e9 \u4e2d\u6587\n";
  const std::string copy = clean;
  const char* buffer = clean.data();
  auto r = norm::fix_owned(std::move(clean));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->changed);
  EXPECT_EQ(r->text, copy);
  EXPECT_EQ(r->text.data(), buffer);  // the same buffer: no copy

  std::string garbled = "caf\u00c3\u00a9 au lait, s'il vous pla\u00c3\u00aet";
  auto g = norm::fix(garbled);
  auto go = norm::fix_owned(std::string(garbled));
  ASSERT_TRUE(g && go);
  EXPECT_TRUE(go->changed);
  EXPECT_EQ(go->text, g->text);
  EXPECT_EQ(go->text, "caf\u00e9 au lait, s'il vous pla\u00eet");

  std::string bad = "ok \xC3( and more";
  const std::string bad_copy = bad;
  auto e = norm::fix_owned(std::move(bad));
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, norm::errc::invalid_input);
  EXPECT_EQ(bad, bad_copy);

  std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const std::string binary_copy = binary;
  auto b = norm::fix_bytes_owned(std::move(binary));
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, norm::errc::binary_input);
  EXPECT_EQ(binary, binary_copy);

  // GBK bytes: decoded, so changed, as fix_bytes says.
  const std::string gbk = "\xD6\xD0\xCE\xC4\xB2\xE2\xCA\xD4\xA3\xAC\xD5\xE2\xCA\xC7\xD2\xBB\xB8\xF6"
                          "\xBC\xF2\xB5\xA5\xB5\xC4\xC0\xFD\xD7\xD3\xA1\xA3";
  auto fb = norm::fix_bytes(gbk);
  auto fbo = norm::fix_bytes_owned(std::string(gbk));
  ASSERT_TRUE(fb && fbo);
  EXPECT_EQ(fbo->text, fb->text);
  EXPECT_EQ(fbo->changed, fb->changed);
  EXPECT_EQ(fbo->input_encoding, fb->input_encoding);
  std::string ascii(5000, 'x');
  const char* abuf = ascii.data();
  auto fa = norm::fix_bytes_owned(std::move(ascii));
  ASSERT_TRUE(fa);
  EXPECT_FALSE(fa->changed);
  EXPECT_EQ(fa->text.data(), abuf);
}
