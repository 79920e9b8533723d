// The pinyin fixer (to be written).
#include "fix/pinyin.hpp"

namespace norm::detail {

stage_output strip_pinyin(std::string_view, const fix_options&) { return {}; }

}  // namespace norm::detail
