// Differential test of the mojibake screen (fix/screen.hpp): the fast scan
// (suspicious_windows with its quiet-run loop, and the misalignment gate
// found in the same pass) must give exactly what the reference scans
// (suspicious_windows_reference, misalign_suspect_reference) give -- the
// windows decide where the repair engine runs. Inputs: the clean and
// mojibake corpora, corpora/detect/*/UTF-8.txt, the misalignment corpus,
// and random texts and mutations made of characters near every rule.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "detail/codec.hpp"
#include "detail/lang_model.hpp"
#include "detect/tables.hpp"
#include "fix/screen.hpp"
#include "norm/utf8.hpp"

namespace fs = std::filesystem;

namespace {

std::string source_dir() {
  if (const char* e = std::getenv("NORM_SOURCE_DIR")) return e;
  return NORM_SOURCE_DIR;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

using norm::detail::append_utf8;

// The JSON string values of a .jsonl line (every one: input, expected, id,
// ...), unescaped; a lone surrogate becomes U+FFFD.
std::vector<std::string> json_strings(std::string_view line) {
  std::vector<std::string> out;
  std::size_t i = 0;
  auto hex4 = [&](std::size_t at, char32_t& v) {
    if (at + 4 > line.size()) return false;
    v = 0;
    for (std::size_t k = at; k < at + 4; ++k) {
      const char c = line[k];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<char32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<char32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<char32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  };
  while ((i = line.find('"', i)) != std::string_view::npos) {
    std::string s;
    ++i;
    while (i < line.size() && line[i] != '"') {
      if (line[i] != '\\') {
        s.push_back(line[i++]);
        continue;
      }
      if (++i >= line.size()) break;
      const char e = line[i++];
      switch (e) {
        case 'n': s.push_back('\n'); break;
        case 't': s.push_back('\t'); break;
        case 'r': s.push_back('\r'); break;
        case 'b': s.push_back('\b'); break;
        case 'f': s.push_back('\f'); break;
        case 'u': {
          char32_t v = 0;
          if (!hex4(i, v)) break;
          i += 4;
          if (v >= 0xD800 && v <= 0xDBFF && i + 1 < line.size() && line[i] == '\\' &&
              line[i + 1] == 'u') {
            char32_t lo = 0;
            if (hex4(i + 2, lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
              v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
              i += 6;
            }
          }
          if (v >= 0xD800 && v <= 0xDFFF) v = 0xFFFD;
          append_utf8(s, v);
          break;
        }
        default: s.push_back(e);
      }
    }
    ++i;
    out.push_back(std::move(s));
  }
  return out;
}

struct checker {
  std::size_t texts = 0, windows = 0, gates = 0;

  void check(std::string_view text, const std::string& where) {
    if (!norm::is_valid_utf8(text)) return;
    ++texts;
    norm::detail::screen_gate gate;
    const auto fast = norm::detail::suspicious_windows(text, gate);
    const auto ref = norm::detail::suspicious_windows_reference(text);
    ASSERT_EQ(fast, ref) << where;
    ASSERT_EQ(norm::detail::suspicious_windows(text), ref) << where;
    const bool ref_gate = norm::detail::misalign_suspect_reference(text);
    ASSERT_EQ(gate.suspect(!fast.empty()), ref_gate) << where;
    ASSERT_EQ(norm::detail::misalign_suspect(text), ref_gate) << where;
    windows += !ref.empty();
    gates += ref_gate;
  }
};

// Characters near every rule of the screen and the gate: ASCII letters and
// '?', Cyrillic (both cases, yo, symbols of windows-1251/KOI8-R), Latin-1
// and windows-1252 symbols, Greek, common and rare Han, kana, Hangul,
// bopomofo, half-width katakana, private use, C1 controls, U+FFFD, the GBK
// readings of UTF-8 punctuation, CJK punctuation, characters outside the
// BMP.
const std::vector<char32_t>& palette() {
  static const std::vector<char32_t> p = [] {
    std::vector<char32_t> v = {
        'a', 'Z', 'x', '?', '?', ' ', '\n', '.', ',', '1', '\\', '&',
        0x430, 0x43E, 0x435, 0x44F, 0x444, 0x445, 0x451, 0x401, 0x410, 0x41F, 0x42F, 0x416,
        0x404, 0x454, 0x456, 0x491, 0x45E, 0x40E, 0x2116, 0x2020, 0x2022, 0x2500, 0x2554, 0x2591,
        0xA0, 0xA4, 0xA6, 0xA7, 0xAB, 0xB0, 0xB1, 0xB5, 0xB6, 0xB7, 0xBB, 0xC0, 0xC3, 0xC9,
        0xD0, 0xD7, 0xDF, 0xE0, 0xE2, 0xE7, 0xE9, 0xEF, 0xF7, 0xFF, 0x152, 0x153, 0x160, 0x161,
        0x178, 0x17D, 0x192, 0x2C6, 0x2DC, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D,
        0x201E, 0x2021, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122,
        0x391, 0x3B1, 0x3C9, 0x386, 0x3AC, 0x3C2,
        0x100, 0x104, 0x105, 0x141, 0x142, 0x15A, 0x17B, 0x11F, 0x130, 0x131, 0x15F,
        0x4E00, 0x4E2D, 0x6587, 0x7684, 0x662F, 0x4E0D, 0x3002, 0xFF0C, 0x3001, 0x300A, 0x300B,
        0x9225, 0x9286, 0x951B, 0x951D, 0x951F, 0x65A4, 0x62F7, 0x70EB, 0x5C6F,
        0x9F98, 0x9F44, 0x5690, 0x7E5A, 0x4DB5, 0x3400, 0x9FA5, 0x5B7A, 0x8E6E, 0x6D63,
        0x93C2, 0x6D93, 0x9359, 0x9428, 0x7EDB, 0x7487, 0x95C2,
        0x3042, 0x30A2, 0x30FC, 0xAC00, 0xD55C, 0x3131, 0x3105, 0x31A0, 0xFE30, 0xFE4F,
        0xFF61, 0xFF76, 0xFF9F, 0xE000, 0xF8FF, 0x80, 0x85, 0x9F, 0xFFFD, 0xF900,
        0x0300, 0x0301, 0x5D0, 0x627, 0x54E, 0x20000, 0x2A6D6, 0x1F600,
        // accented Latin letters' UTF-8 read as GBK / EUC-JP / EUC-KR (the
        // glued-to-ASCII rule)
        0x8305, 0x7aef, 0x8fbf, 0xcc98, 0xcc55, 0x76f2,
    };
    return v;
  }();
  return p;
}

void corpus_files(std::vector<fs::path>& out, const fs::path& dir, std::string_view ext) {
  if (!fs::exists(dir)) return;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
}

}  // namespace

TEST(Screen, MatchesReferenceOnCorpora) {
  const fs::path root = source_dir();
  std::vector<fs::path> jsonl;
  corpus_files(jsonl, root / "corpora" / "clean", ".jsonl");
  corpus_files(jsonl, root / "corpora" / "mojibake", ".jsonl");
  corpus_files(jsonl, root / "corpora" / "misalign", ".jsonl");
  ASSERT_FALSE(jsonl.empty());
  checker c;
  for (const fs::path& p : jsonl) {
    const std::string text = read_file(p);
    std::size_t b = 0, line = 0;
    while (b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      ++line;
      for (const std::string& s : json_strings(std::string_view(text).substr(b, e - b)))
        c.check(s, p.string() + ":" + std::to_string(line));
      if (::testing::Test::HasFatalFailure()) return;
      b = e + 1;
    }
  }
  std::vector<fs::path> detect;
  for (const auto& e : fs::directory_iterator(root / "corpora" / "detect"))
    if (fs::exists(e.path() / "UTF-8.txt")) detect.push_back(e.path() / "UTF-8.txt");
  ASSERT_FALSE(detect.empty());
  for (const fs::path& p : detect) {
    const std::string text = read_file(p);
    c.check(text, p.string());
    if (::testing::Test::HasFatalFailure()) return;
    std::size_t b = 0;
    while (b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      c.check(std::string_view(text).substr(b, e - b), p.string());
      if (::testing::Test::HasFatalFailure()) return;
      b = e + 1;
    }
  }
  // Both kinds of answer occur (the corpora exercise the rules).
  EXPECT_GT(c.windows, 100u);
  EXPECT_GT(c.gates, 10u);
  EXPECT_GT(c.texts, c.windows);
}

TEST(Screen, MatchesReferenceOnRandomTexts) {
  std::mt19937 rng(20240611);
  const auto& pal = palette();
  checker c;
  for (int k = 0; k < 60000; ++k) {
    std::string s;
    const int len = static_cast<int>(rng() % 24) + 1;
    // Mostly one kind in a row (runs of quiet characters), some noise.
    // Half of them with much ASCII (spaces, '?', letters between the rest).
    const bool ascii = k % 2 == 1;
    for (int j = 0; j < len; ++j) {
      const unsigned r = rng() % 16;
      char32_t cp;
      if (ascii && rng() % 3 == 0) cp = static_cast<unsigned char>(" ?a.,Z\n1 x?"[rng() % 11]);
      else if (r < 4) cp = 0x430 + rng() % 32;   // lower-case Cyrillic
      else if (r < 5) cp = 0x410 + rng() % 32;   // upper-case Cyrillic
      else if (r < 8) cp = 0x4E00 + rng() % 0x5200;  // Han, common and rare
      else if (r < 9) cp = 0x80 + rng() % 0x780;     // two-byte
      else if (r < 10) cp = 0x800 + rng() % 0xF800;  // any BMP
      else cp = pal[rng() % pal.size()];
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
      append_utf8(s, cp);
    }
    c.check(s, "random " + std::to_string(k));
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(c.windows, 1000u);
  EXPECT_GT(c.gates, 100u);
}

TEST(Screen, MatchesReferenceOnMutatedCorpora) {
  const fs::path root = source_dir();
  std::vector<std::string> texts;
  for (const char* lang : {"ru", "zh-hans", "zh-hant", "ja", "ko", "fr", "el", "uk", "bg", "de"}) {
    const fs::path p = root / "corpora" / "detect" / lang / "UTF-8.txt";
    if (fs::exists(p)) texts.push_back(read_file(p).substr(0, 6000));
  }
  ASSERT_FALSE(texts.empty());
  std::mt19937 rng(7);
  const auto& pal = palette();
  checker c;
  for (int k = 0; k < 6000; ++k) {
    const std::string& base = texts[static_cast<std::size_t>(k) % texts.size()];
    // A stretch of a line, with one to four characters put in or replaced.
    std::size_t b = rng() % base.size();
    while (b > 0 && (static_cast<unsigned char>(base[b]) & 0xC0) == 0x80) --b;
    std::size_t e = std::min(base.size(), b + 40 + rng() % 200);
    while (e < base.size() && (static_cast<unsigned char>(base[e]) & 0xC0) == 0x80) ++e;
    std::string s = base.substr(b, e - b);
    const int edits = static_cast<int>(rng() % 4) + 1;
    for (int m = 0; m < edits && !s.empty(); ++m) {
      std::size_t at = rng() % s.size();
      while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
      std::string ins;
      append_utf8(ins, pal[rng() % pal.size()]);
      if (rng() % 2 == 0) {
        std::size_t end = at + 1;
        while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) ++end;
        s.replace(at, end - at, ins);
      } else {
        s.insert(at, ins);
      }
    }
    c.check(s, "mutation " + std::to_string(k) + ": " + s);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(c.windows, 500u);
}

// The start-up tables are filled by range walks (classify_all, the dense
// alphabet classes): each must equal the per-code-point function.
// Rare characters that make a word with the character before them
// (han_word_pair) are no evidence: seed 002, a clean news article, had
// seven windows from its rare words (\u8783\u87f9, \u9707\u98a4, ...) and has none; a
// wrong decoder's characters still open one.
TEST(Screen, RareWordsAreNoEvidence) {
  const std::string seed = read_file(fs::path(source_dir()) / "corpora/seeds/002.input.txt");
  ASSERT_FALSE(seed.empty());
  EXPECT_TRUE(norm::detail::suspicious_windows(seed).empty());
  EXPECT_TRUE(norm::detail::suspicious_windows_reference(seed).empty());
  // \u8783\u87f9 alone between ASCII words; the same two characters apart stay suspect.
  EXPECT_TRUE(norm::detail::suspicious_windows("eat \u8783\u87f9 now").empty());
  EXPECT_FALSE(norm::detail::suspicious_windows("eat \u87f9\u8783 now").empty());
  // UTF-8 read as GBK: \u53c2\u6570 as \u934f\u509b\u669f.
  EXPECT_FALSE(norm::detail::suspicious_windows("\u7684\u934f\u509b\u669f\u662f").empty());
}

TEST(StartupTables, RangeWalksEqualPerCodePointLookups) {
  std::vector<norm::detail::cp_class> all(0x110000);
  norm::detail::classify_all(0x110000, all.data());
  for (char32_t cp = 0; cp < 0x110000; ++cp)
    ASSERT_EQ(all[cp], norm::detail::classify(cp)) << std::hex << static_cast<unsigned>(cp);
  const norm::detail::scoring_tables& t = norm::detail::tables();
  ASSERT_EQ(t.bmp_class.size(), 0x10000u);
  for (char32_t cp = 0; cp < 0x10000; ++cp) ASSERT_EQ(t.bmp_class[cp], all[cp]);
  ASSERT_EQ(t.dense_class.size(), t.bigram_models.size());
  for (std::size_t i = 0; i < t.bigram_models.size(); ++i)
    for (char32_t cp = 0; cp < norm::detail::kDenseClassLimit; ++cp)
      ASSERT_EQ(t.dense_class[i][cp], norm::detail::alpha_class(*t.bigram_models[i], cp))
          << t.bigram_models[i]->name << " " << std::hex << static_cast<unsigned>(cp);
}
