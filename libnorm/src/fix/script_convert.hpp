// Internal: the script_convert fixer -- whole-text script conversion the way
// OpenCC's configurations do it (--script=hans|hant|tw|twp|hk|jp), and the
// phrase-aware converter the auto fixer (script_auto.hpp) uses for context.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fix/stage.hpp"

namespace norm::detail {

// OpenCC's configurations (s2t.json, t2s.json, ...).
enum class opencc_config : std::uint8_t {
  s2t, t2s, s2tw, s2twp, s2hk, tw2s, tw2sp, hk2s, t2tw, t2hk, t2jp, jp2t
};
std::string_view config_name(opencc_config c) noexcept;  // "s2t", ...

// Converts valid UTF-8 with configuration `c`, phrase-aware; the output is
// byte-identical to OpenCC's for the same input. Never throws except
// std::bad_alloc. Uses libnorm's own converter (compiled-in tables made
// from OpenCC's dictionaries) where it was verified against libopencc, the
// bridge otherwise; gives the input back unchanged when neither can run
// (or the input is not valid UTF-8). NUL bytes are kept. O(n * longest key).
std::string convert_text(opencc_config c, std::string_view utf8);

// The phrases configuration `c`'s segmentation finds in valid UTF-8 (its
// longest-match keys of more than one character, as convert_text matches
// them): byte spans [begin, end) into `out`, in order; their count. Nothing
// for invalid UTF-8 or tables that did not load. O(n * longest key).
std::size_t phrase_spans(opencc_config c, std::string_view utf8,
                         std::vector<std::pair<std::size_t, std::size_t>>& out);

// The two converters behind convert_text, for tests, fuzzers and benches.
// nullopt: invalid UTF-8, or the tables/configuration could not be loaded.
std::optional<std::string> convert_text_own(opencc_config c, std::string_view utf8);
std::optional<std::string> convert_text_opencc(opencc_config c, std::string_view utf8);
bool own_converter_verified(opencc_config c) noexcept;

// The fixer for --script=hans|hant|tw|twp|hk|jp: converts each line that
// changes (hans: t2s, hant: s2t, tw: s2tw, twp: s2twp, hk: s2hk, jp: t2jp);
// one edit per changed run of a line (neighbours merged up to 1 KiB),
// action = the configuration name,
// parameter = the target ("hant"). Lines with kana are left alone except
// for jp (Japanese is never Chinese-converted), and reported.

stage_output convert_script(std::string_view text, const fix_options& options);

}  // namespace norm::detail
