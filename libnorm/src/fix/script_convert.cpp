// The script_convert fixer (to be written).
#include "fix/script_convert.hpp"

namespace norm::detail {

stage_output convert_script(std::string_view, const fix_options&) { return {}; }

}  // namespace norm::detail
