// The script_convert fixer: whole-text conversion the way OpenCC's
// configurations do it, with libnorm's own converter built from OpenCC's own
// dictionary data (libnorm/data/opencc_tables.inc, tools/gen_opencc_tables.py),
// checked byte for byte against libopencc through the bridge
// (tests/unit/script_convert_test.cpp, tests/corpus/golden_test.cpp,
// fuzz/script_fuzzer.cpp).
//
// OpenCC 1.1.6's algorithm, reproduced here:
//  1. Segmentation ("mmseg", MaxMatchSegmentation): from the start, the
//     longest key of the segmentation dictionary (group: the first member
//     with any match) that is a prefix of the rest of the text becomes a
//     segment; characters where nothing matches gather into one segment
//     until the next match.
//  2. Each conversion of the chain runs over each segment on its own: from
//     the segment's start, the longest key of the step's dictionary (group:
//     the first member with any match) within the segment is replaced by
//     its first value (DictEntry::GetDefault); an unmatched character is
//     copied. The next step reads the previous step's output, segment by
//     segment.
//  3. The segments are concatenated.
// Our matcher: one code-point trie per dictionary (root children in a
// direct table over the BMP, others in sorted edge arrays), built on first
// use from the compiled-in blob; no allocation per character.
#include "fix/script_convert.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "bridges/opencc_bridge.hpp"
#include "norm/utf8.hpp"

namespace norm::detail {
namespace {

#include "opencc_tables.inc"

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

// Valid UTF-8 assumed (callers validate); stays in bounds on anything.
inline std::size_t decode(const unsigned char* p, const unsigned char* end,
                          std::uint32_t& cp) noexcept {
  const unsigned b0 = p[0];
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  const std::size_t left = static_cast<std::size_t>(end - p);
  if (b0 < 0xE0 && left >= 2) {
    cp = ((b0 & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    return 2;
  }
  if (b0 < 0xF0 && left >= 3) {
    cp = ((b0 & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return 3;
  }
  if (left >= 4) {
    cp = ((b0 & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
    return 4;
  }
  cp = 0xFFFD;
  return 1;
}

inline std::size_t char_length(unsigned char b0) noexcept {
  return b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
}

void append_utf8(std::string& s, std::uint32_t cp) {
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// ---- one dictionary: a code-point trie ----------------------------------

class trie_dict {
 public:
  // Decodes the blob (format: tools/gen_opencc_tables.py) and builds the
  // trie. False on a malformed blob (then the bridge is used instead).
  bool load(const opencc_table_dict& d) {
    std::array<int, 256> digit;
    digit.fill(-1);
    for (int i = 0; i < 64; ++i) digit[static_cast<unsigned char>(kOpenccAlphabet[i])] = i;
    std::vector<std::u32string> keys;
    keys.reserve(d.entries);
    value_offsets_.reserve(d.entries + 1);
    value_offsets_.push_back(0);
    const unsigned char* p = reinterpret_cast<const unsigned char*>(d.blob);
    const unsigned char* end = p + d.blob_size;
    auto code = [&](std::uint32_t& cp) {
      if (end - p < 3) return false;
      int a = digit[p[0]], b = digit[p[1]], c = digit[p[2]];
      if (a < 0 || b < 0 || c < 0) return false;
      cp = static_cast<std::uint32_t>((a << 12) | (b << 6) | c);
      p += 3;
      return true;
    };
    std::u32string prev;
    while (p < end) {
      int shared = digit[*p++];
      if (shared < 0 || static_cast<std::size_t>(shared) > prev.size()) return false;
      std::u32string key = prev.substr(0, static_cast<std::size_t>(shared));
      while (p < end && *p != ' ') {
        std::uint32_t cp;
        if (!code(cp)) return false;
        key.push_back(cp);
      }
      if (p == end || key.empty()) return false;
      ++p;  // ' '
      std::size_t i = 0;
      while (p < end && *p != ',') {
        std::uint32_t cp;
        if (*p == '.') {
          if (i >= key.size()) return false;
          cp = key[i];
          ++p;
        } else if (!code(cp)) {
          return false;
        }
        append_utf8(values_, cp);
        ++i;
      }
      if (p == end) return false;
      ++p;  // ','
      if (!keys.empty() && !(keys.back() < key)) return false;  // sorted, unique
      value_offsets_.push_back(static_cast<std::uint32_t>(values_.size()));
      prev = key;
      keys.push_back(std::move(key));
    }
    if (keys.size() != d.entries) return false;
    build(keys);
    return true;
  }

  // Longest key that is a prefix of [p, end); its byte length (0: none)
  // and its value's index in `value`.
  std::size_t longest(const unsigned char* p, const unsigned char* end,
                      std::uint32_t& value) const noexcept {
    std::uint32_t cp;
    std::size_t len = decode(p, end, cp);
    std::uint32_t node = cp < 0x10000 ? root_bmp_[cp] : child(0, cp);
    if (node == 0) return 0;
    std::size_t best = 0;
    for (;;) {
      const trie_node& n = nodes_[node];
      if (n.value != kNone) {
        best = len;
        value = n.value;
      }
      if (n.edge_count == 0 || p + len >= end) break;
      std::size_t step = decode(p + len, end, cp);
      node = child(node, cp);
      if (node == 0) break;
      len += step;
    }
    return best;
  }

  // Whether some key starts with the character at p.
  bool starts(std::uint32_t cp) const noexcept {
    return (cp < 0x10000 ? root_bmp_[cp] : child(0, cp)) != 0;
  }

  std::string_view value(std::uint32_t i) const noexcept {
    return std::string_view(values_).substr(value_offsets_[i],
                                            value_offsets_[i + 1] - value_offsets_[i]);
  }

 private:
  struct trie_node {
    std::uint32_t value = kNone;
    std::uint32_t first_edge = 0;
    std::uint32_t edge_count = 0;
  };

  std::uint32_t child(std::uint32_t node, std::uint32_t cp) const noexcept {
    const trie_node& n = nodes_[node];
    const std::uint32_t* b = edge_cp_.data() + n.first_edge;
    const std::uint32_t* e = b + n.edge_count;
    if (n.edge_count <= 8) {
      for (const std::uint32_t* q = b; q != e; ++q)
        if (*q == cp) return edge_child_[static_cast<std::size_t>(q - edge_cp_.data())];
      return 0;
    }
    const std::uint32_t* q = std::lower_bound(b, e, cp);
    if (q == e || *q != cp) return 0;
    return edge_child_[static_cast<std::size_t>(q - edge_cp_.data())];
  }

  // Keys sorted (code-point order == UTF-8 byte order). The children of a
  // node get contiguous edges; depth is bounded by the longest key (16).
  void build(const std::vector<std::u32string>& keys) {
    nodes_.clear();
    nodes_.emplace_back();
    build_node(keys, 0, 0, keys.size(), 0);
    root_bmp_.assign(0x10000, 0);
    const trie_node& root = nodes_[0];
    for (std::uint32_t i = 0; i < root.edge_count; ++i)
      if (edge_cp_[root.first_edge + i] < 0x10000)
        root_bmp_[edge_cp_[root.first_edge + i]] = edge_child_[root.first_edge + i];
  }

  void build_node(const std::vector<std::u32string>& keys, std::uint32_t node, std::size_t lo,
                  std::size_t hi, std::size_t depth) {
    if (lo < hi && keys[lo].size() == depth) {
      nodes_[node].value = static_cast<std::uint32_t>(lo);
      ++lo;
    }
    // Children: one per distinct code point at `depth`.
    std::vector<std::size_t> starts;
    for (std::size_t i = lo; i < hi; ++i)
      if (i == lo || keys[i][depth] != keys[i - 1][depth]) starts.push_back(i);
    nodes_[node].first_edge = static_cast<std::uint32_t>(edge_cp_.size());
    nodes_[node].edge_count = static_cast<std::uint32_t>(starts.size());
    const std::size_t first_child = nodes_.size();
    for (std::size_t k = 0; k < starts.size(); ++k) {
      edge_cp_.push_back(keys[starts[k]][depth]);
      edge_child_.push_back(static_cast<std::uint32_t>(first_child + k));
    }
    nodes_.resize(nodes_.size() + starts.size());
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::size_t e = k + 1 < starts.size() ? starts[k + 1] : hi;
      build_node(keys, static_cast<std::uint32_t>(first_child + k), starts[k], e, depth + 1);
    }
  }

  std::vector<trie_node> nodes_;
  std::vector<std::uint32_t> edge_cp_;
  std::vector<std::uint32_t> edge_child_;
  std::vector<std::uint32_t> root_bmp_;  // code point -> child of the root (0: none)
  std::string values_;
  std::vector<std::uint32_t> value_offsets_;
};

constexpr std::size_t kDictCount = std::size(kOpenccDicts);
constexpr std::size_t kConfigCount = std::size(kOpenccConfigs);
static_assert(kConfigCount == 12, "opencc_tables.inc must list opencc_config's 12 configurations");

struct dict_slot {
  std::once_flag once;
  std::unique_ptr<trie_dict> dict;  // null: the blob did not load
};

std::array<dict_slot, kDictCount>& dict_slots() {
  static std::array<dict_slot, kDictCount> s;
  return s;
}

const trie_dict* dict_at(int i) {
  dict_slot& s = dict_slots()[static_cast<std::size_t>(i)];
  std::call_once(s.once, [&] {
    auto d = std::make_unique<trie_dict>();
    if (d->load(kOpenccDicts[i])) s.dict = std::move(d);
  });
  return s.dict.get();
}

// A group: the first member with a match wins.
struct group {
  std::array<const trie_dict*, kOpenccMaxGroup> dicts{};
  int size = 0;

  // Byte length of the match (0: none), its value, and the member it came from.
  std::size_t longest(const unsigned char* p, const unsigned char* end, std::string_view& value,
                      const trie_dict*& from) const noexcept {
    for (int i = 0; i < size; ++i) {
      const trie_dict* d = dicts[static_cast<std::size_t>(i)];
      std::uint32_t v;
      std::size_t n = d->longest(p, end, v);
      if (n != 0) {
        value = d->value(v);
        from = d;
        return n;
      }
    }
    return 0;
  }

  bool contains(const trie_dict* d) const noexcept {
    for (int i = 0; i < size; ++i)
      if (dicts[static_cast<std::size_t>(i)] == d) return true;
    return false;
  }
};

struct converter {
  group segmentation;
  std::array<group, kOpenccMaxChain> chain;
  int chain_length = 0;
  // The first step over a run of unmatched characters: its group without
  // the segmentation's dictionaries (none of them matches anywhere in such
  // a run: a key that is a prefix within the run is a prefix of the rest of
  // the text, which segmentation found none of). Empty: characters copied.
  group first_step_in_runs;
};

bool make_group(const opencc_table_group& g, group& out) {
  for (int i = 0; i < kOpenccMaxGroup && g.dicts[i] >= 0; ++i) {
    const trie_dict* d = dict_at(g.dicts[i]);
    if (d == nullptr) return false;
    out.dicts[static_cast<std::size_t>(out.size++)] = d;
  }
  return out.size > 0;
}

struct converter_slot {
  std::once_flag once;
  std::optional<converter> conv;  // nullopt: tables did not load
};

std::array<converter_slot, kConfigCount>& converter_slots() {
  static std::array<converter_slot, kConfigCount> s;
  return s;
}

const converter* converter_for(opencc_config c) {
  const std::size_t i = static_cast<std::size_t>(c);
  if (i >= kConfigCount) return nullptr;
  converter_slot& s = converter_slots()[i];
  std::call_once(s.once, [&] {
    const opencc_table_config& t = kOpenccConfigs[i];
    converter conv;
    if (!make_group(t.segmentation, conv.segmentation)) return;
    conv.chain_length = t.chain_length;
    if (t.chain_length < 1) return;
    for (int k = 0; k < t.chain_length; ++k)
      if (!make_group(t.chain[k], conv.chain[static_cast<std::size_t>(k)])) return;
    for (int k = 0; k < conv.chain[0].size; ++k) {
      const trie_dict* d = conv.chain[0].dicts[static_cast<std::size_t>(k)];
      if (!conv.segmentation.contains(d))
        conv.first_step_in_runs.dicts[static_cast<std::size_t>(conv.first_step_in_runs.size++)] = d;
    }
    s.conv = conv;
  });
  return s.conv ? &*s.conv : nullptr;
}

// An output buffer: bytes written at `n` of a string kept larger than
// needed (grown geometrically), so small appends (a 3-byte value) are a few
// stores, not a call into memmove. finish() trims the string to `n`.
class sink {
 public:
  explicit sink(std::string& s) : s_(&s), n_(0) {}

  void put(const char* p, std::size_t k) {
    if (k > s_->size() - n_) grow(k);
    char* d = s_->data() + n_;
    if (k <= 16) {
      for (std::size_t i = 0; i < k; ++i) d[i] = p[i];
    } else {
      std::memcpy(d, p, k);
    }
    n_ += k;
  }
  void put(const unsigned char* p, const unsigned char* e) {
    put(reinterpret_cast<const char*>(p), static_cast<std::size_t>(e - p));
  }
  void put(std::string_view v) { put(v.data(), v.size()); }

  std::string_view view() const noexcept { return std::string_view(s_->data(), n_); }
  void finish() { s_->resize(n_); }

 private:
  void grow(std::size_t k) { s_->resize(std::max(s_->size() * 2, n_ + k + 64)); }

  std::string* s_;
  std::size_t n_;
};

// One conversion step over one segment [p, end), appended to `out`.
void convert_step(const group& g, const unsigned char* p, const unsigned char* end, sink& out) {
  if (g.size == 0) {
    out.put(p, end);
    return;
  }
  const unsigned char* copy_from = p;
  while (p < end) {
    std::string_view value;
    const trie_dict* from;
    std::size_t n = g.longest(p, end, value, from);
    if (n == 0) {
      p += char_length(*p);
      continue;
    }
    out.put(copy_from, p);
    out.put(value);
    p += n;
    copy_from = p;
  }
  out.put(copy_from, end);
}

// Scratch buffers for the steps of a chain (reused across segments).
struct scratch {
  std::string a, b;
};

// Steps 2.. of the chain over the output of step 1 (`first`), to `out`.
// `first` may live in s.a; the steps alternate between s.b and s.a.
void convert_rest(const converter& c, std::string_view first, sink& out, scratch& s) {
  std::string_view cur = first;
  bool in_a = !s.a.empty() && first.data() == s.a.data();
  for (int k = 1; k < c.chain_length; ++k) {
    const unsigned char* q = reinterpret_cast<const unsigned char*>(cur.data());
    const group& g = c.chain[static_cast<std::size_t>(k)];
    if (k + 1 == c.chain_length) {
      convert_step(g, q, q + cur.size(), out);
      return;
    }
    sink next(in_a ? s.b : s.a);
    convert_step(g, q, q + cur.size(), next);
    cur = next.view();
    in_a = !in_a;
  }
}

// A segment: a run of unmatched characters (`run`: the first step skips
// the segmentation's dictionaries) or a segmentation match.
void convert_segment(const converter& c, const unsigned char* p, const unsigned char* end,
                     bool run, sink& out, scratch& s) {
  if (p == end) return;
  const group& first = run ? c.first_step_in_runs : c.chain[0];
  if (c.chain_length == 1) {
    convert_step(first, p, end, out);
    return;
  }
  sink step1(s.a);
  convert_step(first, p, end, step1);
  convert_rest(c, step1.view(), out, s);
}

void convert_own(const converter& c, std::string_view text, sink& out) {
  scratch s;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  const unsigned char* run = p;  // start of the unmatched characters
  const trie_dict* first_dict = c.chain[0].dicts[0];
  while (p < end) {
    std::string_view value;
    const trie_dict* from;
    std::size_t n = c.segmentation.longest(p, end, value, from);
    if (n == 0) {
      p += char_length(*p);
      continue;
    }
    convert_segment(c, run, p, /*run=*/true, out, s);
    if (from == first_dict) {
      // The segment is a key K of the first step's first dictionary: that
      // step's longest match within K is K itself, so its output is K's
      // value (a view into the table, not into the scratch buffers).
      if (c.chain_length == 1) {
        out.put(value);
      } else {
        convert_rest(c, value, out, s);
      }
    } else {
      convert_segment(c, p, p + n, /*run=*/false, out, s);
    }
    p += n;
    run = p;
  }
  convert_segment(c, run, end, /*run=*/true, out, s);
}

// Configurations whose own conversion was checked byte for byte against
// libopencc (tests/unit/script_convert_test.cpp over the golden corpus and
// generated text; fuzz/script_fuzzer.cpp): all twelve.
constexpr std::array<bool, kConfigCount> kOwnVerified = {true, true, true, true, true, true,
                                                         true, true, true, true, true, true};

}  // namespace

std::string_view config_name(opencc_config c) noexcept {
  static constexpr std::string_view kNames[] = {"s2t",  "t2s",   "s2tw", "s2twp", "s2hk", "tw2s",
                                                "tw2sp", "hk2s", "t2tw", "t2hk",  "t2jp", "jp2t"};
  return kNames[static_cast<int>(c)];
}

std::optional<std::string> convert_text_own(opencc_config c, std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return std::nullopt;
  const converter* conv = converter_for(c);
  if (conv == nullptr) return std::nullopt;
  std::string out;
  out.resize(utf8.size() + utf8.size() / 16 + 64);
  sink w(out);
  convert_own(*conv, utf8, w);
  w.finish();
  return out;
}

std::optional<std::string> convert_text_opencc(opencc_config c, std::string_view utf8) {
  return opencc_bridge_convert(config_name(c), utf8);
}

bool own_converter_verified(opencc_config c) noexcept {
  const std::size_t i = static_cast<std::size_t>(c);
  return i < kConfigCount && kOwnVerified[i];
}

std::size_t phrase_spans(opencc_config c, std::string_view utf8,
                         std::vector<std::pair<std::size_t, std::size_t>>& out) {
  out.clear();
  const converter* conv = converter_for(c);
  if (conv == nullptr || !is_valid_utf8(utf8)) return 0;
  const unsigned char* b = reinterpret_cast<const unsigned char*>(utf8.data());
  const unsigned char* p = b;
  const unsigned char* end = p + utf8.size();
  while (p < end) {
    std::string_view value;
    const trie_dict* from;
    const std::size_t n = conv->segmentation.longest(p, end, value, from);
    if (n == 0) {
      p += char_length(*p);
      continue;
    }
    if (n > char_length(*p))
      out.emplace_back(static_cast<std::size_t>(p - b), static_cast<std::size_t>(p - b) + n);
    p += n;
  }
  return out.size();
}

std::string convert_text(opencc_config c, std::string_view utf8) {
  if (own_converter_verified(c)) {
    std::optional<std::string> r = convert_text_own(c, utf8);
    if (r) return std::move(*r);
  }
  std::optional<std::string> r = convert_text_opencc(c, utf8);
  return r ? std::move(*r) : std::string(utf8);
}

namespace {

// ---- the fixer -------------------------------------------------------------

// A kana character starting at t[i] (3-byte sequences only): hiragana
// U+3041-309F, katakana U+30A0-30FA and U+30FD-30FF, katakana phonetic
// extensions U+31F0-31FF, half-width katakana U+FF66-FF6F and U+FF71-FF9D.
// Left out: U+30FB (katakana middle dot) and U+30FC (prolonged sound mark),
// which Chinese text uses too (`\u7d04\u7ff0\u30fb\u53f2\u5bc6\u65af`), and U+FF70.
inline bool kana_at(std::string_view t, std::size_t i) noexcept {
  if (i + 2 >= t.size()) return false;
  const auto b0 = static_cast<unsigned char>(t[i]);
  const auto b1 = static_cast<unsigned char>(t[i + 1]);
  const auto b2 = static_cast<unsigned char>(t[i + 2]);
  if (b0 == 0xE3) {
    if (b1 == 0x81) return b2 >= 0x81;                   // U+3041-307F
    if (b1 == 0x82) return true;                         // U+3080-30BF
    if (b1 == 0x83) return b2 != 0xBB && b2 != 0xBC;     // U+30C0-30FF
    if (b1 == 0x87) return b2 >= 0xB0;                   // U+31F0-31FF
    return false;
  }
  if (b0 == 0xEF) {
    if (b1 == 0xBD) return (b2 >= 0xA6 && b2 <= 0xAF) || b2 >= 0xB1;  // U+FF66-FF6F, U+FF71-FF7F
    if (b1 == 0xBE) return b2 <= 0x9D;                                // U+FF80-FF9D
  }
  return false;
}

// A CJK unified ideograph (BMP blocks U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF).
inline bool han_at(std::string_view t, std::size_t i) noexcept {
  if (i + 2 >= t.size()) return false;
  const auto b0 = static_cast<unsigned char>(t[i]);
  const auto b1 = static_cast<unsigned char>(t[i + 1]);
  if (b0 == 0xE3) return b1 >= 0x90;             // U+3400-
  if (b0 >= 0xE4 && b0 <= 0xE9) return true;     // -U+9FFF
  if (b0 == 0xEF) return b1 >= 0xA4 && b1 <= 0xAB;  // U+F900-FAFF
  return false;
}

// A document whose kana are at least 1 in 5 of its kana and Han characters
// is Japanese as a whole (Japanese prose runs 50-70 % kana; a Chinese text
// quoting a Japanese title stays far below), so none of it is converted,
// not even its lines without kana. 1/5 leaves room for kanji-heavy
// Japanese (lists of terms, headings).
constexpr std::size_t kJapaneseKanaShare = 5;

// Findings reported at most (one per line left alone).
constexpr std::size_t kMaxFindings = 32;

bool target_config(script_target t, opencc_config& c) noexcept {
  switch (t) {
    case script_target::hans: c = opencc_config::t2s; return true;
    case script_target::hant: c = opencc_config::s2t; return true;
    case script_target::tw: c = opencc_config::s2tw; return true;
    case script_target::twp: c = opencc_config::s2twp; return true;
    case script_target::hk: c = opencc_config::s2hk; return true;
    case script_target::jp: c = opencc_config::t2jp; return true;
    default: return false;
  }
}

// Back `i` up to the start of the character holding it.
inline std::size_t char_floor(std::string_view t, std::size_t i) noexcept {
  while (i > 0 && i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Edits are merged with the one before while the two together span at most
// this many bytes of the text: a 20 MB Chinese text has about 500,000
// changed lines, and applying (and tracing) that many edits cost the
// pipeline 3x the conversion itself; 1 KiB keeps a step readable in
// --explain and cuts the count about 20-fold.
constexpr std::size_t kMergeSpan = 1024;

// The edit turning line `before` (at offset `at` of `text`) into `after`:
// the common prefix and suffix (on character boundaries) are left out.
void add_line_edit(std::string_view text, std::string_view before, std::string_view after,
                   std::size_t at, std::string_view action, std::string_view parameter,
                   stage_output& out) {
  if (before == after) return;
  std::size_t pre = 0;
  const std::size_t n = std::min(before.size(), after.size());
  while (pre < n && before[pre] == after[pre]) ++pre;
  pre = std::min(char_floor(before, pre), char_floor(after, pre));
  std::size_t suf = 0;
  while (suf < n - pre && before[before.size() - 1 - suf] == after[after.size() - 1 - suf]) ++suf;
  // The suffix must start on a character boundary in both.
  while (suf > 0 && ((static_cast<unsigned char>(before[before.size() - suf]) & 0xC0) == 0x80 ||
                     (static_cast<unsigned char>(after[after.size() - suf]) & 0xC0) == 0x80))
    --suf;
  const std::size_t begin = at + pre, end = at + before.size() - suf;
  const std::string_view replacement = after.substr(pre, after.size() - suf - pre);
  if (!out.edits.empty()) {
    stage_edit& last = out.edits.back();
    if (last.end <= begin && end - last.begin <= kMergeSpan) {
      last.after.append(text.substr(last.end, begin - last.end));
      last.after.append(replacement);
      last.end = end;
      return;
    }
  }
  stage_edit e;
  e.begin = begin;
  e.end = end;
  e.after.assign(replacement);
  e.action.assign(action);
  e.parameter.assign(parameter);
  e.confidence = 1.0;
  out.edits.push_back(std::move(e));
}

// Converts the block [b, e) of `text` (whole lines, no kana line among
// them) and adds one edit per changed line (merged up to kMergeSpan). Conversion never crosses or
// makes a line break (no OpenCC key or value holds one), so the lines of
// the result pair up with the lines of the block.
void convert_block(std::string_view text, std::size_t b, std::size_t e, opencc_config cfg,
                   std::string_view parameter, stage_output& out) {
  if (b >= e) return;
  const std::string_view block = text.substr(b, e - b);
  const std::string conv = convert_text(cfg, block);
  if (conv == block) return;
  std::size_t i = 0, j = 0;
  while (i < block.size() || j < conv.size()) {
    std::size_t ni = block.find('\n', i);
    std::size_t nj = std::string_view(conv).find('\n', j);
    if ((ni == std::string_view::npos) != (nj == std::string_view::npos)) return;  // not paired: no edit
    if (ni == std::string_view::npos) ni = block.size();
    if (nj == std::string_view::npos) nj = conv.size();
    add_line_edit(text, block.substr(i, ni - i), std::string_view(conv).substr(j, nj - j), b + i,
                  config_name(cfg), parameter, out);
    i = ni + 1;
    j = nj + 1;
  }
}

}  // namespace

stage_output convert_script(std::string_view text, const fix_options& options) {
  stage_output out;
  opencc_config cfg;
  if (!target_config(options.script, cfg) || text.empty()) return out;
  const std::string_view parameter = to_string(options.script);
  if (options.script == script_target::jp) {
    convert_block(text, 0, text.size(), cfg, parameter, out);
    return out;
  }
  // Kana and Han counts; the first kana's place.
  std::size_t kana = 0, han = 0, first_kana = std::string_view::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 != 0xE3 && b0 != 0xEF && (b0 < 0xE4 || b0 > 0xE9)) continue;
    if (kana_at(text, i)) {
      if (kana++ == 0) first_kana = i;
    } else if (han_at(text, i)) {
      ++han;
    }
    i += 2;
  }
  if (kana == 0) {
    convert_block(text, 0, text.size(), cfg, parameter, out);
    return out;
  }
  if (kana * kJapaneseKanaShare >= kana + han) {
    finding f;
    f.fixer = "script";
    f.kind = "japanese-kept";
    f.begin = first_kana;
    f.end = first_kana + 3;
    f.text.assign(text.substr(first_kana, 3));
    f.detail = "Japanese text (kana) is not converted by " + std::string(config_name(cfg));
    out.findings.push_back(std::move(f));
    return out;
  }
  // Lines with kana stay as they are; the runs of lines between them convert.
  std::size_t block = 0, pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    const std::size_t line_end = nl == std::string_view::npos ? text.size() : nl + 1;
    std::size_t k = pos;
    for (; k < line_end; ++k)
      if (kana_at(text, k)) break;
    if (k < line_end) {
      convert_block(text, block, pos, cfg, parameter, out);
      block = line_end;
      if (out.findings.size() < kMaxFindings) {
        finding f;
        f.fixer = "script";
        f.kind = "japanese-kept";
        f.begin = k;
        f.end = k + 3;
        f.text.assign(text.substr(k, 3));
        f.detail = "line with kana (Japanese) not converted by " + std::string(config_name(cfg));
        out.findings.push_back(std::move(f));
      }
    }
    pos = line_end;
  }
  convert_block(text, block, text.size(), cfg, parameter, out);
  return out;
}

}  // namespace norm::detail
