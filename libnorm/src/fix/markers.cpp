// The markers fixer: lossy markers and HTML character references (see
// markers.hpp for what is recognized, what is repaired and why).
#include "fix/markers.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace norm::detail {
namespace {

// 1000 findings per call: what norm::inspect keeps by default
// (inspect_options::max_findings); a 16 MiB file of markers would otherwise
// hold millions.
constexpr std::size_t kMaxFindings = 1000;
// Longest entity looked at: "&#x10FFFF;" is 10 bytes, "&thinsp;" 8; 12 bound
// the look-ahead after '&'.
constexpr std::size_t kMaxEntity = 12;
// A heading between two '?': at most 16 Han characters (chapter and section
// titles; a longer line is prose ending in a question).
constexpr std::size_t kMaxHeadingHan = 16;
// Repairs of one kind at most 8 bytes apart are merged into one edit of at
// most 4 KiB (the bytes between kept): an edit costs ~120 bytes, 24 times a
// 5-byte "&amp;", and 1 M of them took 10x longer per byte than 50 k.
constexpr std::size_t kMergeGap = 8;
constexpr std::size_t kMaxMergedEdit = 4096;

constexpr char32_t kKun = 0x951F;   // GBK EF BF
constexpr char32_t kJin = 0x65A4;   // GBK BD EF
constexpr char32_t kKao = 0x62F7;   // GBK BF BD
constexpr char32_t kTang = 0x70EB;  // GBK CC CC
constexpr char32_t kTun = 0x5C6F;   // GBK CD CD
constexpr char32_t kReplacement = 0xFFFD;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
constexpr std::uint64_t kMarkerLow =
    std::uint64_t{1} << (kKun & 63) | std::uint64_t{1} << (kJin & 63) |
    std::uint64_t{1} << (kKao & 63) | std::uint64_t{1} << (kTang & 63) |
    std::uint64_t{1} << (kTun & 63) | std::uint64_t{1} << (kReplacement & 63);

char32_t decode_at(std::string_view t, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(t[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  const std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > t.size()) {
    len = 1;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  len = n;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct named_entity {
  std::string_view name;
  char32_t cp;
};
// The names scraped pages leave in text most: markup escapes, spaces,
// quotes and dashes, currency and common symbols (HTML5 has 2231 names;
// any other is left alone).
constexpr named_entity kNamed[] = {
    {"amp", 0x26},     {"lt", 0x3C},       {"gt", 0x3E},     {"quot", 0x22},
    {"apos", 0x27},    {"nbsp", 0xA0},     {"ensp", 0x2002}, {"emsp", 0x2003},
    {"thinsp", 0x2009}, {"copy", 0xA9},    {"reg", 0xAE},    {"trade", 0x2122},
    {"hellip", 0x2026}, {"mdash", 0x2014}, {"ndash", 0x2013}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"middot", 0xB7},
    {"bull", 0x2022},  {"times", 0xD7},    {"divide", 0xF7}, {"deg", 0xB0},
    {"laquo", 0xAB},   {"raquo", 0xBB},    {"yen", 0xA5},    {"euro", 0x20AC},
    {"pound", 0xA3},   {"cent", 0xA2},     {"sect", 0xA7},   {"para", 0xB6},
    {"plusmn", 0xB1},
};

// Parses an entity at text[amp] == '&'. Returns its length (0: none) and
// the code point (0 when the reference names no usable character: it is
// still reported).
std::size_t parse_entity(std::string_view t, std::size_t amp, char32_t& cp) {
  cp = 0;
  const std::size_t limit = std::min(t.size(), amp + kMaxEntity);
  std::size_t i = amp + 1;
  if (i < limit && t[i] == '#') {
    ++i;
    const bool hex = i < limit && (t[i] == 'x' || t[i] == 'X');
    if (hex) ++i;
    const std::size_t digits = i;
    std::uint32_t v = 0;
    while (i < limit) {
      const char c = t[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) break;
      v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (v > 0x10FFFF) v = 0x110000;  // saturate; at most 8 digits fit anyway
      ++i;
    }
    if (i == digits || i >= limit || t[i] != ';') return 0;
    const bool usable = v != 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) &&
                        !(v < 0x20 && v != '\t' && v != '\n' && v != '\r') &&
                        !(v >= 0x7F && v <= 0x9F);
    cp = usable ? v : 0;
    return i + 1 - amp;
  }
  const std::size_t name = i;
  while (i < limit && is_alnum(t[i])) ++i;
  if (i == name || i >= limit || t[i] != ';') return 0;
  const std::string_view n = t.substr(name, i - name);
  for (const auto& e : kNamed)
    if (e.name == n) {
      cp = e.cp;
      return i + 1 - amp;
    }
  return 0;
}

bool contains_tag(std::string_view t) {
  std::size_t pos = 0;
  while ((pos = t.find('<', pos)) != std::string_view::npos) {
    std::size_t i = pos + 1;
    if (i < t.size() && t[i] == '/') ++i;
    const std::size_t name = i;
    while (i < t.size() && i - name < 16 && is_alnum(t[i])) ++i;
    if (i > name && (t[name] < '0' || t[name] > '9') && i < t.size() &&
        (t[i] == '>' || t[i] == ' ' || t[i] == '/' || t[i] == '\n'))
      return true;
    pos = pos + 1;
  }
  return false;
}

stage_output scan(std::string_view text, const fix_options& options);

}  // namespace

bool looks_like_markup_or_code(std::string_view t) {
  if (contains_tag(t)) return true;
  // One of these is enough: they do not occur in prose.
  static constexpr std::string_view kStrong[] = {"#include", "<?php", "std::", "){", "};",
                                                 "console.log", "printf(", "#define"};
  for (auto s : kStrong)
    if (t.find(s) != std::string_view::npos) return true;
  // Two of these.
  static constexpr std::string_view kWeak[] = {") {", "=>", "->", "var ", "let ", "const ",
                                               "return ", "function", "def ", "void ",
                                               "public ", "==", "!="};
  int weak = 0;
  for (auto s : kWeak)
    if (t.find(s) != std::string_view::npos && ++weak >= 2) return true;
  return false;
}

namespace {

struct collector {
  stage_output out;
  bool full() const { return out.findings.size() >= kMaxFindings; }
  void edit(std::string_view text, std::size_t b, std::size_t e, std::string after,
            std::string_view action, std::string_view parameter, double confidence) {
    if (!out.edits.empty()) {
      stage_edit& last = out.edits.back();
      if (last.action == action && b >= last.end && b - last.end <= kMergeGap &&
          e - last.begin <= kMaxMergedEdit) {
        last.after.append(text.substr(last.end, b - last.end));
        last.after.append(after);
        last.end = e;
        return;
      }
    }
    stage_edit x;
    x.begin = b;
    x.end = e;
    x.after = std::move(after);
    x.action = std::string(action);
    x.parameter = std::string(parameter);
    x.confidence = confidence;
    out.edits.push_back(std::move(x));
  }
  void find(std::string_view text, std::size_t b, std::size_t e, std::string_view kind,
            std::string detail, bool repaired) {
    if (out.findings.size() >= kMaxFindings) return;
    finding f;
    f.stage = fix_stage::strip;
    f.fixer = "markers";
    f.kind = std::string(kind);
    f.begin = b;
    f.end = e;
    f.text = std::string(text.substr(b, e - b));
    f.detail = std::move(detail);
    f.repaired = repaired;
    out.findings.push_back(std::move(f));
  }
};

// The kunjinkao cycle: each character's successor.
char32_t next_in_cycle(char32_t c) { return c == kKun ? kJin : c == kJin ? kKao : kKun; }
bool in_cycle(char32_t c) { return c == kKun || c == kJin || c == kKao; }

// At text[i] starts a kunjinkao run (U+951F U+65A4, possibly led by "U+62F7"
// or "U+65A4 U+62F7")? Sets end and the number of U+FFFD its bytes hold.
bool kunjinkao_at(std::string_view t, std::size_t i, std::size_t& end, std::size_t& fffd,
                  bool& absorbed) {
  std::size_t len = 0;
  char32_t first = decode_at(t, i, len);
  if (!in_cycle(first)) return false;
  // Walk the cycle, counting EF bytes (one per U+951F U+65A4 pair of bytes:
  // U+951F = EF BF, U+65A4 = BD EF, U+62F7 = BF BD) and whether U+951F has
  // been seen followed by U+65A4.
  std::size_t pos = i;
  char32_t expect = first;
  std::size_t ef = 0;
  bool kun_jin = false;
  char32_t prev = 0;
  char32_t last = 0;
  while (pos < t.size()) {
    const char32_t c = decode_at(t, pos, len);
    if (c != expect) break;
    if (c == kKun || c == kJin) ++ef;  // each holds one EF byte
    if (prev == kKun && c == kJin) kun_jin = true;
    prev = c;
    last = c;
    pos += len;
    expect = next_in_cycle(c);
    // A leading tail may be at most "U+65A4 U+62F7": the run must reach
    // U+951F U+65A4 within its first four characters.
    if (!kun_jin && pos - i >= 12) break;
  }
  if (!kun_jin) return false;
  // Bytes: a run led by U+62F7 or U+65A4 starts inside a U+FFFD (BF BD or
  // BD ..): one more.
  fffd = ef + (first == kKun ? 0 : 1);
  end = pos;
  absorbed = false;
  // Ends inside a U+FFFD: after U+951F (EF BF: BD missing) or U+65A4 (.. EF:
  // BF BD missing). A following '?' or U+FFFD is the decoder's mark for the
  // unpaired rest.
  if (last == kKun || last == kJin) {
    if (pos < t.size() && t[pos] == '?') {
      end = pos + 1;
      absorbed = true;
    } else if (t.substr(pos, 3) == kReplacementUtf8) {
      end = pos + 3;
      absorbed = true;
    }
  }
  return true;
}

std::size_t skip_indent(std::string_view t, std::size_t i, std::size_t end) {
  while (i < end) {
    if (t[i] == ' ' || t[i] == '\t') {
      ++i;
    } else if (t.substr(i, 3) == "\u3000") {
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

// A heading line "?X...X?" (1-2 '?' each side, 1..16 Han between), given
// the line [b, e) with its indentation and trailing spaces trimmed.
bool heading_line(std::string_view t, std::size_t b, std::size_t e) {
  std::size_t i = b;
  std::size_t q = 0;
  while (i < e && t[i] == '?' && q < 3) ++i, ++q;
  if (q == 0 || q > 2) return false;
  std::size_t han = 0;
  while (i < e && t[i] != '?') {
    std::size_t len = 0;
    if (!is_han(decode_at(t, i, len)) || ++han > kMaxHeadingHan) return false;
    i += len;
  }
  if (han == 0) return false;
  std::size_t q2 = 0;
  while (i < e && t[i] == '?') ++i, ++q2;
  return i == e && q2 >= 1 && q2 <= 2;
}

// A line starting with '?' (+ optional space) + Han: a lost bullet.
bool bullet_line(std::string_view t, std::size_t b, std::size_t e) {
  if (b >= e || t[b] != '?') return false;
  std::size_t i = b + 1;
  if (i < e && t[i] == ' ') ++i;
  std::size_t len = 0;
  return i < e && is_han(decode_at(t, i, len));
}

void question_markers(std::string_view t, collector& c) {
  // Pass over lines; bullets are reported only when there are 2 or more.
  std::size_t bullets = 0;
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t b = 0;
    while (b < t.size()) {
      std::size_t e = t.find('\n', b);
      if (e == std::string_view::npos) e = t.size();
      std::size_t lb = skip_indent(t, b, e);
      std::size_t le = e;
      while (le > lb && (t[le - 1] == ' ' || t[le - 1] == '\t' || t[le - 1] == '\r')) --le;
      if (lb < le && t[lb] == '?') {
        if (heading_line(t, lb, le)) {
          if (pass == 1)
            c.find(t, lb, le, "question-marker",
                   "'?' on each side of a short heading: symbols a conversion could not map",
                   false);
        } else if (bullet_line(t, lb, le)) {
          if (pass == 0)
            ++bullets;
          else if (bullets >= 2)
            c.find(t, lb, lb + 1, "question-marker",
                   "'?' in place of a bullet a conversion could not map", false);
        }
      }
      b = e + 1;
    }
  }
}

stage_output scan(std::string_view text, const fix_options& options) {
  collector c;
  int markup = -1;  // lazily: 1 when the text is HTML or code
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '&') {
      char32_t cp = 0;
      const std::size_t n = parse_entity(text, i, cp);
      if (n == 0) {
        ++i;
        continue;
      }
      if (markup < 0) markup = looks_like_markup_or_code(text) ? 1 : 0;
      bool decode = options.decode_html_entities && markup == 0 && cp != 0;
      std::string why;
      if (cp == 0) why = "a reference to no usable character: left";
      else if (markup == 1) why = "the text is HTML or code: left";
      else if (!options.decode_html_entities) why = "decoding turned off: left";
      if (decode && cp < 0x80 && (is_alnum(static_cast<char>(cp)) || cp == '#' || cp == ';')) {
        decode = false;
        why = "decodes to a character that could form a new reference: left";
      }
      if (decode && cp == '&') {
        char32_t next = 0;
        if (i + n < text.size() && text[i + n] != '&') {
          // "&amp;lt;" -> "&lt;" would be decoded again: leave it.
          std::string probe = "&";
          probe.append(text.substr(i + n, kMaxEntity));
          if (parse_entity(probe, 0, next) != 0) {
            decode = false;
            why = "decoding would form a new reference: left";
          }
        }
      }
      if (decode) {
        std::string after;
        append_utf8(after, cp);
        c.edit(text, i, i + n, std::move(after), "decode", "html-entity", 0.95);
        why = "decoded";
      }
      if (!c.full())
        c.find(text, i, i + n, "html-entity", "HTML character reference in plain text; " + why,
               decode);
      i += n;
      continue;
    }
    if (b < 0x80) {
      ++i;
      // Nothing but '&' and non-ASCII bytes can start a marker: skip the
      // rest eight bytes at a time.
      while (i + 8 <= text.size()) {
        std::uint64_t v;
        std::memcpy(&v, text.data() + i, 8);
        const std::uint64_t amp = v ^ 0x2626262626262626ull;  // zero bytes where '&'
        const std::uint64_t has_amp = (amp - 0x0101010101010101ull) & ~amp & 0x8080808080808080ull;
        if (((v & 0x8080808080808080ull) | has_amp) != 0) break;
        i += 8;
      }
      continue;
    }
    // Two- and three-byte characters that are none of the markers' (what
    // decode_at reads) and ASCII but '&', in a row; the full path below
    // for anything else.
    {
      const std::size_t start = i;
      const auto* u = reinterpret_cast<const unsigned char*>(text.data());
      const std::size_t size = text.size();
      while (i < size) {
        const unsigned lead = u[i];
        if (lead < 0x80) {
          if (lead == '&') break;
          ++i;
          continue;
        }
        if (lead >= 0xC0 && lead < 0xE0 && i + 2 <= size) {
          i += 2;  // below U+0800
          continue;
        }
        if (lead >= 0xE0 && lead < 0xF0 && i + 3 <= size) {
          const char32_t c3 =
              static_cast<char32_t>((lead & 0x0F) << 12 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F));
          // The six markers' low six bits (a cheap filter), then the values.
          if (((kMarkerLow >> (c3 & 63)) & 1) == 0 ||
              (c3 != kKun && c3 != kJin && c3 != kKao && c3 != kTang && c3 != kTun &&
               c3 != kReplacement)) {
            i += 3;
            continue;
          }
        }
        break;
      }
      if (i != start) continue;
    }
    std::size_t len = 0;
    const char32_t cp = decode_at(text, i, len);
    if (cp == kKun || cp == kJin || cp == kKao) {
      std::size_t end = 0;
      std::size_t fffd = 0;
      bool absorbed = false;
      if (kunjinkao_at(text, i, end, fffd, absorbed)) {
        const bool repair = options.repair_markers;
        if (repair) {
          std::string after;
          for (std::size_t k = 0; k < fffd; ++k) after.append(kReplacementUtf8);
          c.edit(text, i, end, std::move(after), "replace", "kunjinkao", 0.99);
        }
        if (!c.full())
          c.find(text, i, end, "kunjinkao",
               "U+FFFD read as GBK: " + std::to_string(fffd) + " lost character(s)" +
                   (absorbed ? " (with the decoder's mark for the unpaired rest)" : "") +
                   (repair ? "; back to U+FFFD" : "; left"),
               repair);
        i = end;
        continue;
      }
      i += len;
      continue;
    }
    if (cp == kTang || cp == kTun) {
      std::size_t j = i;
      std::size_t count = 0;
      std::size_t l2 = 0;
      while (j < text.size() && decode_at(text, j, l2) == cp) j += l2, ++count;
      if (count >= 3)
        c.find(text, i, j, "msvc-fill",
               cp == kTang ? "CC bytes (MSVC uninitialized stack) read as GBK"
                           : "CD bytes (MSVC uninitialized heap) read as GBK",
               false);
      i = j;
      continue;
    }
    if (cp == kReplacement) {
      std::size_t j = i;
      std::size_t count = 0;
      while (text.substr(j, 3) == kReplacementUtf8) j += 3, ++count;
      c.find(text, i, j, "replacement-run",
             std::to_string(count) + " U+FFFD: character(s) lost in a conversion", false);
      i = j;
      continue;
    }
    i += len;
  }
  if (text.find('?') != std::string_view::npos) question_markers(text, c);
  std::stable_sort(c.out.findings.begin(), c.out.findings.end(),
            [](const finding& a, const finding& b) { return a.begin < b.begin; });
  return std::move(c.out);
}

}  // namespace

stage_output repair_markers(std::string_view text, const fix_options& options) {
  return scan(text, options);
}

}  // namespace norm::detail
