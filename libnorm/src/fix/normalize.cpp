// The normalize fixer (to be written).
#include "fix/normalize.hpp"

namespace norm::detail {

stage_output normalize_text(std::string_view, const fix_options&) { return {}; }

}  // namespace norm::detail
