// Internal: the script_auto fixer -- dominant-script repair: only the strays converted (--script=auto).
#pragma once

#include <string_view>

#include "fix/stage.hpp"
#include "norm/inspect.hpp"

namespace norm::detail {

// The script profile of a text (norm::inspect, norm detect --json): counts
// per class, the dominant script ("hans", "hant", "hant-tw", "hant-hk",
// "ja", "mixed", "none") and up to options.max_strays strays with their
// suggestion in context. Valid UTF-8 in; O(n); never throws except
// std::bad_alloc.
script_profile profile_script(std::string_view text, const inspect_options& options);

// The fixer (fix_options::script == script_target::automatic): one edit per
// run of adjacent converted strays (action: the OpenCC configuration,
// parameter: the segment's script, confidence 0.95 for an S-form stray in
// Traditional text or a T-form one in Simplified, 0.8 for a one-to-many
// character); findings "script-stray" (one per stray, at most 1000) and
// "script-mixed" (a segment with no clear script, left alone). Valid UTF-8
// in; idempotent; O(n); never throws except std::bad_alloc.
stage_output auto_script(std::string_view text, const fix_options& options);

}  // namespace norm::detail
