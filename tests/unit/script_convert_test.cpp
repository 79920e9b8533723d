// The script_convert fixer and the two converters behind it: libnorm's own
// (compiled-in tables from OpenCC's dictionaries) and libopencc through the
// bridge. The own converter must equal libopencc byte for byte on every
// configuration (differential test over the golden inputs cut and shuffled
// into 1 MiB of text with fresh phrase boundaries); the bridge must
// survive what Debian's OpenCC 1.1.6 does not (invalid or truncated UTF-8,
// NUL bytes); the fixer's edits replay and leave Japanese alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bridges/opencc_bridge.hpp"
#include "fix/script_convert.hpp"
#include "norm/norm.hpp"

namespace {

namespace fs = std::filesystem;
using norm::detail::opencc_config;

constexpr opencc_config kAll[] = {
    opencc_config::s2t,  opencc_config::t2s,   opencc_config::s2tw, opencc_config::s2twp,
    opencc_config::s2hk, opencc_config::tw2s,  opencc_config::tw2sp, opencc_config::hk2s,
    opencc_config::t2tw, opencc_config::t2hk,  opencc_config::t2jp, opencc_config::jp2t};

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Code points of a UTF-8 string, as byte ranges.
std::vector<std::string> chars_of(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// About `bytes` of text: pieces of 1-8 characters of the golden inputs
// (Simplified, Traditional, Japanese), shuffled, with ASCII, emoji, NUL and
// line breaks between some of them: phrase boundaries no real text has.
std::string shuffled_text(std::size_t bytes, unsigned seed) {
  std::vector<std::string> chars;
  for (const auto& e : fs::directory_iterator(fs::path(NORM_SOURCE_DIR) / "corpora/golden/input")) {
    auto c = chars_of(read_file(e.path()));
    chars.insert(chars.end(), c.begin(), c.end());
  }
  std::mt19937 rng(seed);
  std::string out;
  const char* extras[] = {"\n", " ", "a", "\xF0\x9F\x98\x80", "b", "SQL",
                          "\xE3\x83\xBB"};
  while (out.size() < bytes && !chars.empty()) {
    std::size_t at = rng() % chars.size();
    std::size_t len = 1 + rng() % 8;
    for (std::size_t k = 0; k < len && at + k < chars.size(); ++k) out += chars[at + k];
    unsigned r = rng() % 16;
    if (r == 4) out.push_back('\0');
    else if (r < 7) out += extras[r];
  }
  return out;
}

TEST(ScriptConvert, BridgeConvertsAndKeepsNul) {
  // "\u6c49\u5b57" (Simplified) -> "\u6f22\u5b57"
  auto r = norm::detail::opencc_bridge_convert("s2t", "\xE6\xB1\x89\xE5\xAD\x97");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, "\xE6\xBC\xA2\xE5\xAD\x97");
  const std::string with_nul("\xE6\xB1\x89\0\xE5\xAD\x97\0", 8);
  r = norm::detail::opencc_bridge_convert("s2t", with_nul);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, std::string("\xE6\xBC\xA2\0\xE5\xAD\x97\0", 8));
  EXPECT_EQ(norm::detail::convert_text(opencc_config::s2t, with_nul), *r);
  EXPECT_EQ(norm::detail::convert_text_own(opencc_config::s2t, with_nul), *r);
}

TEST(ScriptConvert, BridgeRefusesInvalidAndTruncatedUtf8) {
  // OpenCC 1.1.6 throws on invalid UTF-8 and reads out of bounds on a
  // sequence truncated at the end of its input: the bridge never passes it.
  const std::string bad[] = {"\xE6\xB1", "abc\xE6", "\xE6\xB1\x89\xFF", "\xC0\x80",
                             "\xED\xA0\x80", std::string("\xE6\xB1\x89\xE5\xAD", 5)};
  for (const auto& b : bad) {
    EXPECT_FALSE(norm::detail::opencc_bridge_convert("s2t", b).has_value());
    EXPECT_FALSE(norm::detail::convert_text_own(opencc_config::s2t, b).has_value());
    EXPECT_EQ(norm::detail::convert_text(opencc_config::s2t, b), b);  // given back unchanged
  }
  EXPECT_FALSE(norm::detail::opencc_bridge_convert("no-such-config", "abc").has_value());
  EXPECT_FALSE(norm::detail::opencc_bridge_available("../../etc/passwd"));
  EXPECT_TRUE(norm::detail::opencc_bridge_available("s2t"));
  auto e = norm::detail::opencc_bridge_convert("t2s", "");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(*e, "");
}

TEST(ScriptConvert, OwnConverterIsVerifiedForEveryConfig) {
  for (opencc_config c : kAll) EXPECT_TRUE(norm::detail::own_converter_verified(c));
}

TEST(ScriptConvert, OwnConverterEqualsLibopenccOnShuffledText) {
  const std::string text = shuffled_text(1u << 20, 20261122);
  ASSERT_GE(text.size(), 1u << 20);
  ASSERT_TRUE(norm::is_valid_utf8(text));
  for (opencc_config c : kAll) {
    auto own = norm::detail::convert_text_own(c, text);
    auto lib = norm::detail::convert_text_opencc(c, text);
    ASSERT_TRUE(own.has_value() && lib.has_value()) << norm::detail::config_name(c);
    if (*own != *lib) {
      std::size_t i = 0;
      while (i < own->size() && i < lib->size() && (*own)[i] == (*lib)[i]) ++i;
      ADD_FAILURE() << norm::detail::config_name(c) << ": first difference at byte " << i
                    << ": own \"" << own->substr(i > 12 ? i - 12 : 0, 40) << "\" libopencc \""
                    << lib->substr(i > 12 ? i - 12 : 0, 40) << "\"";
    }
  }
}

TEST(ScriptConvert, PhrasesNotCharacters) {
  // s2twp: "\u8f6f\u4ef6" (software) -> "\u8edf\u9ad4" (Taiwan phrase), not "\u8edf\u4ef6".
  const std::string in = "\xE8\xBD\xAF\xE4\xBB\xB6";
  EXPECT_EQ(norm::detail::convert_text(opencc_config::s2twp, in), "\xE8\xBB\x9F\xE9\xAB\x94");
  EXPECT_EQ(norm::detail::convert_text(opencc_config::s2t, in), "\xE8\xBB\x9F\xE4\xBB\xB6");
}

TEST(ScriptConvert, ThreadsShareTheConverters) {
  const std::string text = shuffled_text(64 << 10, 7);
  const std::string expected = *norm::detail::convert_text_opencc(opencc_config::s2twp, text);
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (auto& g : got)
    threads.emplace_back([&] { g = norm::detail::convert_text(opencc_config::s2twp, text); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

norm::fix_options script_only(norm::script_target t) {
  norm::fix_options o;
  o.explain = true;
  o.script = t;
  o.form = norm::unicode_form::none;
  return o;
}

TEST(ScriptConvert, FixerEditsPerLineAndReplays) {
  // "\u6c49\u5b57\n" "abc\n" "\u8f6f\u4ef6\u5f00\u53d1"
  const std::string in = "\xE6\xB1\x89\xE5\xAD\x97\nabc\n\xE8\xBD\xAF\xE4\xBB\xB6\xE5\xBC\x80\xE5\x8F\x91";
  auto r = norm::fix(in, script_only(norm::script_target::hant));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->text, norm::detail::convert_text(opencc_config::s2t, in));
  EXPECT_NE(r->text, in);
  ASSERT_EQ(r->trace.size(), 1u);  // neighbouring changed lines: one edit
  const auto& s = r->trace[0];
  EXPECT_EQ(s.stage, norm::fix_stage::convert);
  EXPECT_EQ(s.fixer, "script");
  EXPECT_EQ(s.action, "s2t");
  EXPECT_EQ(s.parameter, "hant");
  EXPECT_EQ(s.begin, 0u);  // from the first changed character ...
  EXPECT_EQ(s.end, in.size());  // ... to the last ("\u53d1" -> "\u767c")
  auto again = norm::replay(in, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);

  // Changed lines far apart: one edit each, each only the changed run,
  // no edit over 1 KiB.
  const std::string filler(2000, 'x');
  const std::string far = "\xE6\xB1\x89\xE5\xAD\x97\n" + filler + "\n" + filler + "\xE6\xB1\x89\n";
  r = norm::fix(far, script_only(norm::script_target::hant));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->trace.size(), 2u);
  EXPECT_EQ(r->trace[0].begin, 0u);
  EXPECT_EQ(r->trace[0].before, "\xE6\xB1\x89");  // "\u5b57" stays
  EXPECT_EQ(r->trace[1].before, "\xE6\xB1\x89");
  again = norm::replay(far, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);
  // A long Simplified text: every step spans at most 1 KiB.
  std::string lines;
  for (int i = 0; i < 200; ++i) lines += "\xE6\xB1\x89\xE5\xAD\x97\xE8\xBD\xAF\xE4\xBB\xB6\n";
  r = norm::fix(lines, script_only(norm::script_target::hant));
  ASSERT_TRUE(r);
  EXPECT_GT(r->trace.size(), 1u);
  for (const auto& st : r->trace) EXPECT_LE(st.end - st.begin, 1024u);
  again = norm::replay(lines, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);
}

TEST(ScriptConvert, TargetsUseTheirConfigs) {
  // "\u8f6f\u4ef6\u53f0\u6e7e" in Simplified.
  const std::string s = "\xE8\xBD\xAF\xE4\xBB\xB6\xE5\x8F\xB0\xE6\xB9\xBE";
  const struct {
    norm::script_target t;
    opencc_config c;
    const char* action;
  } cases[] = {{norm::script_target::hant, opencc_config::s2t, "s2t"},
               {norm::script_target::tw, opencc_config::s2tw, "s2tw"},
               {norm::script_target::twp, opencc_config::s2twp, "s2twp"},
               {norm::script_target::hk, opencc_config::s2hk, "s2hk"}};
  for (const auto& c : cases) {
    auto r = norm::fix(s, script_only(c.t));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, norm::detail::convert_text(c.c, s)) << c.action;
    ASSERT_FALSE(r->trace.empty()) << c.action;
    EXPECT_EQ(r->trace[0].action, c.action);
  }
  // hans: t2s of the s2t result gives the Simplified back here.
  const std::string t = norm::detail::convert_text(opencc_config::s2t, s);
  auto r = norm::fix(t, script_only(norm::script_target::hans));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, s);
  EXPECT_EQ(r->trace[0].action, "t2s");
  // jp: t2jp ("\u570b" -> "\u56fd").
  r = norm::fix("\xE5\x9C\x8B", script_only(norm::script_target::jp));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\xE5\x9B\xBD");
  EXPECT_EQ(r->trace[0].parameter, "jp-shinjitai");
}

TEST(ScriptConvert, NothingToDoMeansNoEdit) {
  for (const char* in : {"", "plain ASCII\n", "\xE5\xAD\x97\xE5\xAD\x97", "\n\n\n"}) {
    auto r = norm::fix(in, script_only(norm::script_target::hant));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, in);
    EXPECT_TRUE(r->trace.empty());
    EXPECT_FALSE(r->changed);
  }
  auto r = norm::fix("\xE6\xB1\x89", script_only(norm::script_target::keep));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, "\xE6\xB1\x89");
}

TEST(ScriptConvert, JapaneseIsNotChineseConverted) {
  // "\u65e5\u672c\u8a9e\u306e\u56fd\u3067\u3059" (Japanese; t2s would touch \u8a9e).
  const std::string ja = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE5\x9B\xBD\xE3\x81\xA7\xE3\x81\x99";
  for (auto t : {norm::script_target::hans, norm::script_target::hant, norm::script_target::tw,
                 norm::script_target::twp, norm::script_target::hk}) {
    auto r = norm::fix(ja, script_only(t));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, ja);
    EXPECT_FALSE(r->findings.empty());
  }
  // In a Chinese document, a line with kana stays; the other lines convert.
  // "\u8bed\u8a00\n" + ja + "\n\u8bed\u8a00\u8bed\u8a00\u8bed\u8a00"
  const std::string zh = "\xE8\xAF\xAD\xE8\xA8\x80";
  const std::string doc = zh + "\n" + ja + "\n" + zh + zh + zh + zh + zh + zh;
  auto r = norm::fix(doc, script_only(norm::script_target::hant));
  ASSERT_TRUE(r);
  const std::string zt = norm::detail::convert_text(opencc_config::s2t, zh);
  EXPECT_NE(zt, zh);
  EXPECT_EQ(r->text, zt + "\n" + ja + "\n" + zt + zt + zt + zt + zt + zt);
  auto again = norm::replay(doc, r->trace);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, r->text);
  // The katakana middle dot alone is not Japanese.
  const std::string name = zh + "\xE3\x83\xBB" + zh;
  r = norm::fix(name, script_only(norm::script_target::hant));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, zt + "\xE3\x83\xBB" + zt);
  // jp converts Japanese text.
  r = norm::fix(ja, script_only(norm::script_target::jp));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->text, norm::detail::convert_text(opencc_config::t2jp, ja));
}

}  // namespace
