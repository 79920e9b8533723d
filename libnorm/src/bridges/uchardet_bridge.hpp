// Internal: uchardet as a second opinion. The only file that includes
// <uchardet.h>. uchardet 0.0.7 (Debian 12) overflows a heap buffer on some
// crafted multi-byte input and calls some invalid bytes UTF-8, so it only
// ever sees bounded chunks and its UTF-8 answers are ignored by the caller.
#pragma once

#include <string_view>

#include "norm/encoding.hpp"

namespace norm::detail {

// 64 KiB: the chunk bound from RELIABILITY.md R11; enough for uchardet to
// settle on every whole-file case of corpora/detect.
inline constexpr std::size_t kUchardetMaxBytes = 64 * 1024;

// uchardet's answer for the first kUchardetMaxBytes of `bytes`, mapped to
// norm's encodings; encoding::unknown when it has none or names one norm
// does not know. Never throws.
encoding uchardet_guess(std::string_view bytes) noexcept;

}  // namespace norm::detail
