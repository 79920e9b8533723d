// libnorm's own codecs for ASCII and the Unicode encodings (UTF-8, UTF-16LE/
// BE, UTF-32LE/BE). UTF-8 decoding is our strict validator plus a copy (no
// ICU); invalid UTF-8 is reported per maximal subpart (Unicode 15, 3.9
// "U+FFFD substitution of maximal subparts"), so `E0 80` is two errors and
// `E2 82` followed by `A` is one.
#include <algorithm>
#include <cstring>
#include <string>

#include "detail/codec.hpp"
#include "norm/utf8.hpp"

namespace norm::detail {
namespace {

// Bytes of the maximal subpart at v[j] (>= 1), and whether it runs into the
// end of `v` (an incomplete but so far valid sequence).
struct subpart {
  std::size_t length;
  bool at_end;
};

subpart utf8_subpart(std::string_view v, std::size_t j) noexcept {
  auto c = static_cast<unsigned char>(v[j]);
  std::size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return {1, false};
  }
  std::size_t k = 1;
  while (k < need) {
    if (j + k >= v.size()) return {k, true};
    auto b = static_cast<unsigned char>(v[j + k]);
    if (b < lo || b > hi) break;
    lo = 0x80;
    hi = 0xBF;
    ++k;
  }
  return {k, false};
}

// Base for decoders that keep a few bytes between chunks.
class carrying_decoder : public byte_decoder {
 protected:
  // Returns the view to decode: the carry and the chunk joined when needed.
  std::string_view join(std::string_view chunk) {
    if (carry_.empty()) return chunk;
    work_.assign(carry_);
    work_.append(chunk);
    carry_.clear();
    return work_;
  }
  std::string carry_;
  std::string work_;
  std::uint64_t base_ = 0;  // absolute offset of the first byte of the view
};

class utf8_decoder final : public carrying_decoder {
 public:
  codec_status decode(std::string_view chunk, bool flush, decode_sink& sink) override {
    std::string_view v = join(chunk);
    std::size_t i = 0;
    const std::size_t n = v.size();
    while (i < n) {
      utf8_check chk = validate_utf8(v.substr(i));
      if (chk.valid) {
        sink.text(v.substr(i));
        i = n;
        break;
      }
      std::size_t j = i + static_cast<std::size_t>(chk.error_offset);
      if (j > i) sink.text(v.substr(i, j - i));
      subpart sp = utf8_subpart(v, j);
      if (sp.at_end && !flush) {
        carry_.assign(v.substr(j));
        i = n;
        base_ += j;
        return codec_status::ok;
      }
      if (!sink.invalid(base_ + j, v.substr(j, sp.length), sp.at_end)) return codec_status::stopped;
      i = j + sp.length;
    }
    base_ += n;
    return codec_status::ok;
  }
};

class ascii_decoder final : public byte_decoder {
 public:
  codec_status decode(std::string_view v, bool, decode_sink& sink) override {
    std::size_t i = 0;
    while (i < v.size()) {
      std::size_t j = i;
      while (j < v.size() && static_cast<unsigned char>(v[j]) < 0x80) ++j;
      if (j > i) sink.text(v.substr(i, j - i));
      if (j == v.size()) break;
      if (!sink.invalid(base_ + j, v.substr(j, 1), false)) return codec_status::stopped;
      i = j + 1;
    }
    base_ += v.size();
    return codec_status::ok;
  }

 private:
  std::uint64_t base_ = 0;
};

// UTF-16 and UTF-32 in either byte order.
class utf16_32_decoder final : public carrying_decoder {
 public:
  utf16_32_decoder(unsigned width, bool big_endian) : width_(width), be_(big_endian) {}

  codec_status decode(std::string_view chunk, bool flush, decode_sink& sink) override {
    std::string_view v = join(chunk);
    const auto* p = reinterpret_cast<const unsigned char*>(v.data());
    const std::size_t n = v.size();
    out_.clear();
    out_.reserve(n * 3 / 2 + 8);
    std::size_t i = 0;
    auto unit = [&](std::size_t at) -> char32_t {
      if (width_ == 2)
        return be_ ? char32_t(p[at] << 8 | p[at + 1]) : char32_t(p[at + 1] << 8 | p[at]);
      return be_ ? (char32_t(p[at]) << 24 | char32_t(p[at + 1]) << 16 | char32_t(p[at + 2]) << 8 | p[at + 3])
                 : (char32_t(p[at + 3]) << 24 | char32_t(p[at + 2]) << 16 | char32_t(p[at + 1]) << 8 | p[at]);
    };
    auto bad = [&](std::size_t at, std::size_t len, bool truncated) {
      if (!out_.empty()) {
        sink.text(out_);
        out_.clear();
      }
      return sink.invalid(base_ + at, v.substr(at, len), truncated);
    };
    while (i < n) {
      if (n - i < width_) {
        if (!flush) break;
        if (!bad(i, n - i, true)) return codec_status::stopped;
        i = n;
        break;
      }
      char32_t u = unit(i);
      if (width_ == 4) {
        if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
          if (!bad(i, 4, false)) return codec_status::stopped;
        } else {
          append_utf8(out_, u);
        }
        i += 4;
        continue;
      }
      if (u < 0xD800 || u > 0xDFFF) {
        append_utf8(out_, u);
        i += 2;
      } else if (u >= 0xDC00) {
        if (!bad(i, 2, false)) return codec_status::stopped;
        i += 2;
      } else if (n - i < 4) {
        if (!flush) break;
        if (!bad(i, 2, true)) return codec_status::stopped;
        i += 2;
      } else {
        char32_t lo = unit(i + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          append_utf8(out_, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
          i += 4;
        } else {
          if (!bad(i, 2, false)) return codec_status::stopped;
          i += 2;
        }
      }
    }
    if (!out_.empty()) sink.text(out_);
    if (i < n) carry_.assign(v.substr(i));
    base_ += i;
    return codec_status::ok;
  }

 private:
  unsigned width_;
  bool be_;
  std::string out_;
};

// ---------------------------------------------------------------- encoders

class utf8_encoder final : public byte_encoder {
 public:
  codec_status encode(std::string_view utf8, std::uint64_t, bool, std::string& out,
                      unmappable_handler&) override {
    out.append(utf8);
    return codec_status::ok;
  }
};

class ascii_encoder final : public byte_encoder {
 public:
  explicit ascii_encoder(encode_params p) : params_(p) {}
  codec_status encode(std::string_view s, std::uint64_t base, bool, std::string& out,
                      unmappable_handler& handler) override {
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t j = i;
      while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
      out.append(s.substr(i, j - i));
      if (j == s.size()) break;
      std::size_t k = j;
      char32_t cp = next_utf8(s, k);
      if (!handler.unmappable(base + j, static_cast<std::uint32_t>(k - j), cp)) return codec_status::stopped;
      if (params_.policy == error_policy::replace) out.push_back(params_.replacement);
      if (params_.policy == error_policy::escape) out.append(escape_code_point(cp));
      i = k;
    }
    return codec_status::ok;
  }

 private:
  encode_params params_;
};

class utf16_32_encoder final : public byte_encoder {
 public:
  utf16_32_encoder(unsigned width, bool big_endian) : width_(width), be_(big_endian) {}
  codec_status encode(std::string_view s, std::uint64_t, bool, std::string& out,
                      unmappable_handler&) override {
    out.reserve(out.size() + s.size() * width_);
    std::size_t i = 0;
    while (i < s.size()) {
      char32_t cp = next_utf8(s, i);
      if (width_ == 4) {
        put(out, cp, 4);
      } else if (cp >= 0x10000) {
        put(out, 0xD800 + ((cp - 0x10000) >> 10), 2);
        put(out, 0xDC00 + ((cp - 0x10000) & 0x3FF), 2);
      } else {
        put(out, cp, 2);
      }
    }
    return codec_status::ok;
  }

 private:
  void put(std::string& out, char32_t v, unsigned w) const {
    char b[4];
    for (unsigned k = 0; k < w; ++k) {
      unsigned shift = be_ ? 8 * (w - 1 - k) : 8 * k;
      b[k] = static_cast<char>((v >> shift) & 0xFF);
    }
    out.append(b, w);
  }
  unsigned width_;
  bool be_;
};

}  // namespace

std::string escape_code_point(char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string s = "\\u{";
  int digits = cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4;
  for (int d = digits - 1; d >= 0; --d) s.push_back(kHex[(cp >> (4 * d)) & 0xF]);
  s.push_back('}');
  return s;
}

std::unique_ptr<byte_decoder> make_unicode_decoder(encoding e) {
  switch (e) {
    case encoding::ascii: return std::make_unique<ascii_decoder>();
    case encoding::utf8: return std::make_unique<utf8_decoder>();
    case encoding::utf16le: return std::make_unique<utf16_32_decoder>(2, false);
    case encoding::utf16be: return std::make_unique<utf16_32_decoder>(2, true);
    case encoding::utf32le: return std::make_unique<utf16_32_decoder>(4, false);
    case encoding::utf32be: return std::make_unique<utf16_32_decoder>(4, true);
    default: return nullptr;
  }
}

std::unique_ptr<byte_encoder> make_unicode_encoder(encoding e, const encode_params& p) {
  switch (e) {
    case encoding::ascii: return std::make_unique<ascii_encoder>(p);
    case encoding::utf8: return std::make_unique<utf8_encoder>();
    case encoding::utf16le: return std::make_unique<utf16_32_encoder>(2, false);
    case encoding::utf16be: return std::make_unique<utf16_32_encoder>(2, true);
    case encoding::utf32le: return std::make_unique<utf16_32_encoder>(4, false);
    case encoding::utf32be: return std::make_unique<utf16_32_encoder>(4, true);
    default: return nullptr;
  }
}

}  // namespace norm::detail
