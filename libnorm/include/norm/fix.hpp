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

#include <cstddef>
#include <cstdint>
#include <memory>
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
// ("transcode-escape"); it covers the input from `begin` to its end
// (fix_bytes: begin 0, end the input's size; fix_stream: begin = end, the
// length not known yet) and carries no copy of it (before/after empty):
// replay decodes again.
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

// The convert stage's target script (fix_options::script). `keep` changes
// nothing; `automatic` finds the script the text (or each paragraph) is
// meant to be in and converts only the characters that stray from it; the
// others convert the whole text the way OpenCC's configuration does:
//   hans: t2s (to Simplified)          hant: s2t (OpenCC's Traditional)
//   tw: s2tw (Taiwan forms)            twp: s2twp (Taiwan forms and phrases)
//   hk: s2hk (Hong Kong forms)         jp: t2jp (Japanese shinjitai)
// Text with kana is never Chinese-converted except by `jp`.
enum class script_target : std::uint8_t { keep, automatic, hans, hant, tw, twp, hk, jp };
std::string_view to_string(script_target t) noexcept;  // "keep", "auto", "hans", ...
// "keep", "auto", "hans", "hant", "tw", "twp", "hk", "jp-shinjitai" (or "jp").
bool script_target_from_name(std::string_view name, script_target& out) noexcept;

// The normalize stage (fix_options::form, width, spaces, newlines).
enum class unicode_form : std::uint8_t { none, nfc, nfkc };
// keep: nothing; fold: full-width ASCII to ASCII, half-width katakana to
// full-width; cjk: ASCII punctuation between Han characters to the
// full-width form Chinese uses (`,` -> U+FF0C), Latin text and code alone.
enum class width_mode : std::uint8_t { keep, fold, cjk };
enum class space_mode : std::uint8_t { keep, ascii };         // ascii: NBSP, U+3000 -> ' '
enum class newline_mode : std::uint8_t { keep, lf, crlf };

// Something a fixer found and reported, whether or not it changed it: a
// lossy marker (`\u951f\u65a4\u62f7`, U+FFFD runs, `?` for lost characters,
// HTML escapes), a script stray, a document with no dominant script.
struct finding {
  fix_stage stage = fix_stage::repair;
  std::string fixer;        // "markers", "script", ...
  std::string kind;         // e.g. "kunjinkao", "replacement-run", "html-entity"
  std::uint64_t begin = 0;  // byte offsets in the text the fixer was given
  std::uint64_t end = 0;    // (as trace_step's)
  std::string text;         // the text at [begin, end)
  std::string detail;       // for people
  bool repaired = false;    // a trace step changed it
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
  // Repair stage: double-byte text (GBK, Big5, Shift_JIS, EUC-KR) that a
  // lost or inserted byte put out of step.
  bool repair_misalignment = true;
  // Where a character's bytes are gone: true puts U+FFFD, false nothing.
  bool mark_lost = true;
  // Strip stage: inline pinyin annotations (`\u6625\u7bc0(ji\u00e9)`)
  // when the document shows the pattern; lossy markers (`\u951f\u65a4\u62f7`
  // back to U+FFFD; others reported); HTML character references in plain text.
  bool strip_pinyin = true;
  bool repair_markers = true;
  bool decode_html_entities = true;
  // Normalize stage.
  unicode_form form = unicode_form::nfc;
  width_mode width = width_mode::keep;
  space_mode spaces = space_mode::keep;
  newline_mode newlines = newline_mode::keep;
  // Convert stage.
  script_target script = script_target::keep;
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
  std::vector<finding> findings;  // always filled (capped per fixer)
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

// The same, given the input's buffer: when nothing changes, the result's
// text is that buffer, moved (no copy of a large clean input: the common
// case of a pipeline). On an error the buffer is left as it was.
result<fix_result> fix_owned(std::string&& utf8, const fix_options& options = {});
result<fix_result> fix_bytes_owned(std::string&& bytes, const fix_options& options = {});

// Streaming repair: fix_bytes() for input of any size in bounded memory.
// The encoding is detected on the head (the first detect_bytes, unless
// fix_options::input_encoding names it), the bytes are decoded as they come,
// and the decoded text is repaired segment by segment: a segment ends at
// the last line end within segment_bytes, or, in a longer line, at a
// space, a CJK comma or full stop, before a Han character or an ASCII
// byte (never inside a character or between CR and LF). Each segment is
// fix()ed on its own, so evidence a fixer gathers over a document (inline
// pinyin's repeats, the dominant script of --script=auto) is a segment's;
// memory is O(segment_bytes + the largest chunk fed), whatever the input's
// size. fix_options::max_input does not apply.
//
// The trace replays on the whole input like fix_bytes()'s: steps carry
// offsets in the whole text as it was when they ran (the segments before
// already repaired, the ones after not yet). Text detected as UTF-8 has a
// decode step only where it held invalid bytes (escaped under
// error_policy::escape; under strict, feed() fails with invalid_input and
// the byte's offset in the input). A byte-order mark is kept for UTF-8 (as
// fix_bytes() keeps it) and removed for the others.
//
//   auto s = norm::fix_stream::create(options);
//   while (read(chunk)) { if (auto st = s->feed(chunk, out); !st) ...; write(out); out.clear(); }
//   s->finish(out); write(out);
struct fix_stream_options {
  std::size_t segment_bytes = std::size_t{1} << 20;  // of decoded text
  std::size_t detect_bytes = std::size_t{1} << 20;   // of input
};

namespace detail { struct fix_stream_impl; }

class fix_stream {
 public:
  static result<fix_stream> create(const fix_options& options, const fix_stream_options& stream = {});
  fix_stream(fix_stream&&) noexcept;
  fix_stream& operator=(fix_stream&&) noexcept;
  ~fix_stream();

  // Appends repaired UTF-8 to `out` (nothing until a head or a segment is
  // complete). Errors: binary_input (the head is not text), invalid_input
  // and truncated_input (strict), internal. After an error the stream is
  // spent.
  status feed(std::string_view bytes, std::string& out);
  // Repairs what is left and appends it.
  status finish(std::string& out);

  // The trace steps (when fix_options::explain) and findings recorded since
  // the last call, in order.
  std::vector<trace_step> take_trace();
  std::vector<finding> take_findings();
  bool changed() const noexcept;            // the output differs from the input
  unsigned rounds() const noexcept;         // the most any segment took
  encoding input_encoding() const noexcept; // unknown until the head is read
  std::uint64_t segments() const noexcept;  // repaired so far

 private:
  explicit fix_stream(std::unique_ptr<detail::fix_stream_impl> impl);
  std::unique_ptr<detail::fix_stream_impl> impl_;
};

// Re-applies a trace to the input it was recorded on (text for fix(), raw
// bytes for fix_bytes()). invalid_argument, with the step's index in
// `offset`, when a step's `before` does not match.
result<std::string> replay(std::string_view input, std::span<const trace_step> trace);

}  // namespace norm
