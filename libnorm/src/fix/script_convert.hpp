// Internal: the script_convert fixer -- whole-text script conversion the way OpenCC's configurations do it (--script=hans|hant|tw|twp|hk|jp).
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output convert_script(std::string_view text, const fix_options& options);

}  // namespace norm::detail
