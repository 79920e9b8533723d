#include "bridges/uchardet_bridge.hpp"

#include <uchardet.h>

#include <optional>
#include <string>

namespace norm::detail {

encoding uchardet_guess(std::string_view bytes) noexcept {
  try {
    uchardet_t ud = uchardet_new();
    if (ud == nullptr) return encoding::unknown;
    std::string_view chunk = bytes.substr(0, kUchardetMaxBytes);
    int rc = uchardet_handle_data(ud, chunk.data(), chunk.size());
    uchardet_data_end(ud);
    std::string answer = rc == 0 && uchardet_get_charset(ud) ? uchardet_get_charset(ud) : "";
    uchardet_delete(ud);
    if (answer.empty() || answer == "ASCII") return encoding::unknown;
    std::optional<encoding> e = encoding_from_name(answer);
    return e ? *e : encoding::unknown;
  } catch (...) {
    return encoding::unknown;
  }
}

}  // namespace norm::detail
