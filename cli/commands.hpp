// cli/commands.hpp -- the subcommands of the norm command. Each takes its
// arguments (without "norm" and the subcommand name), prints its own
// results and errors, and returns the exit code (see exit_code in io.hpp).
// A new subcommand (`norm fix`, issue 3) adds a run_* here and one row in
// main.cpp's table.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <norm/detect.hpp>
#include <norm/fix.hpp>

namespace norm_cli {

using args_t = std::vector<std::string>;

int run_detect(const args_t& args);
int run_convert(const args_t& args);
int run_fix(const args_t& args);
int run_check(const args_t& args);

// Detection looks at the first 1 MiB of an input, the default of
// norm::detect_options::max_scored_bytes (every whole-file case of
// corpora/detect is decided within its first 64 KiB). Bounded memory: this
// much per input, plus one block.
inline constexpr std::size_t kDetectWindow = std::size_t{1} << 20;

// "binary (reason: magic_number, PNG image)" / "GBK (confidence 0.97)".
std::string describe(const norm::detection& d, bool all_candidates);

// --explain: none, text for people, or one JSON object per step.
enum class explain_mode { none, text, json };

// Prints a fix trace on stderr, one line per step:
//   text: PATH[:LINE][: FIELD]: STAGE/FIXER ACTION PARAMETER at bytes B-E:
//         "BEFORE" -> "AFTER" (confidence 0.99)   (B-E half-open; long
//         before/after texts are cut to 60 bytes with "...")
//   json: {"path", ["line", "field",] "stage", "fixer", "action",
//          "parameter", "begin", "end", "before", "after", "confidence"}
// then one line per finding (reported whether or not it was repaired):
//   text: PATH: STAGE/FIXER found KIND at bytes B-E: "TEXT" (DETAIL) [repaired]
//   json: {"path", ["line", "field",] "stage", "fixer", "finding", "begin",
//          "end", "text", "detail", "repaired"}
// `line` 0 and an empty `field` leave those parts out (plain files).
void print_trace(std::string_view path, std::uint64_t line, std::string_view field,
                 const std::vector<norm::trace_step>& steps,
                 const std::vector<norm::finding>& findings, explain_mode mode);

}  // namespace norm_cli
