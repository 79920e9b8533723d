// Internal: the script_convert fixer -- whole-text script conversion the way
// OpenCC's configurations do it (--script=hans|hant|tw|twp|hk|jp), and the
// phrase-aware converter the auto fixer (script_auto.hpp) uses for context.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fix/stage.hpp"

namespace norm::detail {

// OpenCC's configurations (s2t.json, t2s.json, ...).
enum class opencc_config : std::uint8_t {
  s2t, t2s, s2tw, s2twp, s2hk, tw2s, tw2sp, hk2s, t2tw, t2hk, t2jp, jp2t
};
std::string_view config_name(opencc_config c) noexcept;  // "s2t", ...

// Converts valid UTF-8 with configuration `c`, phrase-aware; the output is
// byte-identical to OpenCC's for the same input. Never throws except
// std::bad_alloc.
std::string convert_text(opencc_config c, std::string_view utf8);

stage_output convert_script(std::string_view text, const fix_options& options);

}  // namespace norm::detail
