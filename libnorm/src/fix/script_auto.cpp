// The script_auto fixer (to be written).
#include "fix/script_auto.hpp"

namespace norm::detail {

script_profile profile_script(std::string_view, const inspect_options&) { return {}; }

stage_output auto_script(std::string_view, const fix_options&) { return {}; }

}  // namespace norm::detail
