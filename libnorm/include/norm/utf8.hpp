// norm/utf8.hpp -- strict UTF-8 validation (our own code; never a
// third-party detector's say-so). Rejects overlongs, surrogates (CESU-8),
// code points above U+10FFFF and truncated sequences.
//
//   std::string_view bytes = ...;
//   norm::utf8_check c = norm::validate_utf8(bytes);
//   if (!c.valid) report_error_at(c.error_offset);
//   bool ok = norm::is_valid_utf8("caf\xc3\xa9");  // true
#pragma once

#include <cstdint>
#include <string_view>

namespace norm {

struct utf8_check {
  bool valid = true;
  std::uint64_t error_offset = 0;  // first byte of the first invalid sequence
  std::uint64_t non_ascii = 0;     // count of multi-byte sequences seen
                                   // (up to error_offset when invalid)
};

// Bytes in; O(n), no allocation.
utf8_check validate_utf8(std::string_view bytes) noexcept;
bool is_valid_utf8(std::string_view bytes) noexcept;

// Length of the longest prefix of `bytes` that ends on a sequence boundary
// and leaves out a trailing *incomplete* (but so far valid) sequence: the
// split point for streaming. O(1).
std::size_t utf8_complete_prefix(std::string_view bytes) noexcept;

}  // namespace norm
