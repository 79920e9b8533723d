// Golden files: OpenCC's own output (the `opencc` command, one file per
// configuration under corpora/golden/CONFIG/, made by tools/gen_golden.py)
// reproduced byte for byte by norm -- by convert_text (the own converter),
// by libopencc through the bridge, and by norm::fix --script=TARGET for the
// configurations the targets use (lines with kana excepted: norm leaves
// Japanese alone unless the target is jp).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fix/script_convert.hpp"
#include "norm/norm.hpp"

namespace {

namespace fs = std::filesystem;
using norm::detail::opencc_config;

fs::path golden_dir() { return fs::path(NORM_SOURCE_DIR) / "corpora" / "golden"; }

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::vector<std::string> input_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(golden_dir() / "input"))
    if (e.path().extension() == ".txt") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

constexpr opencc_config kAll[] = {
    opencc_config::s2t,  opencc_config::t2s,   opencc_config::s2tw, opencc_config::s2twp,
    opencc_config::s2hk, opencc_config::tw2s,  opencc_config::tw2sp, opencc_config::hk2s,
    opencc_config::t2tw, opencc_config::t2hk,  opencc_config::t2jp, opencc_config::jp2t};

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t nl = s.find('\n', pos);
    if (nl == std::string::npos) {
      out.push_back(s.substr(pos));
      break;
    }
    out.push_back(s.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

// Hiragana or katakana (U+3041-30FA) in the line.
bool has_kana(const std::string& line) {
  for (std::size_t i = 0; i + 2 < line.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(line[i]);
    const auto b1 = static_cast<unsigned char>(line[i + 1]);
    const auto b2 = static_cast<unsigned char>(line[i + 2]);
    if (b0 == 0xE3 && ((b1 == 0x81 && b2 >= 0x81) || b1 == 0x82 || (b1 == 0x83 && b2 <= 0xBA)))
      return true;
  }
  return false;
}

TEST(GoldenScript, CorpusIsThere) {
  auto names = input_names();
  EXPECT_GE(names.size(), 8u);
  for (opencc_config c : kAll)
    for (const auto& n : names)
      EXPECT_TRUE(fs::exists(golden_dir() / std::string(norm::detail::config_name(c)) / (n + ".txt")))
          << norm::detail::config_name(c) << "/" << n;
}

TEST(GoldenScript, ConvertTextMatchesOpenccCliForEveryConfig) {
  std::size_t files = 0;
  for (opencc_config c : kAll) {
    const std::string cname(norm::detail::config_name(c));
    for (const auto& n : input_names()) {
      const std::string input = read_file(golden_dir() / "input" / (n + ".txt"));
      const std::string expected = read_file(golden_dir() / cname / (n + ".txt"));
      EXPECT_EQ(norm::detail::convert_text(c, input), expected) << cname << "/" << n;
      auto own = norm::detail::convert_text_own(c, input);
      ASSERT_TRUE(own.has_value()) << cname;
      EXPECT_EQ(*own, expected) << "own converter " << cname << "/" << n;
      auto lib = norm::detail::convert_text_opencc(c, input);
      ASSERT_TRUE(lib.has_value()) << "libopencc " << cname;
      EXPECT_EQ(*lib, expected) << "libopencc " << cname << "/" << n;
      ++files;
    }
  }
  EXPECT_GE(files, 12u * 8u);
}

TEST(GoldenScript, FixScriptTargetMatchesOpencc) {
  const struct {
    norm::script_target target;
    opencc_config config;
  } kTargets[] = {{norm::script_target::hans, opencc_config::t2s},
                  {norm::script_target::hant, opencc_config::s2t},
                  {norm::script_target::tw, opencc_config::s2tw},
                  {norm::script_target::twp, opencc_config::s2twp},
                  {norm::script_target::hk, opencc_config::s2hk},
                  {norm::script_target::jp, opencc_config::t2jp}};
  for (const auto& t : kTargets) {
    const std::string cname(norm::detail::config_name(t.config));
    norm::fix_options o;
    o.repair_mojibake = o.repair_misalignment = false;
    o.strip_pinyin = o.repair_markers = o.decode_html_entities = false;
    o.form = norm::unicode_form::none;
    o.script = t.target;
    o.explain = true;
    for (const auto& n : input_names()) {
      const std::string input = read_file(golden_dir() / "input" / (n + ".txt"));
      const std::string golden = read_file(golden_dir() / cname / (n + ".txt"));
      auto r = norm::fix(input, o);
      ASSERT_TRUE(r) << r.error().message;
      // The expected text: OpenCC's line, except where the line holds kana
      // (and the target is not jp), or the whole input is Japanese.
      std::string expected;
      if (t.target != norm::script_target::jp && n == "clean_ja") {
        expected = input;
      } else if (t.target == norm::script_target::jp) {
        expected = golden;
      } else {
        auto in_lines = lines_of(input), out_lines = lines_of(golden);
        ASSERT_EQ(in_lines.size(), out_lines.size()) << n;
        for (std::size_t i = 0; i < in_lines.size(); ++i) {
          if (i) expected += '\n';
          expected += has_kana(in_lines[i]) ? in_lines[i] : out_lines[i];
        }
      }
      EXPECT_EQ(r->text, expected) << cname << "/" << n;
      auto again = norm::replay(input, r->trace);
      ASSERT_TRUE(again) << again.error().message;
      EXPECT_EQ(*again, r->text) << cname << "/" << n;
    }
  }
}

}  // namespace
