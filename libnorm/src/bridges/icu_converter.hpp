// Internal: the ICU conversion bridge. The only place that includes ICU's
// conversion headers (unicode/ucnv.h); everything else sees the codec
// interface of detail/codec.hpp. No ICU type and no C++ exception leaves
// this bridge: ICU reports through error codes, and the factories catch
// std::bad_alloc.
//
//   auto d = norm::detail::make_icu_decoder(norm::encoding::gbk);
//   if (d) (*d)->decode(bytes, /*flush=*/true, sink);
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "detail/charmap.hpp"
#include "detail/codec.hpp"
#include "norm/result.hpp"

namespace norm::detail {

// The ICU 72 converter name used for `e` (checked with ucnv_open on Debian
// 12), or "" when libnorm does not use ICU for it (Unicode encodings and
// ASCII are ours; Johab, ISO-8859-16, VISCII and TIS-620 are table codecs).
std::string_view icu_converter_name(encoding e) noexcept;

// A decoder/encoder backed by an ICU converter with libnorm's callbacks
// installed (ICU's default callbacks substitute silently; ours report every
// invalid or unmapped sequence with its absolute offset). Errors:
// unknown_encoding (no ICU name), internal (ICU failed to open it).
result<std::unique_ptr<byte_decoder>> make_icu_decoder(encoding e);
result<std::unique_ptr<byte_encoder>> make_icu_encoder(encoding e, const encode_params& p);

// Every two-byte code (lead 0x81-0xFE, trail 0x40-0xFE) that ICU's
// converter for `e` decodes to one BMP character, in code order: what the
// decoder libnorm uses really makes of them (user-defined areas in the
// Private Use Area, vendor symbols), for the re-encoders that must undo
// it. Empty when ICU has no converter for `e` or it is stateful.
std::vector<dbcs_entry> icu_double_byte_codes(encoding e);

}  // namespace norm::detail
