// The script_convert fixer (to be written).
#include "fix/script_convert.hpp"

namespace norm::detail {

std::string_view config_name(opencc_config c) noexcept {
  static constexpr std::string_view kNames[] = {"s2t",  "t2s",   "s2tw", "s2twp", "s2hk", "tw2s",
                                                "tw2sp", "hk2s", "t2tw", "t2hk",  "t2jp", "jp2t"};
  return kNames[static_cast<int>(c)];
}

std::string convert_text(opencc_config, std::string_view utf8) { return std::string(utf8); }

stage_output convert_script(std::string_view, const fix_options&) { return {}; }

}  // namespace norm::detail
