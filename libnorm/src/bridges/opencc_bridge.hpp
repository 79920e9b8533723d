// Internal: libopencc as the reference converter. The only files that
// include <opencc/...> headers or catch OpenCC's exceptions. OpenCC 1.1.6
// (Debian 12) throws on invalid UTF-8 (an uncaught InvalidUTF8 once aborted a
// host app), reads out of bounds on UTF-8 truncated at the end of its input,
// and stops at the first NUL byte; so it only ever sees validated UTF-8
// without NULs, in bounded pieces, and everything it throws is caught.
//
//   auto t = norm::detail::opencc_bridge_convert("s2t", u8"\u6c49\u5b57");
//   if (t) use(*t);          // nullopt: config missing, or OpenCC failed
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace norm::detail {

// Where the configurations live (libopencc-data). An absolute path: OpenCC
// 1.1.6 looks for a bare config name in the current directory first.
inline constexpr std::string_view kOpenccDataDir = "/usr/share/opencc/";

// Pieces of at most this many bytes (cut after a newline, else after a
// character that starts no dictionary key the way a line break does not
// either): OpenCC builds one std::string per segment, about 40 bytes of
// overhead per character, so 1 MiB pieces keep its peak near 64 MiB.
inline constexpr std::size_t kOpenccPieceBytes = std::size_t{1} << 20;

// Converts `utf8` with OpenCC's configuration `config` ("s2t", "t2s", ...,
// the name of /usr/share/opencc/<config>.json). nullopt when `utf8` is not
// valid UTF-8, the configuration cannot be loaded, or OpenCC throws. NUL
// bytes are kept (OpenCC would cut the text there): the pieces between them
// are converted separately. One converter per configuration, created on
// first use (thread-safe) and shared; OpenCC's Convert is const and was
// measured to give identical output from two threads. O(n * longest key).
// Throws only std::bad_alloc.
std::optional<std::string> opencc_bridge_convert(std::string_view config, std::string_view utf8);

// Whether the configuration loads (and so opencc_bridge_convert can succeed).
bool opencc_bridge_available(std::string_view config) noexcept;

}  // namespace norm::detail
