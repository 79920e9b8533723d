// The real scraped articles (corpora/seeds/, copied from the project's
// seeds with hand-checked expected output, see corpora/seeds/README.md):
// norm::fix with default options turns every NAME.input.txt into
// NAME.expected.txt byte for byte (clean articles: expected == input), the
// trace replays, and a second run changes nothing. On a mismatch the first
// differing line is shown.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "norm/norm.hpp"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string first_difference(const std::string& got, const std::string& want) {
  std::istringstream a(got), b(want);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) return "(no line differs: line endings?)";
    if (!ha || !hb || la != lb)
      return "line " + std::to_string(line) + "\n  got:  " + (ha ? la : "<end>") +
             "\n  want: " + (hb ? lb : "<end>");
  }
}

TEST(Seeds, RepairedAsHandChecked) {
  const fs::path dir = fs::path(NORM_SOURCE_DIR) / "corpora" / "seeds";
  if (!fs::exists(dir)) GTEST_SKIP() << "no corpora/seeds";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".input.txt";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string stem = name.substr(0, name.size() - suffix.size());
    const fs::path expected_path = dir / (stem + ".expected.txt");
    ASSERT_TRUE(fs::exists(expected_path)) << stem << ": no expected file";
    const std::string input = slurp(entry.path());
    const std::string expected = slurp(expected_path);
    norm::fix_options o;
    o.explain = true;
    auto r = norm::fix(input, o);
    ASSERT_TRUE(r.ok()) << stem << ": " << r.error().message;
    EXPECT_EQ(r->text == expected, true) << stem << ": " << first_difference(r->text, expected);
    auto replayed = norm::replay(input, r->trace);
    ASSERT_TRUE(replayed.ok()) << stem;
    EXPECT_EQ(*replayed, r->text) << stem << ": replay differs";
    auto again = norm::fix(r->text, o);
    ASSERT_TRUE(again.ok()) << stem;
    EXPECT_FALSE(again->changed) << stem << ": a second run changes " << first_difference(again->text, r->text);
    ++cases;
  }
  EXPECT_GT(cases, 0);
}

}  // namespace
