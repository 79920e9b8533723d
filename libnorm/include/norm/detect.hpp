// norm/detect.hpp -- what encoding are these bytes in, and are they text?
//
// libnorm decides with its own models: strict UTF-8/UTF-16/32 structure
// checks, and for legacy encodings a plausibility score of the decoded text
// (character frequencies for Chinese, Japanese and Korean; letter-pair
// statistics for alphabetic scripts), so short strings are decided well.
//
//   norm::detection d = norm::detect(bytes);
//   if (d.kind == norm::content_kind::binary) return;   // d.reason says why
//   norm::encoding e = d.best();                        // e.g. encoding::gbk
//   for (const norm::candidate& c : d.candidates)
//     std::printf("%s %.3f\n", norm::name(c.enc).data(), c.confidence);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "norm/encoding.hpp"

namespace norm {

enum class content_kind : std::uint8_t { text, binary };

enum class binary_reason : std::uint8_t {
  none,          // it is text
  magic_number,  // a known file signature (ELF, PNG, gzip, PDF, ...)
  nul_bytes,     // NUL bytes that no UTF-16/32 layout explains
  control_bytes, // too many C0 control bytes for text
};

std::string_view to_string(content_kind k) noexcept;
std::string_view to_string(binary_reason r) noexcept;

struct candidate {
  encoding enc = encoding::unknown;
  double confidence = 0.0;          // in [0, 1]; candidates sum to <= 1
  bool reliable = false;            // the evidence is strong enough to act on
  std::uint64_t bytes_examined = 0; // how much of the input was looked at
};

struct detection {
  content_kind kind = content_kind::text;
  binary_reason reason = binary_reason::none;
  std::string detail;               // e.g. "PNG image", "12% NUL bytes"
  bool has_bom = false;             // a byte-order mark opened the input
  std::uint64_t bom_length = 0;
  std::vector<candidate> candidates;  // best first, confidence descending

  // The best candidate's encoding, or encoding::unknown for binary input.
  encoding best() const noexcept {
    return candidates.empty() ? encoding::unknown : candidates.front().enc;
  }
};

struct detect_options {
  // Legacy-encoding scoring looks at no more than this many bytes (the
  // UTF-8 check always covers the whole input). 1 MiB: every whole-file
  // case of corpora/detect is decided within its first 64 KiB.
  std::uint64_t max_scored_bytes = std::uint64_t{1} << 20;
  // Candidates returned (at least 1).
  std::size_t max_candidates = 5;
  // Ask uchardet for a second opinion when our own answer is not reliable
  // (it sees at most 64 KiB; see bridges/uchardet_bridge.cpp).
  bool uchardet_vote = false;
};

// Bytes in (any length, any content). Never fails: binary input comes back
// as kind == binary with a reason. O(n) in the input; the legacy scorer
// stops at max_scored_bytes.
detection detect(std::string_view bytes, const detect_options& options = {});

}  // namespace norm
