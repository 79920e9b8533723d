// Internal: the markers fixer -- lossy markers (kunjinkao, MSVC fill, U+FFFD runs, ? for lost characters) and HTML character references in plain text.
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output repair_markers(std::string_view text, const fix_options& options);

}  // namespace norm::detail
