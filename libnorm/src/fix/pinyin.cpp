// The pinyin fixer: inline pinyin annotations after Han characters (see
// pinyin.hpp for the rules and the evidence they need).
#include "fix/pinyin.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

namespace norm::detail {
namespace {

struct pinyin_char {
  std::uint32_t cp;
  std::uint32_t first;
  std::uint8_t count;
};

#include "pinyin.inc"

// Evidence the document must show before anything is stripped: 3 annotations
// whose readings match (one or two could be a lesson or a quotation; seed
// 004 has 69), and at most one wrong toned reading for every 4 right ones
// (seed 004: 0 wrong of 69).
constexpr std::size_t kMinAnnotations = 3;
constexpr std::size_t kValidPerWrong = 4;
// Longest annotation body looked at: 6 letters, each at most 3 bytes with a
// combining mark, plus a digit ("zhuang4", "shuang1" spelled with marks:
// 8 bytes); 24 bytes bound the scan after `(` with room to spare.
constexpr std::size_t kMaxBody = 24;
constexpr std::size_t kMaxLetters = 6;
// Adjacent annotations are merged into one edit of at most 4 KiB: bounded
// trace lines, and 10^6 dense annotations cost ~4 MiB of edits, not 120.
constexpr std::size_t kMaxMergedEdit = 4096;

// Decodes the code point at text[i] (valid UTF-8 assumed; anything odd is
// returned as U+FFFD with length 1). Sets len.
char32_t decode_at(std::string_view t, std::size_t i, std::size_t& len) {
  const auto b0 = static_cast<unsigned char>(t[i]);
  if (b0 < 0x80) {
    len = 1;
    return b0;
  }
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > t.size()) {
    len = 1;
    return 0xFFFD;
  }
  char32_t cp = b0 & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(t[i + k]) & 0x3F);
  len = n;
  return cp;
}

// The code point that ends right before byte `end` (0 when none); sets begin.
char32_t decode_before(std::string_view t, std::size_t end, std::size_t& begin) {
  if (end == 0) {
    begin = 0;
    return 0;
  }
  std::size_t b = end - 1;
  std::size_t steps = 0;
  while (b > 0 && steps < 3 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) {
    --b;
    ++steps;
  }
  std::size_t len = 0;
  char32_t cp = decode_at(t, b, len);
  if (b + len != end) {
    begin = end - 1;
    return 0xFFFD;
  }
  begin = b;
  return cp;
}

bool is_han(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}

// A tone-marked or diaeresis letter: its base letter and tone (0: none).
struct marked {
  char32_t cp;
  char letter;  // 'v' for u-diaeresis, 'E' for e-circumflex
  char tone;
};
constexpr marked kMarked[] = {
    {0x00E0, 'a', '4'}, {0x00E1, 'a', '2'}, {0x00E8, 'e', '4'}, {0x00E9, 'e', '2'},
    {0x00EA, 'E', 0},   {0x00EC, 'i', '4'}, {0x00ED, 'i', '2'}, {0x00F2, 'o', '4'},
    {0x00F3, 'o', '2'}, {0x00F9, 'u', '4'}, {0x00FA, 'u', '2'}, {0x00FC, 'v', 0},
    {0x0101, 'a', '1'}, {0x0113, 'e', '1'}, {0x011B, 'e', '3'}, {0x012B, 'i', '1'},
    {0x0144, 'n', '2'}, {0x0148, 'n', '3'}, {0x014D, 'o', '1'}, {0x016B, 'u', '1'},
    {0x01CE, 'a', '3'}, {0x01D0, 'i', '3'}, {0x01D2, 'o', '3'}, {0x01D4, 'u', '3'},
    {0x01D6, 'v', '1'}, {0x01D8, 'v', '2'}, {0x01DA, 'v', '3'}, {0x01DC, 'v', '4'},
    {0x01F9, 'n', '4'}, {0x1E3F, 'm', '2'}, {0x1EBF, 'E', '2'}, {0x1EC1, 'E', '4'},
};

// Parses an annotation body (the text between `(` and `)`) into the
// canonical numbered form; "" when it is not one syllable.
std::string canonical_of(std::string_view body) {
  std::string letters;
  char tone = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t len = 0;
    const char32_t c = decode_at(body, i, len);
    i += len;
    if (c >= 'a' && c <= 'z') {
      if (letters.size() >= kMaxLetters) return {};
      letters.push_back(static_cast<char>(c));
      continue;
    }
    if (c == ':') {  // CEDICT's u: for u-diaeresis
      if (letters.empty() || letters.back() != 'u') return {};
      letters.back() = 'v';
      continue;
    }
    if (c >= '1' && c <= '5') {  // a tone digit ends the syllable
      if (tone != 0 || letters.empty() || i != body.size()) return {};
      tone = static_cast<char>(c);
      continue;
    }
    char mark = 0;
    switch (c) {
      case 0x0304: mark = '1'; break;
      case 0x0301: mark = '2'; break;
      case 0x030C: mark = '3'; break;
      case 0x0300: mark = '4'; break;
      case 0x0308:
        if (letters.empty() || letters.back() != 'u') return {};
        letters.back() = 'v';
        continue;
      case 0x0302:
        if (letters.empty() || letters.back() != 'e') return {};
        letters.back() = 'E';
        continue;
      default: break;
    }
    if (mark != 0) {
      if (tone != 0 || letters.empty()) return {};
      tone = mark;
      continue;
    }
    const auto* m = std::find_if(std::begin(kMarked), std::end(kMarked),
                                 [c](const marked& k) { return k.cp == c; });
    if (m == std::end(kMarked)) return {};
    if (letters.size() >= kMaxLetters) return {};
    letters.push_back(m->letter);
    if (m->tone != 0) {
      if (tone != 0) return {};
      tone = m->tone;
    }
  }
  if (letters.empty()) return {};
  // Digits 5 and "no mark" both mean the neutral tone.
  letters.push_back(tone == 0 ? '5' : tone);
  return letters;
}

// Index of a canonical syllable in kPinyinSyllables, or -1.
int syllable_index(std::string_view s) {
  const auto* b = std::begin(kPinyinSyllables);
  const auto* e = std::end(kPinyinSyllables);
  const auto* it = std::lower_bound(b, e, s, [](const char* a, std::string_view v) {
    return std::string_view(a) < v;
  });
  if (it == e || std::string_view(*it) != s) return -1;
  return static_cast<int>(it - b);
}

bool reading_of(char32_t cp, int syllable) {
  const auto* b = std::begin(kPinyinChars);
  const auto* e = std::end(kPinyinChars);
  const auto* it = std::lower_bound(b, e, cp, [](const pinyin_char& a, char32_t v) {
    return a.cp < v;
  });
  if (it == e || it->cp != cp) return false;
  for (std::uint32_t k = 0; k < it->count; ++k)
    if (kPinyinReadings[it->first + k] == syllable) return true;
  return false;
}

// Reading cues right before an annotated character mark a language lesson:
// "read as", "pronounced", "pinyin", "phonetic notation" (Traditional and
// Simplified), as UTF-8.
constexpr std::string_view kCues[] = {
    "\u8b80\u4f5c", "\u8bfb\u4f5c", "\u5ff5\u4f5c", "\u5538\u4f5c", "\u8b80\u6210",
    "\u8bfb\u6210", "\u5ff5\u6210", "\u5538\u6210", "\u8b80\u97f3", "\u8bfb\u97f3",
    "\u62fc\u97f3", "\u6ce8\u97f3", "\u767c\u97f3", "\u53d1\u97f3", "\u8b80",
    "\u8bfb",       "\u5ff5",       "\u5538",
};
constexpr std::string_view kOpenQuotes[] = {"\u300c", "\u300e", "\u201c", "\u2018", "\u300a",
                                            "\u3008", "\"",     "'"};
constexpr std::string_view kCloseQuotes[] = {"\u300d", "\u300f", "\u201d", "\u2019", "\u300b",
                                             "\u3009", "\"",     "'"};

bool ends_with_any(std::string_view t, std::size_t end, const std::string_view* list,
                   std::size_t n, std::size_t& begin) {
  for (std::size_t k = 0; k < n; ++k) {
    const std::string_view q = list[k];
    if (end >= q.size() && t.substr(end - q.size(), q.size()) == q) {
      begin = end - q.size();
      return true;
    }
  }
  return false;
}

bool starts_with_any(std::string_view t, std::size_t pos, const std::string_view* list,
                     std::size_t n) {
  for (std::size_t k = 0; k < n; ++k)
    if (t.substr(pos, list[k].size()) == list[k]) return true;
  return false;
}

// Lesson context around the annotation whose base starts at `base` and
// whose `)` ends at `close_end`.
bool lesson_context(std::string_view t, std::size_t base, std::size_t close_end) {
  std::size_t q = 0;
  const bool quoted_before = ends_with_any(t, base, kOpenQuotes, std::size(kOpenQuotes), q);
  if (quoted_before && starts_with_any(t, close_end, kCloseQuotes, std::size(kCloseQuotes)))
    return true;
  // A cue, then optionally a colon, a space or an opening quote.
  std::size_t end = quoted_before ? q : base;
  for (std::string_view sep : {std::string_view(":"), std::string_view("\uff1a"),
                               std::string_view(" ")})
    if (end >= sep.size() && t.substr(end - sep.size(), sep.size()) == sep) {
      end -= sep.size();
      break;
    }
  std::size_t cue_begin = 0;
  if (!ends_with_any(t, end, kCues, std::size(kCues), cue_begin)) return false;
  // A one-character cue only with a colon or quote after it ("read: X(py)").
  const bool single = end - cue_begin == 3;
  return !single || end != base;
}

struct candidate {
  std::size_t base = 0;       // first byte of the base character
  std::size_t open = 0;       // the '('
  std::size_t close_end = 0;  // one past the ')'
  char32_t cp = 0;            // the base character
  int syllable = -1;          // index in kPinyinSyllables, -1: not a syllable
  bool han = false;
  bool toned = false;         // a tone mark or digit (not the neutral default)
};

// Parses the annotation whose '(' is at `open`; false when none.
bool parse_at(std::string_view t, std::size_t open, candidate& c) {
  std::size_t close = open + 1;
  const std::size_t limit = std::min(t.size(), open + 1 + kMaxBody + 1);
  while (close < limit && t[close] != ')' && t[close] != '(' && t[close] != '\n') ++close;
  if (close >= limit || t[close] != ')' || close == open + 1) return false;
  c.open = open;
  c.close_end = close + 1;
  c.cp = decode_before(t, open, c.base);
  c.han = is_han(c.cp);
  if (!c.han) return true;
  const std::string canon = canonical_of(t.substr(open + 1, close - open - 1));
  if (canon.empty()) return true;
  c.syllable = syllable_index(canon);
  c.toned = canon.back() != '5' ||
            (t[close - 1] == '5');  // "de5" spelled with the digit is toned too
  return true;
}

struct char_state {
  int syllable = -1;
  bool conflict = false;
  std::size_t annotations = 0;  // with a right reading
  std::size_t free = 0;         // ... outside lesson context
};

}  // namespace

std::string canonical_pinyin(std::string_view reading) {
  if (reading.size() > kMaxBody) return {};
  return canonical_of(reading);
}

bool is_reading_of(char32_t cp, std::string_view canonical) {
  const int s = syllable_index(canonical);
  return s >= 0 && reading_of(cp, s);
}

stage_output strip_pinyin(std::string_view text, const fix_options& options) {
  stage_output out;
  if (!options.strip_pinyin) return out;
  // Scan 1: the document's evidence, and each annotated character's readings.
  std::unordered_map<char32_t, char_state> chars;
  std::size_t valid = 0;
  std::size_t wrong = 0;
  const auto for_each_candidate = [&](auto&& fn) {
    std::size_t pos = 0;
    while (true) {
      const std::size_t open = text.find('(', pos);
      if (open == std::string_view::npos) break;
      candidate c;
      if (!parse_at(text, open, c)) {
        pos = open + 1;
        continue;
      }
      fn(c);
      pos = c.close_end;
    }
  };
  for_each_candidate([&](const candidate& c) {
    if (!c.han || c.syllable < 0) return;
    if (!reading_of(c.cp, c.syllable)) {
      if (c.toned) ++wrong;
      return;
    }
    char_state& s = chars[c.cp];
    if (s.syllable < 0)
      s.syllable = c.syllable;
    else if (s.syllable != c.syllable)
      s.conflict = true;
    ++s.annotations;
    if (!lesson_context(text, c.base, c.close_end)) ++s.free;
  });
  // A character annotated with two readings is a lesson, not a converter:
  // its annotations count as wrong ones.
  for (const auto& [cp, s] : chars) {
    if (s.conflict)
      wrong += s.annotations;
    else
      valid += s.free;
  }
  if (valid < kMinAnnotations || wrong * kValidPerWrong > valid) return out;
  // Scan 2: strip what qualifies.
  const double confidence = 1.0 - 0.5 / static_cast<double>(valid);
  for_each_candidate([&](const candidate& c) {
    if (!c.han || c.syllable < 0 || !reading_of(c.cp, c.syllable)) return;
    const auto it = chars.find(c.cp);
    if (it == chars.end() || it->second.conflict) return;
    if (c.close_end < text.size() && text[c.close_end] == '(') return;
    // U+951F "kun" + U+65A4 "jin" is kunjinkao, which the markers fixer
    // (run before this one) repairs: stripping between them would make one.
    if (c.cp == 0x951F && text.substr(c.close_end, 3) == "\u65a4") return;
    if (lesson_context(text, c.base, c.close_end)) return;
    const std::string_view reading = text.substr(c.open + 1, c.close_end - c.open - 2);
    // Annotations one character apart ("X(x)Y(y)") become one edit: an edit
    // costs ~120 bytes, 15 times the 8 bytes of a dense annotation.
    if (!out.edits.empty()) {
      stage_edit& last = out.edits.back();
      if (last.end == c.base && c.close_end - last.begin <= kMaxMergedEdit) {
        last.after.append(text.substr(c.base, c.open - c.base));
        last.parameter.append(" ").append(reading);
        last.end = c.close_end;
        return;
      }
    }
    stage_edit e;
    e.begin = c.open;
    e.end = c.close_end;
    e.action = "strip";
    e.parameter = std::string(reading);
    e.confidence = confidence;
    out.edits.push_back(std::move(e));
  });
  return out;
}

}  // namespace norm::detail
