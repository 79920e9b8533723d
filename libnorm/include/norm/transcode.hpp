// norm/transcode.hpp -- bytes in any supported encoding to UTF-8 and back,
// whole or streamed in chunks cut anywhere, with a policy for bytes that are
// invalid (decode) or characters that cannot be represented (encode). No
// byte is ever dropped in silence: every invalid sequence is an error
// (strict), or replaced and reported (replace), or escaped (escape).
//
//   norm::decode_options o;  o.on_error = norm::error_policy::replace;
//   auto r = norm::decode(bytes, norm::encoding::gbk, o);
//   if (!r) return r.error();            // {code, offset, message}
//   std::string utf8 = std::move(r->text);
//   for (auto& s : r->report.invalid) note(s.offset, s.length);
//
// The escape format (error_policy::escape), reversible by design:
//  * decode: each invalid byte XX becomes the four ASCII characters `\xXX`
//    (upper-case hex). So that `\xXX` in the output always means "raw byte
//    XX", a backslash in valid input that is followed by `x` and two hex
//    digits is itself written `\x5C`. No other text changes.
//  * encode with escape: `\xXX` in the UTF-8 input is written as the raw
//    byte XX (not counted as invalid), so encode(decode(b, e, escape), e,
//    escape) == b for any bytes b in an ASCII-compatible stateless encoding
//    whose mapping is one-to-one (single-byte, UTF-8, GBK, GB18030, EUC-KR,
//    cp949, Johab; Shift_JIS/cp932, Big5, EUC-JP and EUC-TW have duplicate
//    codes that encode back to their canonical form); a character the
//    target cannot hold is written `\u{HHHH}` (hex code point) and
//    reported. The guarantee is for decode then encode: decoding UTF-8
//    with escape is not the inverse of encoding UTF-8 with escape.
//  * Not for UTF-16/32: there the escape text is itself re-encoded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "norm/encoding.hpp"
#include "norm/result.hpp"

namespace norm {

enum class error_policy : std::uint8_t { strict, replace, escape };
std::string_view to_string(error_policy p) noexcept;

struct invalid_span {
  std::uint64_t offset = 0;  // decode: byte offset in the input;
                             // encode: byte offset in the UTF-8 input
  std::uint32_t length = 0;  // bytes
};

struct transcode_report {
  std::uint64_t invalid_count = 0;     // all of them, even past the cap
  std::vector<invalid_span> invalid;   // the first max_reported of them
  bool bom_removed = false;            // decode: a BOM was taken off
};

struct decode_options {
  error_policy on_error = error_policy::strict;
  // Keep a leading byte-order mark as U+FEFF instead of removing it (the
  // removal is always reported in transcode_report::bom_removed).
  bool keep_bom = false;
  // Offsets kept in the report; the count is always exact. 1000: enough to
  // point at every problem in a damaged file a person would read through.
  std::size_t max_reported = 1000;
  // Whole-buffer calls refuse larger inputs with input_too_long (use
  // norm::decoder). 1 GiB: the output can be 3x the input for CJK
  // encodings, which must still fit a 24 GiB machine with room to spare.
  std::uint64_t max_input = std::uint64_t{1} << 30;
};

struct encode_options {
  error_policy on_error = error_policy::strict;
  bool add_bom = false;  // UTF-8/16/32 targets only
  // The byte used by error_policy::replace for an unmappable character
  // ('?' as Windows does; the target's own substitution is not used).
  char replacement = '?';
  std::size_t max_reported = 1000;
  std::uint64_t max_input = std::uint64_t{1} << 30;
};

struct decoded {
  std::string text;  // valid UTF-8, always
  transcode_report report;
};

struct encoded {
  std::string bytes;
  transcode_report report;
};

// Bytes in `from` to UTF-8. O(n). Errors: invalid_input / truncated_input
// (strict, with the offset of the first bad byte), input_too_long,
// unknown_encoding (encoding::unknown), internal.
result<decoded> decode(std::string_view bytes, encoding from,
                       const decode_options& options = {});

// UTF-8 (must be valid: invalid_input otherwise, with its offset) to `to`.
// Errors: unmappable (strict, with the offset in the UTF-8 input),
// invalid_input, input_too_long, unknown_encoding, internal.
result<encoded> encode(std::string_view utf8, encoding to,
                       const encode_options& options = {});

namespace detail { struct decoder_impl; struct encoder_impl; }

// Streaming decoder: the concatenation of everything appended to `out` by
// feed() and finish() equals decode() of the concatenated chunks, wherever
// the chunks were cut. Memory is bounded by the chunk size.
class decoder {
 public:
  static result<decoder> create(encoding from, const decode_options& options = {});
  decoder(decoder&&) noexcept;
  decoder& operator=(decoder&&) noexcept;
  ~decoder();

  // Appends UTF-8 to `out`. After an error the decoder is spent.
  status feed(std::string_view chunk, std::string& out);
  // Flushes an incomplete trailing sequence (an error under strict).
  status finish(std::string& out);
  const transcode_report& report() const noexcept;
  std::uint64_t bytes_consumed() const noexcept;

 private:
  explicit decoder(std::unique_ptr<detail::decoder_impl> impl);
  std::unique_ptr<detail::decoder_impl> impl_;
};

// Streaming encoder: UTF-8 chunks (cut anywhere, even inside a sequence)
// to bytes in `to`.
class encoder {
 public:
  static result<encoder> create(encoding to, const encode_options& options = {});
  encoder(encoder&&) noexcept;
  encoder& operator=(encoder&&) noexcept;
  ~encoder();

  status feed(std::string_view utf8_chunk, std::string& out);
  status finish(std::string& out);
  const transcode_report& report() const noexcept;

 private:
  explicit encoder(std::unique_ptr<detail::encoder_impl> impl);
  std::unique_ptr<detail::encoder_impl> impl_;
};

}  // namespace norm
