// cli/jsonl.hpp -- `norm fix --jsonl`: the ingest filter. Reads JSON Lines,
// repairs the named top-level string fields with norm::fix, and writes
// exactly one line per input line, in order, every other byte as it was.
//
//   norm_cli::jsonl_options o;  o.fields = {"text", "title"};
//   norm_cli::jsonl_filter f(o);
//   auto in = norm_cli::input_source::open("data.jsonl");
//   auto out = norm_cli::output_sink::to_stdout();
//   norm_cli::jsonl_outcome r = f.run(*in, out);   // r.status: exit code
//
// Per line (simdjson On-Demand over the line in place, no DOM):
//  * every top-level member is visited; a member whose (unescaped) key is
//    one of `fields` and whose value is a string is unescaped and given to
//    norm::fix; all other values are validated and skipped;
//  * fix reports no change (the common case): the line is copied as is;
//    otherwise only the raw string tokens of the changed fields are
//    replaced, re-escaped minimally (", \, C0 controls; non-ASCII stays
//    UTF-8); every other byte, whitespace and member order included, is
//    kept;
//  * a field that is absent or not a string leaves the line as is (no
//    error); an empty or all-whitespace line is copied as is (not an error);
//  * a line that is not valid JSON (simdjson's checks, plus the number
//    grammar, plus one object/array/scalar and nothing after it) is a bad
//    line: reported on stderr as "norm: FILE:LINE: ..." and, by
//    bad_line_policy, kept, skipped or fatal (exit 2).
// Memory: one 1 MiB read block, plus the longest line held whole (a line
// is parsed as one document) with simdjson's index for it (about 5 bytes
// per byte of line) and the repaired copy. Lines longer than max_line are
// refused (exit 2) before they are held whole.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <norm/fix.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace norm_cli {

enum class bad_line_policy { keep, skip, fail };

struct jsonl_options {
  std::vector<std::string> fields{"text"};
  bad_line_policy on_bad_line = bad_line_policy::keep;
  // 1 GiB: norm::fix's own whole-buffer limit (fix_options::max_input), so
  // any line under it can be repaired; simdjson's index makes such a line
  // cost about 6 GiB of memory, hence --max-line to lower it.
  std::uint64_t max_line = std::uint64_t{1} << 30;
  explain_mode explain = explain_mode::none;
  norm::fix_options fix;  // explain is set from `explain`
};

struct jsonl_outcome {
  int status = kExitOk;          // exit code: 0, 2 (fatal bad line, long
                                 // line, fix error), 3 (I/O)
  bool changed = false;          // some line was rewritten
  bool ended_without_newline = false;  // the last line had no '\n' (kept so)
  std::uint64_t lines = 0;
  std::uint64_t bad_lines = 0;
  std::uint64_t changed_lines = 0;
};

class jsonl_filter {
 public:
  explicit jsonl_filter(jsonl_options options);
  jsonl_filter(jsonl_filter&&) noexcept;
  ~jsonl_filter();

  // Streams all of `in` to `out` (not committed: the caller decides).
  // Errors are printed here ("norm: FILE:LINE: ...").
  jsonl_outcome run(input_source& in, output_sink& out);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace norm_cli
