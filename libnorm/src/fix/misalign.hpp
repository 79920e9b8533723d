// Internal: the misalign fixer -- byte-misaligned double-byte text (GBK, Big5, Shift_JIS, EUC-KR): find runs, realign, re-decode.
#pragma once

#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

stage_output repair_misalignment(std::string_view text, const fix_options& options);

}  // namespace norm::detail
