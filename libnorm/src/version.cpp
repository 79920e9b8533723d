#include "norm/version.hpp"

#define NORM_STR2(x) #x
#define NORM_STR(x) NORM_STR2(x)

namespace norm {
std::string_view version() noexcept {
  return NORM_STR(NORM_VERSION_MAJOR) "." NORM_STR(NORM_VERSION_MINOR) "." NORM_STR(
      NORM_VERSION_PATCH);
}
}  // namespace norm
