// norm/version.hpp -- the library version, at compile time and at run time.
//
//   std::printf("libnorm %s\n", norm::version().data());
//   static_assert(NORM_VERSION_MAJOR >= 0);
#pragma once

#include <string_view>

#define NORM_VERSION_MAJOR 0
#define NORM_VERSION_MINOR 1
#define NORM_VERSION_PATCH 0

namespace norm {
// "0.1.0": the version of the library actually linked.
std::string_view version() noexcept;
}  // namespace norm
