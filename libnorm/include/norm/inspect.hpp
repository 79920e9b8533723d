// norm/inspect.hpp -- what a text holds, without changing it: the lossy
// markers in it (the same findings `norm fix` reports) and its Chinese
// script profile (how many characters exist only in Simplified, only in
// Traditional -- by region -- or in both; the dominant script; the strays).
// `norm detect --json` prints this for text inputs.
//
//   auto r = norm::inspect(utf8);
//   if (r && r->script.dominant == "hant") for (auto& s : r->script.strays) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "norm/fix.hpp"
#include "norm/result.hpp"

namespace norm {

// A character (or phrase) that does not belong to the dominant script.
struct script_stray {
  std::uint64_t begin = 0;  // byte offsets in the text
  std::uint64_t end = 0;
  std::string text;         // as found
  std::string suggestion;   // in the dominant script, in context
};

struct script_profile {
  std::uint64_t han = 0;               // Han characters in all
  std::uint64_t simplified_only = 0;   // exist only in Simplified
  std::uint64_t traditional_only = 0;  // only in Traditional (any region)
  std::uint64_t taiwan_only = 0;       // Traditional forms only Taiwan uses
  std::uint64_t hongkong_only = 0;     // ... only Hong Kong uses
  std::uint64_t shared = 0;            // the same in both
  std::uint64_t kana = 0;              // Japanese kana (never converted)
  // "hans", "hant", "hant-tw", "hant-hk", "ja", "mixed" (no clear dominant
  // script) or "none" (too little Han text to say).
  std::string dominant = "none";
  std::vector<script_stray> strays;    // capped at max_strays
};

struct inspect_options {
  std::size_t max_findings = 1000;
  std::size_t max_strays = 1000;
};

struct inspection {
  std::vector<finding> markers;  // lossy markers, HTML escapes
  script_profile script;
};

// UTF-8 in (invalid_input with the offset otherwise). O(n). Never throws.
result<inspection> inspect(std::string_view utf8, const inspect_options& options = {});

}  // namespace norm
