#include "norm/result.hpp"

namespace norm {
std::string_view to_string(errc code) noexcept {
  switch (code) {
    case errc::ok: return "ok";
    case errc::invalid_argument: return "invalid_argument";
    case errc::unknown_encoding: return "unknown_encoding";
    case errc::invalid_input: return "invalid_input";
    case errc::unmappable: return "unmappable";
    case errc::truncated_input: return "truncated_input";
    case errc::binary_input: return "binary_input";
    case errc::input_too_long: return "input_too_long";
    case errc::io_error: return "io_error";
    case errc::internal: return "internal";
  }
  return "unknown";
}
}  // namespace norm
