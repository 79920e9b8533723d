// norm/fix.hpp -- repair text: undo wrong decoding (mojibake, once or
// layered, whole or in a span), then the later stages. The pipeline runs
// fixed stages -- sniff -> decode -> repair -> strip -> normalize -> convert
// -- each made of small, stateless, named fixers; the repair stage repeats to
// a fixed point, bounded by max_rounds. Correct text comes back
// byte-identical: a fixer changes text only on evidence.
//
//   norm::fix_options o;  o.explain = true;
//   auto r = norm::fix("caf\u00C3\u00A9", o);           // "cafe" with e-acute
//   if (r) { use(r->text); for (auto& s : r->trace) log(s); }
//   auto again = norm::replay("caf\u00C3\u00A9", r->trace);  // == r->text
//   auto f = norm::fix_bytes(raw_file_bytes, o);  // detect + decode + fix
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "norm/encoding.hpp"
#include "norm/result.hpp"
#include "norm/transcode.hpp"

namespace norm {

enum class fix_stage : std::uint8_t { sniff, decode, repair, strip, normalize, convert };
std::string_view to_string(fix_stage s) noexcept;

// One change, as recorded when fix_options::explain is on. Every step is
// replayable: `before` is the exact text at [begin, end) of the text as it
// was when the step ran, `after` what replaced it. A decode-stage step
// (fix_bytes) names the encoding in `parameter` and the policy in `action`
// ("transcode-escape"); it covers the whole input and carries no copy of it
// (before/after empty): replay decodes again.
struct trace_step {
  fix_stage stage = fix_stage::repair;
  std::string fixer;      // e.g. "mojibake", "decode"
  std::string action;     // e.g. "reencode", "transcode", "replace"
  std::string parameter;  // e.g. "windows-1252>UTF-8": read as the first,
                          // meant as the second
  std::uint64_t begin = 0;  // byte offsets in the text before this step
  std::uint64_t end = 0;
  std::string before;
  std::string after;
  double confidence = 1.0;  // in [0, 1]
};

struct fix_options {
  // Record a trace (off: zero cost).
  bool explain = false;
  // Repair rounds at most (each undoes at least one layer of mojibake).
  // 8: the corpus layers damage up to 3 times and RELIABILITY.md R3 up to
  // 5; a spare round proves the fixed point, which idempotence needs.
  unsigned max_rounds = 8;
  // Which fixers run.
  bool repair_mojibake = true;
  // fix_bytes: the encoding of the input (unknown: detect it) and what to do
  // with bytes invalid in it (escape keeps every byte, reversibly).
  encoding input_encoding = encoding::unknown;
  error_policy on_invalid = error_policy::escape;
  // Whole-buffer limit (input_too_long above it). 1 GiB, as for decode().
  std::uint64_t max_input = std::uint64_t{1} << 30;
};

struct fix_result {
  std::string text;               // valid UTF-8
  std::vector<trace_step> trace;  // empty unless explain
  bool changed = false;           // text differs from the input
  unsigned rounds = 0;            // repair rounds that changed something
  encoding input_encoding = encoding::utf8;  // fix_bytes: what was decoded
};

// UTF-8 in (invalid_input with the offset if not valid UTF-8). O(n) for
// clean text; O(n * rounds) at worst. Never throws.
result<fix_result> fix(std::string_view utf8, const fix_options& options = {});

// Bytes in any supported encoding: detection (unless input_encoding is
// given), decoding, then fix(). binary_input for binary data.
result<fix_result> fix_bytes(std::string_view bytes, const fix_options& options = {});

// Re-applies a trace to the input it was recorded on (text for fix(), raw
// bytes for fix_bytes()). invalid_argument, with the step's index in
// `offset`, when a step's `before` does not match.
result<std::string> replay(std::string_view input, std::span<const trace_step> trace);

}  // namespace norm
