// The strip stage over its corpora:
//  * corpora/pinyin/*.jsonl (tools/gen_pinyin_corpus.py): synthetic inline
//    pinyin annotations on clean Chinese text, and clean negatives with
//    legitimate parentheses and pinyin. Asserted: >= 99 % of the
//    annotations removed, 0 false removals (an edit whose result is not
//    its text minus the case's annotation spans inside it -- an edit may
//    cover several annotations one character apart -- on positives and
//    negatives alike), negatives
//    byte-identical, a second run changes nothing; and through norm::fix
//    (other fixers off) output, replay and idempotence agree.
//  * corpora/markers/cases.jsonl (hand-written): each case's output under
//    its options ("default", "keep-markers", "keep-entities") and the kinds
//    of the findings, in order.
// Prints the figures (annotations, removed, rate, false removals).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fix/markers.hpp"
#include "fix/pinyin.hpp"
#include "norm/norm.hpp"

namespace fs = std::filesystem;

namespace {

// A reader for one flat JSON object of strings and numbers (what the
// generators write): escapes of RFC 8259 with \uXXXX surrogate pairs.
class flat_json {
 public:
  static bool parse(std::string_view s, std::map<std::string, std::string>& out) {
    flat_json p(s);
    p.ws();
    if (!p.eat('{')) return false;
    p.ws();
    if (p.eat('}')) return true;
    for (;;) {
      p.ws();
      std::string key, value;
      if (!p.str(key)) return false;
      p.ws();
      if (!p.eat(':')) return false;
      p.ws();
      if (p.peek() == '"') {
        if (!p.str(value)) return false;
      } else {
        while (p.i_ < s.size() && s[p.i_] != ',' && s[p.i_] != '}') value += s[p.i_++];
        while (!value.empty() && value.back() == ' ') value.pop_back();
      }
      out[key] = value;
      p.ws();
      if (p.eat(',')) continue;
      return p.eat('}');
    }
  }

 private:
  explicit flat_json(std::string_view s) : s_(s) {}
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }
  bool hex4(unsigned& v) {
    if (i_ + 4 > s_.size()) return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  static void utf8(std::string& o, unsigned cp) {
    if (cp < 0x80) {
      o += static_cast<char>(cp);
    } else if (cp < 0x800) {
      o += static_cast<char>(0xC0 | (cp >> 6));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      o += static_cast<char>(0xE0 | (cp >> 12));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      o += static_cast<char>(0xF0 | (cp >> 18));
      o += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      o += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      o += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool str(std::string& o) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        o += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': o += '"'; break;
        case '\\': o += '\\'; break;
        case '/': o += '/'; break;
        case 'b': o += '\b'; break;
        case 'f': o += '\f'; break;
        case 'n': o += '\n'; break;
        case 'r': o += '\r'; break;
        case 't': o += '\t'; break;
        case 'u': {
          unsigned v = 0;
          if (!hex4(v)) return false;
          if (v >= 0xD800 && v <= 0xDBFF) {
            unsigned lo = 0;
            if (!eat('\\') || !eat('u') || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(o, v);
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  std::string_view s_;
  std::size_t i_ = 0;
};

using record = std::map<std::string, std::string>;

std::vector<record> load(const fs::path& file) {
  std::vector<record> out;
  std::ifstream in(file);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    record r;
    EXPECT_TRUE(flat_json::parse(line, r)) << file << ":" << n;
    out.push_back(std::move(r));
  }
  return out;
}

fs::path corpus_dir(const char* sub) { return fs::path(NORM_SOURCE_DIR) / "corpora" / sub; }

std::string apply_out(std::string_view text, const norm::detail::stage_output& out) {
  std::string s;
  std::size_t pos = 0;
  for (const auto& e : out.edits) {
    s.append(text.substr(pos, e.begin - pos));
    s.append(e.after);
    pos = e.end;
  }
  s.append(text.substr(pos));
  return s;
}

std::set<std::pair<std::size_t, std::size_t>> parse_spans(const std::string& s) {
  std::set<std::pair<std::size_t, std::size_t>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    const std::string item = s.substr(i, j - i);
    const std::size_t dash = item.find('-');
    if (dash != std::string::npos)
      out.emplace(std::stoul(item.substr(0, dash)), std::stoul(item.substr(dash + 1)));
    i = j + 1;
  }
  return out;
}

TEST(PinyinCorpus, RemovesAnnotationsAndNothingElse) {
  const fs::path dir = corpus_dir("pinyin");
  ASSERT_TRUE(fs::exists(dir)) << dir;
  std::size_t annotations = 0, removed = 0, false_removals = 0, negatives = 0, cases = 0;
  std::size_t exact = 0, positives = 0;
  std::vector<std::string> misses;
  norm::fix_options only_pinyin;
  only_pinyin.explain = true;
  only_pinyin.repair_mojibake = false;
  only_pinyin.repair_misalignment = false;
  only_pinyin.repair_markers = false;
  only_pinyin.decode_html_entities = false;
  only_pinyin.form = norm::unicode_form::none;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".jsonl") continue;
    for (const record& r : load(entry.path())) {
      ++cases;
      const std::string& id = r.at("id");
      const std::string& input = r.at("input");
      const std::string& expected = r.at("expected");
      const auto spans = parse_spans(r.count("spans") ? r.at("spans") : "");
      const std::size_t n = r.count("annotations") ? std::stoul(r.at("annotations")) : 0;
      const auto out = norm::detail::strip_pinyin(input, {});
      for (const auto& e : out.edits) {
        // An edit may cover several annotations one character apart: it is
        // right when its result is its text without exactly those spans.
        std::string rest;
        std::size_t inside = 0, pos = e.begin;
        for (auto it = spans.lower_bound({e.begin, 0}); it != spans.end() && it->second <= e.end;
             ++it) {
          rest.append(input, pos, it->first - pos);
          pos = it->second;
          ++inside;
        }
        rest.append(input, pos, e.end - pos);
        if (inside > 0 && rest == e.after) {
          removed += inside;
        } else {
          ++false_removals;
          ADD_FAILURE() << id << ": false removal at " << e.begin << "-" << e.end << " \""
                        << input.substr(e.begin, e.end - e.begin) << "\"";
        }
      }
      annotations += n;
      const std::string got = apply_out(input, out);
      if (n == 0) {
        ++negatives;
        EXPECT_EQ(got, input) << id;
      } else {
        ++positives;
        if (got == expected) ++exact;
        else if (misses.size() < 10) misses.push_back(id + ": " + got);
      }
      EXPECT_TRUE(norm::detail::strip_pinyin(got, {}).edits.empty()) << id << ": not idempotent";
      auto fixed = norm::fix(input, only_pinyin);
      ASSERT_TRUE(fixed) << id;
      EXPECT_EQ(fixed->text, got) << id;
      auto again = norm::replay(input, fixed->trace);
      ASSERT_TRUE(again) << id;
      EXPECT_EQ(*again, got) << id;
    }
  }
  const double rate = annotations ? static_cast<double>(removed) / annotations : 0.0;
  std::printf("pinyin corpus: %zu cases (%zu positive, %zu negative); %zu annotations, %zu "
              "removed (%.2f %%), %zu positives exact; %zu false removals\n",
              cases, positives, negatives, annotations, removed, 100.0 * rate, exact,
              false_removals);
  for (const auto& m : misses) std::printf("  missed: %s\n", m.c_str());
  EXPECT_GT(annotations, 1000u);
  EXPECT_GT(negatives, 100u);
  EXPECT_GE(rate, 0.99);
  EXPECT_EQ(false_removals, 0u);
}

TEST(MarkersCorpus, Cases) {
  const fs::path file = corpus_dir("markers") / "cases.jsonl";
  ASSERT_TRUE(fs::exists(file)) << file;
  std::size_t n = 0;
  for (const record& r : load(file)) {
    ++n;
    const std::string& id = r.at("id");
    norm::fix_options o;
    const std::string opt = r.count("options") ? r.at("options") : "default";
    if (opt == "keep-markers") o.repair_markers = false;
    else if (opt == "keep-entities") o.decode_html_entities = false;
    else EXPECT_EQ(opt, "default") << id;
    const auto out = norm::detail::repair_markers(r.at("input"), o);
    const std::string got = apply_out(r.at("input"), out);
    EXPECT_EQ(got, r.at("expected")) << id;
    std::string kinds;
    for (const auto& f : out.findings) kinds += (kinds.empty() ? "" : ",") + f.kind;
    EXPECT_EQ(kinds, r.at("findings")) << id;
    EXPECT_TRUE(norm::detail::repair_markers(got, o).edits.empty()) << id << ": not idempotent";
  }
  EXPECT_GT(n, 20u);
}

}  // namespace
