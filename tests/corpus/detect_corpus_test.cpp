// Runs norm::detect over corpora/detect/ (made by tools/gen_detect_corpus.py):
//   <lang>/<ENCODING>[.bom].txt            whole files; the name is the answer
//   pieces/<size>/<lang>/<ENCODING>.hex    one short piece per line, in hex
//   binary/*                               must be classified binary
// An answer counts as right when it names the expected encoding or decodes
// the bytes to exactly the same text (windows-1252 for ISO-8859-1 text with
// no byte in 0x80-0x9F, say); the table printed also gives exact-name hits.
// corpora/detect/known_failures.txt lists cases expected to fail (strict: a
// listed case that passes fails the test, so a fix is noticed).
// Prints the per-family table and writes it to <build>/detect_table.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "norm/norm.hpp"

namespace fs = std::filesystem;

namespace {

fs::path corpus_dir() { return fs::path(NORM_SOURCE_DIR) / "corpora" / "detect"; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string from_hex(const std::string& h) {
  std::string out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}

struct corpus_case {
  std::string id;      // path relative to corpora/detect (+ ":line" for pieces)
  std::string group;   // "whole" or "16", "32", "64", "256"
  std::string bytes;
  norm::encoding expected;
};

std::vector<corpus_case> load_cases() {
  std::vector<corpus_case> cases;
  const fs::path root = corpus_dir();
  if (!fs::exists(root)) return cases;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string rel = fs::relative(p, root).generic_string();
    if (rel.rfind("binary/", 0) == 0) continue;
    std::string ext = p.extension().string();
    std::string stem = p.stem().string();
    if (stem.size() > 4 && stem.substr(stem.size() - 4) == ".bom") stem.resize(stem.size() - 4);
    auto enc = norm::encoding_from_name(stem);
    if (ext == ".txt" && rel.rfind("pieces/", 0) != 0) {
      if (!enc) continue;  // README.md and friends
      cases.push_back({rel, "whole", read_file(p), *enc});
    } else if (ext == ".hex" && enc) {
      std::string size = rel.substr(7, rel.find('/', 7) - 7);
      std::ifstream in(p);
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        ++n;
        if (line.empty()) continue;
        cases.push_back({rel + ":" + std::to_string(n), size, from_hex(line), *enc});
      }
    }
  }
  return cases;
}

std::set<std::string> known_failures() {
  std::set<std::string> out;
  std::ifstream in(corpus_dir() / "known_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.insert(line.substr(0, line.find(" -> ")));
  }
  return out;
}

bool same_text(const std::string& bytes, norm::encoding a, norm::encoding b) {
  if (a == b) return true;
  norm::decode_options o;
  o.on_error = norm::error_policy::replace;
  auto x = norm::decode(bytes, a, o);
  auto y = norm::decode(bytes, b, o);
  return x && y && x->report.invalid_count == 0 && y->report.invalid_count == 0 && x->text == y->text;
}

bool is_cjk(norm::encoding e) {
  switch (norm::family(e)) {
    case norm::encoding_family::chinese_simplified:
    case norm::encoding_family::chinese_traditional:
    case norm::encoding_family::japanese:
    case norm::encoding_family::korean: return true;
    default: return false;
  }
}

bool is_gb(norm::encoding e) { return norm::family(e) == norm::encoding_family::chinese_simplified; }
bool is_big5(norm::encoding e) { return norm::family(e) == norm::encoding_family::chinese_traditional; }

struct tally {
  int total = 0, right = 0, exact = 0;
};

std::string pct(const tally& t) {
  if (t.total == 0) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f%% (%d/%d)", 100.0 * t.right / t.total, t.right, t.total);
  return buf;
}

TEST(DetectCorpus, AccuracyTable) {
  std::vector<corpus_case> cases = load_cases();
  ASSERT_GT(cases.size(), 100u) << "corpora/detect is missing: run tools/gen_detect_corpus.py";
  const std::set<std::string> known = known_failures();
  const std::vector<std::string> groups = {"whole", "16", "32", "64", "256"};
  std::map<std::string, std::map<std::string, tally>> table;  // family -> group -> tally
  std::map<std::string, tally> overall;
  tally cjk16;
  int gb_big5_confusions_32 = 0, utf8_lies = 0;
  std::vector<std::string> unexpected_failures, unexpected_passes, failures;

  for (const corpus_case& c : cases) {
    norm::detection d = norm::detect(c.bytes);
    norm::encoding got = d.best();
    bool exact = got == c.expected;
    bool right = d.kind == norm::content_kind::text && (exact || same_text(c.bytes, got, c.expected));
    std::string fam(norm::name(norm::family(c.expected)));
    tally& t = table[fam][c.group];
    ++t.total;
    t.right += right;
    t.exact += exact;
    ++overall[c.group].total;
    overall[c.group].right += right;
    overall[c.group].exact += exact;
    if (c.group == "16" && is_cjk(c.expected)) {
      ++cjk16.total;
      cjk16.right += right;
    }
    if (c.group != "16" && ((is_gb(c.expected) && is_big5(got)) || (is_big5(c.expected) && is_gb(got))))
      ++gb_big5_confusions_32;
    if (got == norm::encoding::utf8 && !norm::is_valid_utf8(c.bytes.substr(d.bom_length))) ++utf8_lies;
    bool listed = known.count(c.id) > 0;
    if (!right) failures.push_back(c.id + " -> " + std::string(norm::name(got)));
    if (!right && !listed) unexpected_failures.push_back(c.id + " -> " + std::string(norm::name(got)));
    if (right && listed) unexpected_passes.push_back(c.id);
  }

  std::ostringstream md;
  md << "| family |";
  for (const auto& g : groups) md << " " << (g == "whole" ? "whole files" : g + " B") << " |";
  md << "\n|---|";
  for (std::size_t i = 0; i < groups.size(); ++i) md << "---|";
  md << "\n";
  for (const auto& [fam, row] : table) {
    md << "| " << fam << " |";
    for (const auto& g : groups) md << " " << (row.count(g) ? pct(row.at(g)) : "-") << " |";
    md << "\n";
  }
  md << "| **all** |";
  for (const auto& g : groups) md << " " << pct(overall[g]) << " |";
  md << "\n\nexact-name hits:";
  for (const auto& g : groups) md << " " << g << " " << overall[g].exact << "/" << overall[g].total << ";";
  md << "\nCJK 16-byte pieces: " << pct(cjk16) << "; GB<->Big5 confusions at >= 32 bytes: "
     << gb_big5_confusions_32 << "; UTF-8 claimed for invalid UTF-8: " << utf8_lies << "\n";
  std::printf("%s", md.str().c_str());
  std::ofstream(fs::path(NORM_BINARY_DIR) / "detect_table.md") << md.str();
  {
    std::ofstream f(fs::path(NORM_BINARY_DIR) / "detect_failures.txt");
    for (const auto& s : failures) f << s << "\n";
  }

  // The targets.
  const tally& whole = overall["whole"];
  EXPECT_GE(whole.right * 100, whole.total * 99) << "whole files below 99%";
  EXPECT_GE(cjk16.right * 100, cjk16.total * 92) << "16-byte CJK pieces below 92%";
  EXPECT_EQ(gb_big5_confusions_32, 0);
  EXPECT_EQ(utf8_lies, 0);
  // Strict expected failures.
  for (const auto& s : unexpected_failures) ADD_FAILURE() << "new failure: " << s;
  for (const auto& s : unexpected_passes) ADD_FAILURE() << "listed as known failure but passes: " << s;
}

TEST(DetectCorpus, BinarySamplesAreBinary) {
  const fs::path dir = corpus_dir() / "binary";
  if (!fs::exists(dir)) GTEST_SKIP() << "no corpora/detect/binary";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() == ".md") continue;
    norm::detection d = norm::detect(read_file(e.path()));
    EXPECT_EQ(d.kind, norm::content_kind::binary) << e.path().filename() << " -> " << norm::name(d.best());
    EXPECT_NE(d.reason, norm::binary_reason::none) << e.path().filename();
    ++n;
  }
  EXPECT_GT(n, 3);
}

}  // namespace
