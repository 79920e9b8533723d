// Internal: the script_auto fixer -- dominant-script repair: only the strays converted (--script=auto).
#pragma once

#include <string_view>

#include "fix/stage.hpp"
#include "norm/inspect.hpp"

namespace norm::detail {

// The script profile of a text (norm::inspect, norm detect --json).
script_profile profile_script(std::string_view text, const inspect_options& options);

stage_output auto_script(std::string_view text, const fix_options& options);

}  // namespace norm::detail
