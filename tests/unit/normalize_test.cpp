// The normalize fixer (libnorm/src/fix/normalize.hpp), as data:
// corpora/normalize/cases.tsv holds {id, options, input, expected} rows
// (NFC/NFKC, width fold and cjk, spaces, newlines, negatives, seed 004
// lines). Each row checks the output, that the edits are sorted,
// non-overlapping and change something, that a second run makes no edit
// (idempotence), and that norm::fix + norm::replay agree. Plus: the
// half-width katakana table against ICU's NFKC (through the bridge), and
// linear time on hostile input.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bridges/icu_normalizer.hpp"
#include "fix/normalize.hpp"
#include "norm/norm.hpp"

namespace {

using norm::detail::normalize_text;

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

void append_utf8(std::string& s, std::uint32_t cp) {
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

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n') out += '\n';
    else if (c == 'r') out += '\r';
    else if (c == 't') out += '\t';
    else if (c == 'u' && i + 1 < s.size() && s[i + 1] == '{') {
      const std::size_t close = s.find('}', i);
      append_utf8(out, static_cast<std::uint32_t>(
                           std::stoul(std::string(s.substr(i + 2, close - i - 2)), nullptr, 16)));
      i = close;
    } else out += c;
  }
  return out;
}

bool parse_options(const std::string& spec, norm::fix_options& o) {
  std::istringstream in(spec);
  std::string kv;
  while (in >> kv) {
    if (kv == "-") continue;
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return false;
    const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (k == "form") o.form = v == "nfkc" ? norm::unicode_form::nfkc
                              : v == "none" ? norm::unicode_form::none : norm::unicode_form::nfc;
    else if (k == "width") o.width = v == "fold" ? norm::width_mode::fold
                                     : v == "cjk" ? norm::width_mode::cjk : norm::width_mode::keep;
    else if (k == "spaces") o.spaces = v == "ascii" ? norm::space_mode::ascii : norm::space_mode::keep;
    else if (k == "newlines") o.newlines = v == "lf" ? norm::newline_mode::lf
                                           : v == "crlf" ? norm::newline_mode::crlf
                                                         : norm::newline_mode::keep;
    else return false;
  }
  return true;
}

struct row {
  std::string id, options, input, expected, comment;
};

std::vector<row> load_cases() {
  std::vector<row> rows;
  std::ifstream f(std::string(NORM_SOURCE_DIR) + "/corpora/normalize/cases.tsv");
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (cols.size() < 5) {
      ADD_FAILURE() << "cases.tsv: need 6 columns: " << line;
      continue;
    }
    row r{cols[0], cols[1], unescape(cols[2]), cols[3] == "=" ? "" : unescape(cols[3]), cols[4]};
    if (cols[3] == "=") r.expected = r.input;
    rows.push_back(std::move(r));
  }
  return rows;
}

TEST(NormalizeCases, Table) {
  const std::vector<row> rows = load_cases();
  ASSERT_GE(rows.size(), 50u);
  for (const row& r : rows) {
    SCOPED_TRACE(r.id + " (" + r.comment + ")");
    norm::fix_options o;
    ASSERT_TRUE(parse_options(r.options, o)) << r.options;
    const auto out = normalize_text(r.input, o);
    std::size_t prev_end = 0;
    for (const auto& e : out.edits) {
      EXPECT_GE(e.begin, prev_end);
      EXPECT_LE(e.begin, e.end);
      EXPECT_LE(e.end, r.input.size());
      EXPECT_NE(r.input.substr(e.begin, e.end - e.begin), e.after) << "an edit that changes nothing";
      EXPECT_FALSE(e.action.empty());
      prev_end = e.end;
    }
    const std::string got = apply_out(r.input, out);
    EXPECT_EQ(got, r.expected);
    EXPECT_TRUE(norm::is_valid_utf8(got));
    const auto again = normalize_text(got, o);
    EXPECT_TRUE(again.edits.empty()) << "not idempotent: " << apply_out(got, again);
    if (r.expected == r.input) EXPECT_TRUE(out.edits.empty());
    // Through the pipeline (other stages off), with a trace that replays.
    norm::fix_options p = o;
    p.explain = true;
    p.repair_mojibake = p.repair_misalignment = p.strip_pinyin = false;
    p.repair_markers = p.decode_html_entities = false;
    auto fixed = norm::fix(r.input, p);
    ASSERT_TRUE(fixed.ok());
    EXPECT_EQ(fixed->text, r.expected);
    auto replayed = norm::replay(r.input, fixed->trace);
    ASSERT_TRUE(replayed.ok());
    EXPECT_EQ(*replayed, fixed->text);
  }
}

// The actions named in a trace.
TEST(NormalizeCases, Actions) {
  norm::fix_options o;
  o.width = norm::width_mode::cjk;
  auto out = normalize_text("e\xcc\x81 \xe4\xb8\xad,\xe6\x96\x87", o);  // e + U+0301, Han,Han
  ASSERT_EQ(out.edits.size(), 2u);
  EXPECT_EQ(out.edits[0].action, "nfc");
  EXPECT_EQ(out.edits[1].action, "width-cjk");
  o.width = norm::width_mode::fold;
  out = normalize_text("\xef\xbc\xa1\xef\xbc\xa2", o);  // U+FF21 U+FF22: one edit
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].action, "width-fold");
  o.form = norm::unicode_form::nfkc;
  o.width = norm::width_mode::cjk;
  out = normalize_text("\xe4\xb8\xad,\xe6\x96\x87\xef\xac\x81", o);  // Han,Han U+FB01
  ASSERT_EQ(out.edits.size(), 2u);
  EXPECT_EQ(out.edits[0].action, "width-cjk");
  EXPECT_EQ(out.edits[1].action, "nfkc");
  // Overlapping steps compose into one edit naming both.
  o.width = norm::width_mode::fold;
  out = normalize_text("\xef\xbc\xa1\xcc\x81", o);  // U+FF21 U+0301 -> A-acute
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].action, "nfkc");
  o.form = norm::unicode_form::nfc;
  out = normalize_text("\xef\xbc\xa1\xcc\x81", o);
  ASSERT_EQ(out.edits.size(), 1u);
  EXPECT_EQ(out.edits[0].action, "nfc+width-fold");
  EXPECT_EQ(out.edits[0].after, "\xc3\x81");
}

TEST(NormalizeCases, LongCombiningRunReported) {
  std::string s = "a";
  for (int i = 0; i < 300; ++i) s += "\xcc\x81";
  const auto out = normalize_text(s, norm::fix_options{});
  EXPECT_TRUE(out.edits.empty());
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].kind, "long-combining-run");
}

// width=fold's half-width table agrees with ICU's NFKC for every
// half-width kana and punctuation mark but the two sound marks (which fold
// to the spacing U+309B/U+309C rather than NFKC's combining ones).
TEST(NormalizeCases, HalfWidthTableMatchesNfkc) {
  norm::fix_options o;
  o.form = norm::unicode_form::none;
  o.width = norm::width_mode::fold;
  for (std::uint32_t cp = 0xFF61; cp <= 0xFF9D; ++cp) {
    std::string in;
    append_utf8(in, cp);
    std::string nfkc;
    ASSERT_TRUE(norm::detail::icu_normalize(norm::detail::icu_form::nfkc, in, nfkc));
    EXPECT_EQ(apply_out(in, normalize_text(in, o)), nfkc) << std::hex << cp;
  }
}

// Every code point alone and after a base letter: NFC output equals ICU's
// (CJK compatibility ideographs excepted, kept by design).
TEST(NormalizeCases, AgreesWithIcuOnEveryCodePoint) {
  norm::fix_options o;
  std::string text;
  for (std::uint32_t cp = 0xA0; cp < 0x30000; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x2F800 && cp <= 0x2FA1F))
      continue;
    text += 'a';
    append_utf8(text, cp);
    text += ' ';
  }
  std::string want;
  ASSERT_TRUE(norm::detail::icu_normalize(norm::detail::icu_form::nfc, text, want));
  EXPECT_EQ(apply_out(text, normalize_text(text, o)), want);
  o.form = norm::unicode_form::nfkc;
  ASSERT_TRUE(norm::detail::icu_normalize(norm::detail::icu_form::nfkc, text, want));
  EXPECT_EQ(apply_out(text, normalize_text(text, o)), want);
}

// Hostile input stays linear: 1 MiB of combining marks, of parentheses and
// commas between Han, of "://".
TEST(NormalizeCases, LinearOnHostileInput) {
  const std::string pieces[] = {"\xcc\x81\xcc\x96", "(", "\xe4\xb8\xad,", "://", "\xe4\xb8\xad(",
                                "\r"};
  for (const std::string& p : pieces) {
    std::string s;
    while (s.size() < (1u << 20)) s += p;
    norm::fix_options o;
    o.width = norm::width_mode::cjk;
    o.spaces = norm::space_mode::ascii;
    o.newlines = norm::newline_mode::crlf;
    const auto t0 = std::chrono::steady_clock::now();
    const auto out = normalize_text(s, o);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(secs, 5.0) << p;
    EXPECT_TRUE(norm::is_valid_utf8(apply_out(s, out)));
  }
}

}  // namespace
