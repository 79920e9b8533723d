// libnorm's own table codecs, for the encodings ICU 72 lacks (Johab,
// ISO-8859-16, VISCII) and for strict TIS-620 (ICU's "TIS-620" is an alias
// of windows-874, which adds 0x80, 0x85 and 0x91-0x97). Built on the glibc
// tables of detail/charmap.hpp.
//
// Johab: bytes 0x00-0x7F are ASCII (as in Python's codec; glibc's charmap
// says 0x5C is U+20A9 WON SIGN). A lead byte followed by a byte that gives
// no character is one invalid byte when that byte is ASCII (the ASCII byte
// is then decoded on its own, as ICU and WHATWG decoders do), else two.
#include <algorithm>
#include <string>
#include <vector>

#include "detail/charmap.hpp"
#include "detail/codec.hpp"

namespace norm::detail {
namespace {

struct reverse_entry {
  char32_t cp;
  std::uint16_t code;  // a byte, or lead << 8 | trail
};

std::vector<reverse_entry> build_reverse(encoding e) {
  std::vector<reverse_entry> v;
  if (const char32_t* sb = single_byte_map(e)) {
    for (unsigned b = 0; b < 256; ++b)
      if (sb[b] != kNoChar) v.push_back({sb[b], static_cast<std::uint16_t>(b)});
  } else {
    for (unsigned b = 0; b < 0x80; ++b) v.push_back({b, static_cast<std::uint16_t>(b)});
    for (const dbcs_entry& d : double_byte_map(e)) v.push_back({d.cp, d.code});
  }
  // The first (lowest) code wins when two codes give the same character.
  std::stable_sort(v.begin(), v.end(),
                   [](const reverse_entry& a, const reverse_entry& b) { return a.cp < b.cp; });
  v.erase(std::unique(v.begin(), v.end(),
                      [](const reverse_entry& a, const reverse_entry& b) { return a.cp == b.cp; }),
          v.end());
  return v;
}

const std::vector<reverse_entry>& reverse_map(encoding e) {
  switch (e) {
    case encoding::johab: { static const auto v = build_reverse(e); return v; }
    case encoding::iso8859_16: { static const auto v = build_reverse(e); return v; }
    case encoding::viscii: { static const auto v = build_reverse(e); return v; }
    default: { static const auto v = build_reverse(encoding::tis620); return v; }
  }
}

// Johab two-byte lookup: 64 Ki code points (kNoChar where none), built once.
const std::vector<char32_t>& johab_index() {
  static const std::vector<char32_t> v = [] {
    std::vector<char32_t> t(65536, kNoChar);
    for (const dbcs_entry& d : double_byte_map(encoding::johab)) t[d.code] = d.cp;
    return t;
  }();
  return v;
}

class single_byte_decoder final : public byte_decoder {
 public:
  explicit single_byte_decoder(const char32_t* map) : map_(map) {}
  codec_status decode(std::string_view v, bool, decode_sink& sink) override {
    out_.clear();
    out_.reserve(v.size() * 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
      char32_t cp = map_[static_cast<unsigned char>(v[i])];
      if (cp != kNoChar) {
        append_utf8(out_, cp);
        continue;
      }
      if (!out_.empty()) sink.text(out_);
      out_.clear();
      if (!sink.invalid(base_ + i, v.substr(i, 1), false)) return codec_status::stopped;
    }
    if (!out_.empty()) sink.text(out_);
    base_ += v.size();
    return codec_status::ok;
  }

 private:
  const char32_t* map_;
  std::string out_;
  std::uint64_t base_ = 0;
};

class johab_decoder final : public byte_decoder {
 public:
  johab_decoder() : index_(johab_index()) {
    for (const dbcs_entry& d : double_byte_map(encoding::johab)) is_lead_[d.code >> 8] = true;
  }
  codec_status decode(std::string_view chunk, bool flush, decode_sink& sink) override {
    std::string_view v = chunk;
    if (carry_ != 0) {
      work_.assign(1, static_cast<char>(carry_));
      work_.append(chunk);
      v = work_;
      carry_ = 0;
    }
    out_.clear();
    out_.reserve(v.size() * 2);
    auto bad = [&](std::size_t at, std::size_t len, bool truncated) {
      if (!out_.empty()) sink.text(out_);
      out_.clear();
      return sink.invalid(base_ + at, v.substr(at, len), truncated);
    };
    std::size_t i = 0;
    const std::size_t n = v.size();
    while (i < n) {
      auto b = static_cast<unsigned char>(v[i]);
      if (b < 0x80) {
        out_.push_back(static_cast<char>(b));
        ++i;
        continue;
      }
      if (!is_lead_[b]) {
        if (!bad(i, 1, false)) return codec_status::stopped;
        ++i;
        continue;
      }
      if (i + 1 == n) {
        if (!flush) {
          carry_ = b;
          break;
        }
        if (!bad(i, 1, true)) return codec_status::stopped;
        ++i;
        continue;
      }
      auto t = static_cast<unsigned char>(v[i + 1]);
      char32_t cp = index_[static_cast<std::size_t>(b) << 8 | t];
      if (cp != kNoChar) {
        append_utf8(out_, cp);
        i += 2;
      } else {
        std::size_t len = t < 0x80 ? 1 : 2;
        if (!bad(i, len, false)) return codec_status::stopped;
        i += len;
      }
    }
    if (!out_.empty()) sink.text(out_);
    base_ += carry_ != 0 ? n - 1 : n;
    return codec_status::ok;
  }

 private:
  const std::vector<char32_t>& index_;
  bool is_lead_[256] = {};
  unsigned char carry_ = 0;  // a lead byte cut off at the end of a chunk
  std::string work_;
  std::string out_;
  std::uint64_t base_ = 0;
};

class table_encoder final : public byte_encoder {
 public:
  table_encoder(encoding e, encode_params p) : rev_(reverse_map(e)), params_(p) {
    if (const char32_t* sb = single_byte_map(e))
      for (unsigned b = 0; b < 0x80; ++b) ascii_same_[b] = sb[b] == b;
    else
      std::fill(std::begin(ascii_same_), std::end(ascii_same_), true);
  }
  codec_status encode(std::string_view s, std::uint64_t base, bool, std::string& out,
                      unmappable_handler& handler) override {
    out.reserve(out.size() + s.size());
    std::size_t i = 0;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x80 && ascii_same_[c]) {
        out.push_back(static_cast<char>(c));
        ++i;
        continue;
      }
      std::size_t start = i;
      char32_t cp = next_utf8(s, i);
      auto it = std::lower_bound(rev_.begin(), rev_.end(), cp,
                                 [](const reverse_entry& r, char32_t x) { return r.cp < x; });
      if (it != rev_.end() && it->cp == cp) {
        if (it->code > 0xFF) out.push_back(static_cast<char>(it->code >> 8));
        out.push_back(static_cast<char>(it->code & 0xFF));
        continue;
      }
      if (!handler.unmappable(base + start, static_cast<std::uint32_t>(i - start), cp))
        return codec_status::stopped;
      if (params_.policy == error_policy::replace) out.push_back(params_.replacement);
      if (params_.policy == error_policy::escape) out.append(escape_code_point(cp));
    }
    return codec_status::ok;
  }

 private:
  const std::vector<reverse_entry>& rev_;
  encode_params params_;
  bool ascii_same_[128] = {};
};

}  // namespace

bool uses_table_codec(encoding e) noexcept {
  return e == encoding::johab || e == encoding::iso8859_16 || e == encoding::viscii ||
         e == encoding::tis620;
}

std::unique_ptr<byte_decoder> make_table_decoder(encoding e) {
  if (!uses_table_codec(e)) return nullptr;
  if (e == encoding::johab) return std::make_unique<johab_decoder>();
  return std::make_unique<single_byte_decoder>(single_byte_map(e));
}

std::unique_ptr<byte_encoder> make_table_encoder(encoding e, const encode_params& p) {
  if (!uses_table_codec(e)) return nullptr;
  return std::make_unique<table_encoder>(e, p);
}

}  // namespace norm::detail
