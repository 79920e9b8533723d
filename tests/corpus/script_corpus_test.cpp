// norm fix --script=auto over corpora/script/mixed.tsv (made by
// tools/gen_script_corpus.py from the golden corpus's clean inputs):
// Traditional text with converter leftovers, Traditional and Simplified text
// with a share of characters flipped to the other script, and clean
// Simplified / Taiwan / Hong Kong / Japanese text. Reports exact documents
// per kind, next to OpenCC over the whole text with the right target, in
// <build>/script_table.md; asserts: clean kinds unchanged (100 %), the
// repair kinds at today's floors, idempotence and replay everywhere.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "norm/norm.hpp"

namespace {

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out.push_back(c == 'n' ? '\n' : c == 't' ? '\t' : c);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

struct row {
  std::string id, kind, input, expected, opencc;
};

std::vector<row> load() {
  std::ifstream in(std::string(NORM_SOURCE_DIR) + "/corpora/script/mixed.tsv", std::ios::binary);
  std::vector<row> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) f.push_back(col);
    if (f.size() != 5) continue;
    rows.push_back({f[0], f[1], unescape(f[2]), unescape(f[3]), unescape(f[4])});
  }
  return rows;
}

TEST(ScriptCorpus, AutoRepairsStraysOnly) {
  const std::vector<row> rows = load();
  ASSERT_GT(rows.size(), 300u);
  norm::fix_options o;
  o.explain = true;
  o.repair_mojibake = o.repair_misalignment = false;
  o.strip_pinyin = o.repair_markers = o.decode_html_entities = false;
  o.form = norm::unicode_form::none;
  o.script = norm::script_target::automatic;
  struct tally {
    int n = 0, exact = 0, opencc = 0;
  };
  std::map<std::string, tally> by_kind;
  for (const row& r : rows) {
    auto f = norm::fix(r.input, o);
    ASSERT_TRUE(f.ok()) << r.id;
    tally& t = by_kind[r.kind];
    ++t.n;
    t.exact += f->text == r.expected;
    t.opencc += r.opencc == r.expected;
    auto rp = norm::replay(r.input, f->trace);
    ASSERT_TRUE(rp.ok()) << r.id;
    EXPECT_EQ(*rp, f->text) << r.id << ": replay";
    auto again = norm::fix(f->text, o);
    ASSERT_TRUE(again.ok()) << r.id;
    EXPECT_FALSE(again->changed) << r.id << ": not idempotent";
    if (r.kind.rfind("clean-", 0) == 0) EXPECT_EQ(f->text, r.input) << r.id << ": clean text changed";
  }
  // Floors: today's figures (tools/gen_script_corpus.py's seed), below the
  // issue's 98 % for the leftover and flip-hant kinds.
  const std::map<std::string, double> floors = {
      {"leftover-tw", 0.92}, {"flip-hans", 0.98}, {"flip-hant", 0.94},
      {"clean-hans", 1.0},   {"clean-tw", 1.0},   {"clean-hk", 1.0}, {"clean-ja", 1.0}};
  std::ostringstream md;
  md << "| kind | documents | norm --script=auto exact | OpenCC whole text exact | target |\n"
        "|---|---|---|---|---|\n";
  for (const auto& [kind, t] : by_kind) {
    const double rate = static_cast<double>(t.exact) / t.n;
    md << "| " << kind << " | " << t.n << " | " << (100.0 * rate) << " % | "
       << (100.0 * t.opencc / t.n) << " % | " << (kind.rfind("clean-", 0) == 0 ? "100 %" : ">= 98 %")
       << " |\n";
    auto it = floors.find(kind);
    ASSERT_NE(it, floors.end()) << kind;
    EXPECT_GE(rate, it->second) << kind;
  }
  std::ofstream(std::string(NORM_BINARY_DIR) + "/script_table.md") << md.str();
  std::printf("%s", md.str().c_str());
}

// The seeds: 003's stray Traditional character in Simplified text, 004's
// Simplified leftovers in Traditional text (after the default repairs);
// 002 untouched.
std::string slurp(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ScriptCorpus, Seeds) {
  const std::string dir = std::string(NORM_SOURCE_DIR) + "/corpora/seeds/";
  norm::fix_options o;
  o.script = norm::script_target::automatic;
  const std::string s002 = slurp(dir + "002.expected.txt");
  auto r002 = norm::fix(s002, o);
  ASSERT_TRUE(r002.ok());
  EXPECT_EQ(r002->text, s002);
  const std::string s003 = slurp(dir + "003.expected.txt");
  ASSERT_NE(s003.find("\u6c92"), std::string::npos);  // the stray
  auto r003 = norm::fix(s003, o);
  ASSERT_TRUE(r003.ok());
  EXPECT_EQ(r003->text.find("\u6c92"), std::string::npos);
  EXPECT_EQ(r003->text.size(), s003.size());
  const std::string s004 = slurp(dir + "004.expected.txt");
  auto r004 = norm::fix(s004, o);
  ASSERT_TRUE(r004.ok());
  // Every Simplified-only leftover is gone: bing, and the one-to-many ones
  // the converter resolves in context (hou -> hou of "after", yu -> yu of "at").
  for (const char* stray : {"\u5e76", "\u4e4b\u540e", "\u7136\u540e", "\u7531\u4e8e"})
    EXPECT_EQ(r004->text.find(stray), std::string::npos) << stray;
  auto inspected = norm::inspect(s004);
  ASSERT_TRUE(inspected.ok());
  EXPECT_EQ(inspected->script.dominant, "hant-tw");
  EXPECT_GT(inspected->script.strays.size(), 20u);
}

}  // namespace
