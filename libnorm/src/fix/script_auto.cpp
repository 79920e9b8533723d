// The script fixer's automatic mode (--script=auto) and the script profile.
//
// Every Han character has a class from OpenCC's own dictionaries
// (tools/gen_script_classes.py -> libnorm/data/script_classes.inc):
// Simplified-only, Traditional (with its Taiwan / Hong Kong variant forms),
// one-to-many (valid in both: \u540e, \u4e8e, \u91cc, \u53f0), or shared. Each line (the
// paragraph of scraped text) gets a dominant script from its own counts,
// or the document's when it has too few marked characters to say; a line
// whose counts disagree is "mixed" and left alone (reported).
//
// Repair converts only the strays, with phrase context: the line is run
// through the phrase-aware converter toward its dominant script (s2t,
// s2tw, s2hk or t2s: fix/script_convert.hpp) and a change is taken only at
// a stray's position:
//  * in Traditional text, a Simplified-only character (\u5e76, \u6ca1) always;
//    a one-to-many character (\u540e -> \u5f8c, \u4e8e -> \u65bc, \u91cc -> \u88e1) or another
//    character the converter changes (\u4e48 -> \u9ebc) only when the document
//    shows converter leftovers (at least one Simplified-only stray) --
//    clean Taiwan text keeps its \u53f0, \u91cc, \u4e8e. Never \u4e86 or \u53f0: their own forms
//    are standard Traditional (the converter's \u4e86\u89e3 -> \u77ad\u89e3, \u53f0\u7063 -> \u81fa\u7063 are
//    its opinion, not a repair);
//  * in Simplified text, a Traditional form (\u6c92 -> \u6ca1) always.
// Characters valid in the dominant script are never touched (OpenCC over
// the whole text would turn \u8b49\u660e\u4e86 into \u8b49\u660e\u77ad). Kana mark Japanese: such
// lines (and documents with kana in 1/5 of their CJK) are left alone.
#include "fix/script_auto.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "detect/tables.hpp"
#include "fix/script_convert.hpp"

namespace norm::detail {
namespace {

#include "script_classes.inc"

enum : std::uint8_t {
  kSimp = 1,
  kAmbig = 2,
  kTrad = 4,
  kTw = 8,
  kHk = 16,
  kStdNotTw = 32,
  kStdNotHk = 64,
  kAmbigSelf = 128,  // one-to-many, its own form the default (\u5236: \u88fd by phrase)
};

constexpr char32_t kDenseBegin = 0x3400, kDenseEnd = 0xA000;

struct class_table {
  std::vector<std::uint8_t> dense;  // kDenseBegin..kDenseEnd
  std::vector<std::pair<char32_t, std::uint8_t>> sparse;
  std::uint8_t get(char32_t cp) const {
    if (cp >= kDenseBegin && cp < kDenseEnd) return dense[cp - kDenseBegin];
    if (cp < 0x20000 && !(cp >= 0xF900 && cp < 0xFB00)) return 0;
    auto it = std::lower_bound(sparse.begin(), sparse.end(), std::make_pair(cp, std::uint8_t{0}));
    return it != sparse.end() && it->first == cp ? it->second : 0;
  }
};

const class_table& classes() {
  static const class_table t = [] {
    class_table c;
    c.dense.assign(kDenseEnd - kDenseBegin, 0);
    for (std::uint32_t i = 0; i < kScriptClassCount; ++i) {
      const char32_t cp = kScriptClasses[i][0];
      const auto bits = static_cast<std::uint8_t>(kScriptClasses[i][1]);
      if (cp >= kDenseBegin && cp < kDenseEnd) c.dense[cp - kDenseBegin] = bits;
      else c.sparse.emplace_back(cp, bits);
    }
    std::sort(c.sparse.begin(), c.sparse.end());
    return c;
  }();
  return t;
}

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}
bool is_kana(char32_t cp) {
  return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FA) ||
         (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF66 && cp <= 0xFF9D);
}

// Decodes valid UTF-8 (the pipeline validated it): code points and the
// byte offset of each, plus the end.
void decode(std::string_view s, std::u32string& cps, std::vector<std::uint32_t>& offs) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  cps.clear();
  offs.clear();
  for (std::size_t i = 0; i < n;) {
    offs.push_back(static_cast<std::uint32_t>(i));
    const unsigned char c = p[i];
    char32_t cp;
    std::size_t len;
    if (c < 0x80) { cp = c; len = 1; }
    else if (c < 0xE0) { cp = (c & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu); len = 2; }
    else if (c < 0xF0) { cp = (c & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu); len = 3; }
    else { cp = (c & 0x07u) << 18 | (p[i + 1] & 0x3Fu) << 12 | (p[i + 2] & 0x3Fu) << 6 | (p[i + 3] & 0x3Fu); len = 4; }
    cps.push_back(cp);
    i += len;
  }
  offs.push_back(static_cast<std::uint32_t>(n));
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | cp >> 6));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | cp >> 12));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | cp >> 18));
    out.push_back(static_cast<char>(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct counts {
  std::uint64_t han = 0, simp = 0, trad = 0, tw = 0, hk = 0, shared = 0, kana = 0;
  void add(char32_t cp, std::uint8_t bits) {
    if (is_kana(cp)) { ++kana; return; }
    if (!is_han(cp)) return;
    ++han;
    if (bits & kSimp) ++simp;
    else if (bits & kTrad) ++trad;
    else ++shared;
    if ((bits & kTw) && !(bits & kHk)) ++tw;
    if ((bits & kHk) && !(bits & kTw)) ++hk;
  }
};

// How common a character is in Traditional text (half-bits, the zh-hant
// character model of the detector; lower is more common).
int hant_cost(char32_t cp) {
  static const ideo_costs* model = [] {
    for (const ideo_costs& ic : tables().ideo)
      if (ic.model != nullptr && ic.model->name == "zh-hant") return &ic;
    return static_cast<const ideo_costs*>(nullptr);
  }();
  return model != nullptr ? model->cost(cp) : 0;
}

// A one-to-many character whose own form is common in Traditional text
// too (游 in 游標, 托, 布) stays unless its converted form is clearly more
// common there (后 -> 後, 于 -> 於, 采 -> 採: 4 half-bits at least).
constexpr int kOwnFormMargin = 4;

enum class script : std::uint8_t { none, hans, hant, mixed, ja };

// The document's script: two marked characters at least and a clear
// majority (three to two); closer than that it has none ("mixed").
script dominant_of(const counts& c) {
  if (c.kana > 0 && c.kana * 5 >= c.kana + c.han) return script::ja;
  if (c.simp + c.trad < 2) return script::none;
  if (2 * c.trad >= 3 * c.simp) return script::hant;
  if (2 * c.simp >= 3 * c.trad) return script::hans;
  return script::mixed;
}

// A line overrides the document's script only when it is plainly in the
// other one (a quotation in a bilingual document): three marked characters
// all of the other script, or eight and six to one; otherwise the document's script rules it (a line dense
// with converter leftovers is still the document's).
script line_script(const counts& line, script doc) {
  if (line.kana > 0) return script::ja;
  const std::uint64_t marked = line.simp + line.trad;
  if (doc == script::hant || doc == script::hans) {
    // Sixteen Han characters and not one of the document's script's own:
    // that line is in the other script (Traditional text has a marked
    // character every third or fourth character).
    const bool long_line = line.han >= 16;
    if (((marked >= 3 || long_line) && line.simp > 0 && line.trad == 0) ||
        (marked >= 8 && line.simp >= 6 * line.trad))
      return script::hans;
    if (((marked >= 3 || long_line) && line.trad > 0 && line.simp == 0) ||
        (marked >= 8 && line.trad >= 6 * line.simp))
      return script::hant;
    return doc;
  }
  return dominant_of(line);
}

// The converter toward a Traditional region: Taiwan forms when the text
// uses them (\u70ba, \u88e1) and not OpenCC's standard ones (\u7232, \u88cf), likewise Hong
// Kong; else OpenCC's standard.
opencc_config trad_config(const counts& doc, const std::u32string& cps, bool* tw_evidence) {
  std::uint64_t tw = 0, hk = 0, std_not_tw = 0, std_not_hk = 0;
  const class_table& t = classes();
  for (char32_t cp : cps) {
    const std::uint8_t b = t.get(cp);
    tw += (b & kTw) && !(b & kHk);  // forms only one region uses
    hk += (b & kHk) && !(b & kTw);
    // OpenCC's standard forms count only when they are Traditional-only
    // (\u7232, not \u6237, which is also the Simplified form).
    std_not_tw += (b & kStdNotTw) && (b & kTrad);
    std_not_hk += (b & kStdNotHk) && (b & kTrad);
  }
  (void)doc;
  // No evidence either way: Taiwan's forms, the most common on the web.
  if (hk > tw && hk > std_not_hk) return opencc_config::s2hk;
  if (std_not_tw > tw) return opencc_config::s2t;
  if (tw_evidence != nullptr) *tw_evidence = tw > 0;
  return opencc_config::s2tw;
}

std::string_view name_of(script s, opencc_config c) {
  if (s == script::hans) return "hans";
  if (c == opencc_config::s2tw) return "hant-tw";
  if (c == opencc_config::s2hk) return "hant-hk";
  return "hant";
}

struct stray {
  std::size_t pos;  // code point index
  char32_t to;      // suggestion (0: none)
};

struct line_result {
  std::size_t begin = 0, end = 0;  // code point range of the line
  script dom = script::none;
  bool mixed = false;
  opencc_config config = opencc_config::s2t;
  std::vector<stray> strays;
};

struct analysis {
  counts doc;
  script dominant = script::none;
  std::string dominant_name = "none";
  std::u32string cps;
  std::vector<std::uint32_t> offs;
  std::vector<line_result> lines;  // only lines with strays or mixed
};

analysis analyze(std::string_view text) {
  analysis a;
  decode(text, a.cps, a.offs);
  const class_table& t = classes();
  const std::u32string& cps = a.cps;
  for (char32_t cp : cps) a.doc.add(cp, t.get(cp));
  a.dominant = dominant_of(a.doc);
  if (a.dominant == script::ja || a.doc.han == 0) {
    a.dominant_name = a.dominant == script::ja ? "ja" : "none";
    return a;
  }
  bool tw_evidence = false;  // Taiwan forms seen (not just the default)
  const opencc_config doc_trad = trad_config(a.doc, cps, &tw_evidence);
  a.dominant_name = a.dominant == script::none ? "none"
                    : a.dominant == script::mixed ? "mixed"
                                                  : std::string(name_of(a.dominant, doc_trad));
  // One-to-many candidates are strays only when the document shows
  // converter leftovers (see the file comment): decided after the lines.
  std::vector<std::pair<std::size_t, std::size_t>> conditional;  // (line, stray) indexes
  std::vector<char32_t> conditional_changed;  // distinct characters
  std::string line_utf8;
  for (std::size_t b = 0; b < cps.size();) {
    std::size_t e = b;
    while (e < cps.size() && cps[e] != '\n') ++e;
    counts lc;
    bool any_candidate = false;
    for (std::size_t k = b; k < e; ++k) {
      const std::uint8_t bits = t.get(cps[k]);
      lc.add(cps[k], bits);
      any_candidate |= bits != 0 || cps[k] == 0x4E48;
    }
    const script dom = line_script(lc, a.dominant);
    line_result lr;
    lr.begin = b;
    lr.end = e;
    lr.dom = dom;
    if (dom == script::mixed && lc.simp + lc.trad >= 2) {
      lr.mixed = true;
      a.lines.push_back(std::move(lr));
    } else if ((dom == script::hant || dom == script::hans) && any_candidate && lc.kana == 0) {
      // Which positions may change, before asking the converter.
      std::vector<std::size_t> cand;
      for (std::size_t k = b; k < e; ++k) {
        const char32_t cp = cps[k];
        if (!is_han(cp)) continue;
        const std::uint8_t bits = t.get(cp);
        if (dom == script::hans) {
          if ((bits & kTrad) && !(bits & (kSimp | kAmbig))) cand.push_back(k);
        } else if (bits & kSimp) {
          cand.push_back(k);
        } else if ((doc_trad == opencc_config::s2tw && tw_evidence && (bits & kStdNotTw)) ||
                   (doc_trad == opencc_config::s2hk && (bits & kStdNotHk))) {
          cand.push_back(k);  // OpenCC's standard form where the region writes another
        } else if (cp != 0x4E86 /* liao */ && cp != 0x53F0 /* tai */ &&
                   ((bits & (kAmbig | kAmbigSelf)) || cp == 0x4E48 /* yao */)) {
          cand.push_back(k);
        }
      }
      if (!cand.empty()) {
        const opencc_config cfg = dom == script::hans ? opencc_config::t2s : doc_trad;
        lr.config = cfg;
        line_utf8.assign(text.substr(a.offs[b], a.offs[e] - a.offs[b]));
        // Toward Traditional, the phrases are keyed on Simplified text: a
        // line half converted already matches none of them (\u590d\u5236 is a
        // phrase, \u8907\u5236 is not). So the line goes to Simplified first; only
        // the strays' positions are taken from the result.
        const std::string conv =
            cfg == opencc_config::t2s ? convert_text(cfg, line_utf8)
                                      : convert_text(cfg, convert_text(opencc_config::t2s, line_utf8));
        std::u32string ccps;
        std::vector<std::uint32_t> coffs;
        decode(conv, ccps, coffs);
        const bool aligned = ccps.size() == e - b;
        for (std::size_t k : cand) {
          char32_t to = 0;
          if (aligned) {
            to = ccps[k - b];
          } else {
            // The converter changed the line's length (a phrase): fall back
            // to the character alone.
            std::string one;
            append_utf8(cps[k], one);
            std::u32string c1;
            std::vector<std::uint32_t> o1;
            decode(convert_text(cfg, one), c1, o1);
            if (c1.size() == 1) to = c1[0];
          }
          if (to == cps[k]) to = 0;
          const std::uint8_t bits = t.get(cps[k]);
          if (to != 0 && dom == script::hant && (bits & kAmbig) &&
              hant_cost(cps[k]) < hant_cost(to) + kOwnFormMargin)
            to = 0;
          // Only Simplified-only (Traditional in hans text) characters are
          // strays without a change to make; the others are strays only
          // when the converter, in context, changes them.
          const bool hard = dom == script::hans || (bits & kSimp);
          const bool cond = dom == script::hant && ((bits & (kAmbig | kAmbigSelf)) || cps[k] == 0x4E48);
          if (cond && to != 0) {
            conditional.emplace_back(a.lines.size(), lr.strays.size());
            // Evidence counts only characters whose default conversion
            // differs (\u540e -> \u5f8c); a phrase's (\u53ea -> \u96bb) is no sign of leftovers.
            if ((bits & kAmbigSelf) == 0 &&
                std::find(conditional_changed.begin(), conditional_changed.end(), cps[k]) ==
                    conditional_changed.end())
              conditional_changed.push_back(cps[k]);
          }
          if (to != 0 || hard) lr.strays.push_back({k, to});
        }
      }
      if (!lr.strays.empty()) a.lines.push_back(std::move(lr));
    }
    b = e < cps.size() ? e + 1 : e;
  }
  // Leftovers: a Simplified-only character in Traditional text, or two
  // different one-to-many characters the converter changes in context (clean Taiwan
  // text has \u516c\u91cc and \u5e72\u6d89, which it keeps, and rarely two others).
  const bool leftovers = a.doc.simp > 0;
  if (!leftovers && !conditional.empty()) {
    for (auto it = conditional.rbegin(); it != conditional.rend(); ++it) {
      auto& strays = a.lines[it->first].strays;
      strays.erase(strays.begin() + static_cast<std::ptrdiff_t>(it->second));
    }
    std::erase_if(a.lines, [](const line_result& lr) { return !lr.mixed && lr.strays.empty(); });
  }
  return a;
}

}  // namespace

script_profile profile_script(std::string_view text, const inspect_options& options) {
  script_profile p;
  const analysis a = analyze(text);
  p.han = a.doc.han;
  p.simplified_only = a.doc.simp;
  p.traditional_only = a.doc.trad;
  p.taiwan_only = a.doc.tw;
  p.hongkong_only = a.doc.hk;
  p.shared = a.doc.shared;
  p.kana = a.doc.kana;
  p.dominant = a.dominant_name;
  for (const line_result& lr : a.lines)
    for (const stray& s : lr.strays) {
      if (p.strays.size() >= options.max_strays) return p;
      script_stray st;
      st.begin = a.offs[s.pos];
      st.end = a.offs[s.pos + 1];
      st.text.assign(text.substr(st.begin, st.end - st.begin));
      if (s.to != 0) append_utf8(s.to, st.suggestion);
      p.strays.push_back(std::move(st));
    }
  return p;
}

stage_output auto_script(std::string_view text, const fix_options& options) {
  stage_output out;
  // Quick exit: no Han character can be below U+3400 (E3 90 80).
  bool han = false;
  for (unsigned char c : text)
    if (c >= 0xE3) {
      han = true;
      break;
    }
  if (!han) return out;
  const analysis a = analyze(text);
  constexpr std::size_t kMaxFindings = 1000;
  for (const line_result& lr : a.lines) {
    if (lr.mixed) {
      if (out.findings.size() < kMaxFindings) {
        finding f;
        f.fixer = "script";
        f.kind = "script-mixed";
        f.begin = a.offs[lr.begin];
        f.end = a.offs[lr.end];
        f.text.assign(text.substr(f.begin, std::min<std::uint64_t>(f.end - f.begin, 240)));
        f.detail = "no dominant script in this paragraph: left alone";
        out.findings.push_back(std::move(f));
      }
      continue;
    }
    const std::string param(name_of(lr.dom, lr.config));
    for (std::size_t i = 0; i < lr.strays.size();) {
      // Adjacent changed strays make one edit.
      std::size_t j = i;
      std::string after;
      while (j < lr.strays.size() && lr.strays[j].to != 0 &&
             (j == i || lr.strays[j].pos == lr.strays[j - 1].pos + 1)) {
        append_utf8(lr.strays[j].to, after);
        ++j;
      }
      for (std::size_t k = i; k < std::max(j, i + 1); ++k) {
        if (out.findings.size() >= kMaxFindings) break;
        const stray& s = lr.strays[k];
        finding f;
        f.fixer = "script";
        f.kind = "script-stray";
        f.begin = a.offs[s.pos];
        f.end = a.offs[s.pos + 1];
        f.text.assign(text.substr(f.begin, f.end - f.begin));
        std::string sug;
        if (s.to != 0) append_utf8(s.to, sug);
        f.detail = s.to != 0 ? "in " + param + " text; -> " + sug : "in " + param + " text; no conversion in context";
        f.repaired = s.to != 0;
        out.findings.push_back(std::move(f));
      }
      if (j == i) {  // a stray without a conversion: reported only
        ++i;
        continue;
      }
      stage_edit e;
      e.begin = a.offs[lr.strays[i].pos];
      e.end = a.offs[lr.strays[j - 1].pos + 1];
      e.after = std::move(after);
      e.action = std::string(config_name(lr.config));
      e.parameter = param;
      e.confidence = 0.9;
      out.edits.push_back(std::move(e));
      i = j;
    }
  }
  (void)options;
  return out;
}

}  // namespace norm::detail
