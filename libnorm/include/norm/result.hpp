// norm/result.hpp -- error codes and the value-or-error type every fallible
// libnorm call returns. No exception crosses the libnorm API: a call that can
// fail returns `result<T>` (a value, or an `error` holding a code, the byte
// offset where the problem was found, and a message for people).
//
//   norm::result<norm::decoded> r = norm::decode(bytes, norm::encoding::gbk);
//   if (!r) {
//     std::fprintf(stderr, "byte %llu: %s\n",
//                  (unsigned long long)r.error().offset, r.error().message.c_str());
//   }
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace norm {

// Stable error codes (values are part of the ABI; append only).
enum class errc : std::uint8_t {
  ok = 0,
  invalid_argument = 1,   // an option or parameter is out of range
  unknown_encoding = 2,   // an encoding name no one knows
  invalid_input = 3,      // bytes not valid in the source encoding (strict)
  unmappable = 4,         // a character the target encoding cannot hold (strict)
  truncated_input = 5,    // input ended inside a multi-byte sequence (strict)
  binary_input = 6,       // the input is not text
  input_too_long = 7,     // above a whole-buffer limit; use the streaming API
  io_error = 8,           // reading or writing failed (CLI helpers)
  internal = 9,           // a third-party library failed unexpectedly
};

// A short stable name for an error code, e.g. "invalid_input".
std::string_view to_string(errc code) noexcept;

struct error {
  errc code = errc::internal;
  std::uint64_t offset = 0;  // byte offset in the input where it was found
  std::string message;       // for people; never parse it
};

// A value of type T or an error. Cheap to move; never throws.
template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  result(norm::error e) : v_(std::in_place_index<1>, std::move(e)) {}  // NOLINT

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition: ok().
  T& value() & noexcept { return *std::get_if<0>(&v_); }
  const T& value() const& noexcept { return *std::get_if<0>(&v_); }
  T&& value() && noexcept { return std::move(*std::get_if<0>(&v_)); }
  T* operator->() noexcept { return std::get_if<0>(&v_); }
  const T* operator->() const noexcept { return std::get_if<0>(&v_); }
  T& operator*() & noexcept { return value(); }
  const T& operator*() const& noexcept { return value(); }

  // Precondition: !ok().
  const norm::error& error() const noexcept { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, norm::error> v_;
};

// The outcome of a call that returns nothing on success.
class [[nodiscard]] status {
 public:
  status() = default;
  status(norm::error e) : failed_(true), error_(std::move(e)) {}  // NOLINT
  bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  const norm::error& error() const noexcept { return error_; }

 private:
  bool failed_ = false;
  norm::error error_{errc::ok, 0, {}};
};

}  // namespace norm
