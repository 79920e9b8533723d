// Runs norm::fix (explain on) over corpora/mojibake/*.jsonl and
// corpora/clean/*.jsonl (made by tools/gen_mojibake_corpus.py; format in
// corpora/mojibake/README.md) and reports, per mechanism row ("A>B",
// "A>B [span]", "A>B [replace]", ...): cases, exact repairs, and for lossy
// rows the character error rate (Levenshtein over code points, summed over
// the row's cases, divided by the summed length of the expected texts)
// before (input vs expected) and after (output vs expected).
//
// Asserted:
//  * clean negatives come back byte-identical, except the ids listed in
//    corpora/clean/known_failures.txt;
//  * every non-clean case passes (output == expected) unless its id is listed
//    in corpora/mojibake/known_failures.txt (or it says "expect": "fail"), and
//    every listed case fails (strict: a fix is noticed);
//  * fix(fix(x)) == fix(x) and replay(x, trace) == fix(x) on every case.
// Printed, not asserted yet: the issue's targets (>= 97 % exact over all
// non-lossy cases, >= 90 % per non-lossy row), each marked PASS or BELOW.
// They become EXPECTs once the engine reaches them.
//
// Writes <build>/fix_table.md and <build>/fix_failures.txt (every failing
// case as "id -> reason"; tools/update_fix_known_failures.sh turns it into
// the two known-failure lists).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "norm/norm.hpp"

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------------------
// A small JSON reader for the corpus lines: one flat object whose values are
// strings, numbers, true/false or null. Strings: all escapes of RFC 8259,
// \uXXXX with surrogate pairs (a lone surrogate is an error), raw control
// characters rejected.
// ---------------------------------------------------------------------------
struct json_value {
  enum kind_t { string, number, boolean, null } kind = null;
  std::string str;
  double num = 0;
  bool b = false;
};
using json_object = std::map<std::string, json_value>;

class flat_json_reader {
 public:
  explicit flat_json_reader(std::string_view s) : s_(s) {}

  bool parse(json_object& out, std::string& err) {
    skip_ws();
    if (!eat('{')) return fail(err, "expected '{'");
    skip_ws();
    if (eat('}')) return finish(err);
    for (;;) {
      skip_ws();
      std::string key;
      if (!parse_string(key)) return fail(err, "bad key");
      skip_ws();
      if (!eat(':')) return fail(err, "expected ':'");
      skip_ws();
      json_value v;
      if (!parse_value(v)) return fail(err, "bad value for \"" + key + "\"");
      if (out.count(key)) return fail(err, "duplicate key \"" + key + "\"");
      out.emplace(std::move(key), std::move(v));
      skip_ws();
      if (eat(',')) continue;
      if (eat('}')) return finish(err);
      return fail(err, "expected ',' or '}'");
    }
  }

 private:
  bool finish(std::string& err) {
    skip_ws();
    return i_ == s_.size() || fail(err, "trailing characters");
  }
  bool fail(std::string& err, const std::string& what) {
    err = what + " at byte " + std::to_string(i_);
    return false;
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r' || s_[i_] == '\n')) ++i_;
  }
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool parse_value(json_value& v) {
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '"') {
      v.kind = json_value::string;
      return parse_string(v.str);
    }
    if (literal("true")) {
      v.kind = json_value::boolean;
      v.b = true;
      return true;
    }
    if (literal("false")) {
      v.kind = json_value::boolean;
      v.b = false;
      return true;
    }
    if (literal("null")) {
      v.kind = json_value::null;
      return true;
    }
    std::size_t start = i_;
    if (c == '-') ++i_;
    while (i_ < s_.size() && std::string_view("0123456789.eE+-").find(s_[i_]) != std::string_view::npos) ++i_;
    if (i_ == start) return false;
    std::string num(s_.substr(start, i_ - start));
    char* end = nullptr;
    v.num = std::strtod(num.c_str(), &end);
    v.kind = json_value::number;
    return end == num.c_str() + num.size();
  }
  bool hex4(std::uint32_t& out) {
    if (s_.size() - i_ < 4) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }
  static void append_utf8(std::string& s, std::uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool parse_string(std::string& out) {
    if (!eat('"')) return false;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t lo = 0;
            if (!literal("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;  // unterminated
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// ---------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------
struct fix_case {
  std::string id, mechanism, variant, input, expected, expect, lang, origin;
  bool lossy = false, span = false;
  int layers = 0;
  std::string where;  // file:line

  bool clean() const { return mechanism == "clean"; }
  std::string row() const {
    std::string r = mechanism;
    if (variant != "full") r += " [" + variant + "]";
    if (span && variant != "span") r += " [span]";
    return r;
  }
};

fs::path source_dir() { return fs::path(NORM_SOURCE_DIR); }

bool load_file(const fs::path& p, std::vector<fix_case>& out, std::vector<std::string>& errors) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::string line;
  int n = 0;
  const std::string rel = fs::relative(p, source_dir()).generic_string();
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    json_object o;
    std::string err;
    std::string where = rel + ":" + std::to_string(n);
    if (!flat_json_reader(line).parse(o, err)) {
      errors.push_back(where + ": " + err);
      continue;
    }
    auto str = [&](const char* k) -> std::string {
      auto it = o.find(k);
      if (it == o.end() || it->second.kind != json_value::string) {
        errors.push_back(where + ": missing string field \"" + k + "\"");
        return {};
      }
      return it->second.str;
    };
    auto boolean = [&](const char* k) {
      auto it = o.find(k);
      if (it == o.end() || it->second.kind != json_value::boolean) {
        errors.push_back(where + ": missing boolean field \"" + k + "\"");
        return false;
      }
      return it->second.b;
    };
    fix_case c;
    c.where = where;
    c.id = str("id");
    c.mechanism = str("mechanism");
    c.input = str("input");
    c.expected = str("expected");
    c.expect = str("expect");
    c.lang = str("lang");
    c.origin = str("origin");
    (void)str("comment");
    c.lossy = boolean("lossy");
    c.span = boolean("span");
    auto v = o.find("variant");
    c.variant = v != o.end() && v->second.kind == json_value::string ? v->second.str : "full";
    auto l = o.find("layers");
    if (l == o.end() || l->second.kind != json_value::number) errors.push_back(where + ": missing number field \"layers\"");
    else c.layers = static_cast<int>(l->second.num);
    out.push_back(std::move(c));
  }
  return true;
}

struct corpus {
  std::vector<fix_case> cases;
  std::vector<std::string> errors;
};

const corpus& load_corpus() {
  static const corpus c = [] {
    corpus k;
    for (const char* sub : {"mojibake", "clean"}) {
      const fs::path dir = source_dir() / "corpora" / sub;
      if (!fs::exists(dir)) continue;
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) load_file(f, k.cases, k.errors);
    }
    return k;
  }();
  return c;
}

// id -> reason, from "id -> reason" lines ('#' comments, blank lines ignored).
std::map<std::string, std::string> known_failures(const char* sub) {
  std::map<std::string, std::string> out;
  std::ifstream in(source_dir() / "corpora" / sub / "known_failures.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::size_t arrow = line.find(" -> ");
    out.emplace(line.substr(0, arrow), arrow == std::string::npos ? "" : line.substr(arrow + 4));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Metrics
// ---------------------------------------------------------------------------
std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

// Levenshtein distance over code points; O(|a| * |b|) time, O(|b|) memory
// (corpus texts are at most a few hundred code points).
std::size_t levenshtein(std::string_view a8, std::string_view b8) {
  const std::vector<char32_t> a = code_points(a8), b = code_points(b8);
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

struct row_tally {
  int cases = 0, exact = 0;
  bool lossy = false;
  std::size_t edits_before = 0, edits_after = 0, expected_len = 0;
};

std::string percent(int num, int den) {
  if (den == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * num / den);
  return buf;
}

std::string rate(std::size_t edits, std::size_t len) {
  if (len == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(edits) / static_cast<double>(len));
  return buf;
}

std::string short_text(std::string_view s) {
  // At most ~60 bytes, cut at a character boundary, newlines shown as \n.
  std::string out;
  for (std::size_t i = 0; i < s.size() && out.size() < 60; ++i) {
    if (s[i] == '\n') out += "\\n";
    else out += s[i];
  }
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  return out;
}

// ---------------------------------------------------------------------------
TEST(FixCorpus, FilesAreWellFormed) {
  const corpus& k = load_corpus();
  for (const auto& e : k.errors) ADD_FAILURE() << e;
  ASSERT_GT(k.cases.size(), 1000u) << "corpora/mojibake or corpora/clean is missing: "
                                      "run python3 tools/gen_mojibake_corpus.py";
  std::set<std::string> ids;
  int clean = 0;
  for (const fix_case& c : k.cases) {
    EXPECT_TRUE(ids.insert(c.id).second) << c.where << ": duplicate id " << c.id;
    EXPECT_TRUE(c.expect == "pass" || c.expect == "fail") << c.where;
    EXPECT_TRUE(norm::is_valid_utf8(c.input)) << c.where;
    EXPECT_TRUE(norm::is_valid_utf8(c.expected)) << c.where;
    if (c.clean()) {
      ++clean;
      EXPECT_EQ(c.input, c.expected) << c.where << ": a clean case must expect its input";
      EXPECT_FALSE(c.lossy) << c.where;
    } else {
      EXPECT_NE(c.input, c.expected) << c.where << ": a mojibake case must be garbled";
      EXPECT_NE(c.mechanism.find('>'), std::string::npos) << c.where;
      EXPECT_GE(c.layers, 1) << c.where;
      if (c.lossy) {
        EXPECT_NE(c.expected.find("\xEF\xBF\xBD"), std::string::npos) << c.where << ": lossy without U+FFFD";
      }
    }
  }
  EXPECT_GE(clean, 1000);
}

TEST(FixCorpus, JsonReader) {
  struct row {
    std::string line;
    bool ok;
    std::string value;  // of key "s" when ok
  };
  const row rows[] = {
      {R"({"s": "plain"})", true, "plain"},
      {R"({"s": "a\"b\\c\/d\n\t"})", true, "a\"b\\c/d\n\t"},
      {R"({"s": "\u00e9\u4E2D"})", true, "\xC3\xA9\xE4\xB8\xAD"},
      {R"({"s": "\ud83d\ude00"})", true, "\xF0\x9F\x98\x80"},
      {R"({"s": "\u0000x"})", true, std::string("\0x", 2)},
      {R"( { "n" : -12.5e1 , "s":"x","b": true, "f": false, "z": null } )", true, "x"},
      {R"({"s": "\ud83d"})", false, ""},        // lone high surrogate
      {R"({"s": "\ude00"})", false, ""},        // lone low surrogate
      {R"({"s": "\ud83d\u0041"})", false, ""},  // high + non-low
      {R"({"s": "\u12G4"})", false, ""},
      {R"({"s": "abc)", false, ""},
      {"{\"s\": \"a\x01\"}", false, ""},      // raw control character
      {R"({"s": "x"} extra)", false, ""},
      {R"({"s": "x", "s": "y"})", false, ""},
      {R"({"s": "\q"})", false, ""},
      {R"({"s" "x"})", false, ""},
  };
  for (const row& r : rows) {
    json_object o;
    std::string err;
    bool ok = flat_json_reader(r.line).parse(o, err);
    EXPECT_EQ(ok, r.ok) << r.line << " " << err;
    if (ok && r.ok) {
      EXPECT_EQ(o["s"].str, r.value) << r.line;
    }
  }
}

// Undoes each non-lossy, non-span case's chain with norm's own codecs
// (strict encode as the wrong encoding, strict decode as the true one, layer
// by layer): a case that norm::encode/decode cannot undo is one where the
// generator's decoder model (Python's codecs, the Windows C1 pass-through,
// cp936's user-defined area) and libnorm's tables disagree, so a repair
// would need a sloppy codec. Asserted: the corpus holds only cases that
// libnorm's own tables can undo (the generator leaves out byte ranges where
// decoders disagree, e.g. Big5 C6A1-C8FE).
TEST(FixCorpus, ChainsUndoWithNormCodecs) {
  const corpus& k = load_corpus();
  std::map<std::string, std::pair<int, int>> rows;  // row -> {cases, undone}
  for (const fix_case& c : k.cases) {
    if (c.clean() || c.lossy || c.span) continue;
    std::vector<std::string> chain;
    for (std::size_t a = 0, b; a <= c.mechanism.size(); a = b + 1) {
      b = c.mechanism.find('>', a);
      if (b == std::string::npos) b = c.mechanism.size();
      chain.push_back(c.mechanism.substr(a, b - a));
    }
    std::string text = c.input;
    bool ok = true;
    for (std::size_t i = chain.size() - 1; ok && i >= 1; --i) {
      auto wrong = norm::encoding_from_name(chain[i]);
      auto right = norm::encoding_from_name(i == 1 ? chain[0] : "UTF-8");
      ASSERT_TRUE(wrong && right) << c.where << ": unknown encoding in " << c.mechanism;
      auto bytes = norm::encode(text, *wrong);
      if (!bytes) {
        ok = false;
        break;
      }
      auto back = norm::decode(bytes->bytes, *right);
      if (!back) {
        ok = false;
        break;
      }
      text = back->text;
    }
    auto& r = rows[c.row()];
    ++r.first;
    r.second += ok && text == c.expected;
  }
  std::printf("| mechanism | cases | undone by strict norm::encode/decode |\n|---|---:|---:|\n");
  for (const auto& [name, r] : rows)
    std::printf("| %s | %d | %d%s |\n", name.c_str(), r.first, r.second, r.second < r.first ? " (needs sloppy codec)" : "");
  for (const auto& [name, r] : rows) EXPECT_EQ(r.second, r.first) << name << ": cases norm's codecs cannot undo";
}

TEST(FixCorpus, AccuracyTable) {
  const corpus& k = load_corpus();
  ASSERT_GT(k.cases.size(), 1000u) << "run python3 tools/gen_mojibake_corpus.py";
  const auto known_mojibake = known_failures("mojibake");
  const auto known_clean = known_failures("clean");

  norm::fix_options options;
  options.explain = true;

  std::map<std::string, row_tally> rows;
  int clean_total = 0, clean_changed = 0, nonlossy_total = 0, nonlossy_exact = 0;
  int idempotence_failures = 0, replay_failures = 0, errors = 0;
  std::vector<std::string> failures, unexpected, idem_msgs, replay_msgs;
  std::set<std::string> seen_ids;

  for (const fix_case& c : k.cases) {
    seen_ids.insert(c.id);
    auto r = norm::fix(c.input, options);
    std::string output;
    std::string reason;
    if (!r) {
      ++errors;
      reason = "error " + std::string(norm::to_string(r.error().code)) + " at " +
               std::to_string(r.error().offset);
    } else {
      output = r->text;
      // Idempotence.
      auto again = norm::fix(output, options);
      if (!again || again->text != output) {
        ++idempotence_failures;
        idem_msgs.push_back(c.id + ": fix(fix(x)) != fix(x)" +
                            (again ? " -> " + short_text(again->text) : " (error)"));
      }
      // Replay.
      auto replayed = norm::replay(c.input, r->trace);
      if (!replayed || *replayed != output) {
        ++replay_failures;
        replay_msgs.push_back(c.id + ": replay != output" +
                              (replayed ? "" : " (error " + std::string(norm::to_string(replayed.error().code)) +
                                                   " at step " + std::to_string(replayed.error().offset) + ")"));
      }
      if (r->changed != (output != c.input)) {
        ADD_FAILURE() << c.id << ": fix_result::changed is " << r->changed << " but the text "
                      << (output != c.input ? "changed" : "did not change");
      }
    }

    const bool exact = r.ok() && output == c.expected;
    if (c.clean()) {
      ++clean_total;
      if (!exact) {
        ++clean_changed;
        if (reason.empty()) {
          reason = "changed";
          for (const auto& s : r->trace)
            if (s.before != s.after) {
              reason += " by " + s.fixer + " " + s.parameter;
              break;
            }
        }
      }
    } else {
      row_tally& t = rows[c.row()];
      ++t.cases;
      t.exact += exact;
      t.lossy = t.lossy || c.lossy;
      if (c.lossy) {
        t.edits_before += levenshtein(c.input, c.expected);
        t.edits_after += levenshtein(r.ok() ? output : c.input, c.expected);
        t.expected_len += code_points(c.expected).size();
      } else {
        ++nonlossy_total;
        nonlossy_exact += exact;
      }
      if (!exact && reason.empty()) reason = output == c.input ? "not repaired" : "wrong repair";
    }

    if (!exact) failures.push_back(c.id + " -> " + reason);
    const auto& known = c.clean() ? known_clean : known_mojibake;
    const bool listed = known.count(c.id) > 0 || c.expect == "fail";
    if (!exact && !listed) {
      unexpected.push_back("new failure: " + c.id + " (" + c.row() + ") -> " + reason + "\n  input:    " +
                           short_text(c.input) + "\n  output:   " + short_text(output) +
                           "\n  expected: " + short_text(c.expected));
    }
    if (exact && listed)
      unexpected.push_back("listed as a known failure but passes: " + c.id + " (" + c.row() + ")");
  }

  // The table.
  std::ostringstream md;
  md << "| mechanism | cases | exact | % | CER before | CER after | target |\n"
     << "|---|---:|---:|---:|---:|---:|---|\n";
  for (const auto& [name, t] : rows) {
    md << "| " << name << " | " << t.cases << " | " << t.exact << " | " << percent(t.exact, t.cases) << " | ";
    if (t.lossy) {
      md << rate(t.edits_before, t.expected_len) << " | " << rate(t.edits_after, t.expected_len)
         << " | lossy: CER only |\n";
    } else {
      md << "- | - | " << (t.exact * 100 >= t.cases * 90 ? "PASS" : "BELOW") << " (>= 90%) |\n";
    }
  }
  md << "| **all non-lossy** | " << nonlossy_total << " | " << nonlossy_exact << " | "
     << percent(nonlossy_exact, nonlossy_total) << " | - | - | "
     << (nonlossy_exact * 100 >= nonlossy_total * 97 ? "PASS" : "BELOW") << " (>= 97%) |\n";
  md << "\nclean negatives: " << clean_total - clean_changed << "/" << clean_total
     << " unchanged (" << clean_changed << " changed, " << known_clean.size() << " listed as known)\n"
     << "idempotence failures: " << idempotence_failures << "; replay failures: " << replay_failures
     << "; errors from fix(): " << errors << "\n";
  std::printf("%s", md.str().c_str());
  std::ofstream(fs::path(NORM_BINARY_DIR) / "fix_table.md") << md.str();
  {
    std::ofstream f(fs::path(NORM_BINARY_DIR) / "fix_failures.txt");
    for (const auto& s : failures) f << s << "\n";
  }

  // Assertions. (The issue's accuracy targets above become EXPECTs here once
  // the engine reaches them; until then the strict known-failure lists keep
  // any regression from passing silently.)
  for (const auto& s : idem_msgs) ADD_FAILURE() << s;
  for (const auto& s : replay_msgs) ADD_FAILURE() << s;
  for (const auto& s : unexpected) ADD_FAILURE() << s;
  for (const auto* known : {&known_mojibake, &known_clean})
    for (const auto& [id, why] : *known)
      if (!seen_ids.count(id)) ADD_FAILURE() << "known failure names no case: " << id;
  EXPECT_EQ(idempotence_failures, 0);
  EXPECT_EQ(replay_failures, 0);
}

}  // namespace
