// Internal: the interface every byte codec implements (ICU bridge, libnorm's
// own table codecs, the Unicode codecs), and the policy hooks transcode.cpp
// plugs into it. A codec knows the encoding; the hooks know the policy.
// Never installed; no third-party type appears here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "norm/encoding.hpp"
#include "norm/transcode.hpp"

namespace norm::detail {

// Decoding events, in stream order.
class decode_sink {
 public:
  virtual ~decode_sink() = default;
  // Valid UTF-8 made of whole code points.
  virtual void text(std::string_view utf8) = 0;
  // An invalid or unmapped sequence: `bytes` (1..32 of them) at absolute
  // input offset `offset`; `truncated` when the input ended inside it.
  // Returns false to stop decoding (strict policy).
  virtual bool invalid(std::uint64_t offset, std::string_view bytes, bool truncated) = 0;
};

enum class codec_status : std::uint8_t { ok, stopped, failed };

class byte_decoder {
 public:
  virtual ~byte_decoder() = default;
  // Decodes the next chunk. A codec keeps an incomplete trailing sequence
  // (bounded: a few bytes) and decodes it with the next call; `flush` marks
  // the end of the input. Offsets count every byte ever passed in.
  virtual codec_status decode(std::string_view chunk, bool flush, decode_sink& sink) = 0;
};

// Encoding: how a character the target cannot hold is handled.
class unmappable_handler {
 public:
  virtual ~unmappable_handler() = default;
  // `offset`/`length`: where the character is in the UTF-8 input. Returns
  // false to stop (strict).
  virtual bool unmappable(std::uint64_t offset, std::uint32_t length, char32_t cp) = 0;
};

struct encode_params {
  error_policy policy = error_policy::strict;
  char replacement = '?';
};

class byte_encoder {
 public:
  virtual ~byte_encoder() = default;
  // Encodes `utf8` (valid, whole code points) whose first byte is at
  // absolute offset `base` of the UTF-8 input, appending to `out`. `flush`
  // ends a run: held characters are written and a stateful target returns
  // to its initial state.
  virtual codec_status encode(std::string_view utf8, std::uint64_t base, bool flush,
                              std::string& out, unmappable_handler& handler) = 0;
};

// The `\u{HHHH}` text written for an unmappable character under escape.
std::string escape_code_point(char32_t cp);

// Factories. Each returns nullptr when it does not handle `e` (or on an
// internal failure, with `*failed` set when given).
std::unique_ptr<byte_decoder> make_unicode_decoder(encoding e);
std::unique_ptr<byte_encoder> make_unicode_encoder(encoding e, const encode_params& p);
std::unique_ptr<byte_decoder> make_table_decoder(encoding e);
std::unique_ptr<byte_encoder> make_table_encoder(encoding e, const encode_params& p);

// True for the encodings libnorm decodes with its own tables (ICU 72 lacks
// them): johab, iso8859_16, viscii.
bool uses_table_codec(encoding e) noexcept;

// Appends the UTF-8 form of `cp` (a Unicode scalar value).
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                 static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    char b[4] = {static_cast<char>(0xF0 | (cp >> 18)),
                 static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                 static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

// Decodes one code point of valid UTF-8 at s[i], advancing i.
inline char32_t next_utf8(std::string_view s, std::size_t& i) noexcept {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  auto at = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  char32_t cp;
  if (c < 0xE0) { cp = (char32_t(c & 0x1F) << 6) | at(1); i += 2; }
  else if (c < 0xF0) { cp = (char32_t(c & 0x0F) << 12) | (at(1) << 6) | at(2); i += 3; }
  else { cp = (char32_t(c & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3); i += 4; }
  return cp;
}

}  // namespace norm::detail
