// Internal: ranks legacy (non-Unicode) readings of a byte string by how
// plausible the decoded text is. Every double-byte family (GBK/GB18030,
// Big5/HKSCS, EUC-TW, Shift_JIS/cp932, EUC-JP, EUC-KR/cp949, Johab) is read
// with its language's character-frequency model, every single-byte encoding
// with the letter-pair models of the languages written in it. Only bytes
// >= 0x80 and their neighbours are scored: ASCII reads the same in all of
// them, so it carries no evidence.
//
// Work is done in blocks (256 bytes growing to 4 KiB); after each block, readings more than
// kPruneMargin behind the best are dropped, and scoring stops once one
// reading leads by kDecisiveMargin. O(n) in the bytes examined.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "detail/lang_model.hpp"
#include "norm/encoding.hpp"

namespace norm::detail {

struct scored_reading {
  encoding enc = encoding::unknown;  // the name to report (narrowest that fits)
  encoding table_enc = encoding::unknown;  // the table it was scored with
  const lang_model* model = nullptr;
  std::int64_t cost = 0;        // half-bits, prior included
  std::uint64_t chars = 0;      // non-ASCII characters decoded
  std::uint32_t invalid = 0;    // bytes that decode to nothing
  bool pruned = false;          // dropped before the end (cost is partial)
};

struct legacy_ranking {
  std::vector<scored_reading> readings;  // best first; one per encoding
  std::uint64_t bytes_examined = 0;
  std::uint64_t high_bytes = 0;          // bytes >= 0x80 examined
  std::uint64_t ascii_bytes = 0;         // bytes < 0x80 examined
  bool byte_seen[256] = {};              // which byte values were examined
};

// True when single-byte encodings a and b decode every byte value marked in
// `seen` to the same character (or a == b).
bool same_single_byte_decoding(encoding a, encoding b, const bool (&seen)[256]);

legacy_ranking rank_legacy(std::string_view bytes, std::uint64_t max_bytes);

// Cost (half-bits) of `bytes` read as UTF-16 in the given byte order under
// the best ideographic model, or -1 when that reading is invalid (unpaired
// surrogates, noncharacters, controls other than \t \n \r).
std::int64_t utf16_cost(std::string_view bytes, bool little_endian);

}  // namespace norm::detail
