// Internal: the normalize fixer -- Unicode form (NFC/NFKC), width, spaces, newlines.
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output normalize_text(std::string_view text, const fix_options& options);

}  // namespace norm::detail
