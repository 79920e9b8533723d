// Internal: what a fixer of the later stages (everything but mojibake, which
// keeps its own text_edit) gives the pipeline. A fixer is a stateless
// function of (text, options): it returns sorted, non-overlapping edits in
// byte offsets of the text it was given, and findings to report. The
// pipeline applies the edits in one pass and records one trace step per
// edit (stage and fixer name from the pipeline, action/parameter/confidence
// from the edit), so replay() needs nothing fixer-specific.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "norm/fix.hpp"

namespace norm::detail {

struct stage_edit {
  std::size_t begin = 0;  // byte offsets in the text the fixer was given
  std::size_t end = 0;
  std::string after;      // valid UTF-8
  std::string action;     // e.g. "realign", "strip", "nfc", "s2t"
  std::string parameter;  // e.g. "GBK", "ji\u00e9", "hant-tw"
  double confidence = 1.0;
};

struct stage_output {
  std::vector<stage_edit> edits;     // sorted by begin, non-overlapping
  std::vector<finding> findings;     // offsets in the same text
};

// A fixer: pure function of its inputs; must not throw except std::bad_alloc
// (the pipeline turns that into errc::internal).
using fixer_fn = stage_output (*)(std::string_view text, const fix_options& options);

// A decode step's action for a policy ("transcode-escape", ...): what
// replay() reads back (pipeline.cpp; fix_stream's steps too).
std::string_view policy_action(error_policy p);

}  // namespace norm::detail
