// Internal: the pinyin fixer -- inline pinyin annotations after Han characters.
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output strip_pinyin(std::string_view text, const fix_options& options);

}  // namespace norm::detail
