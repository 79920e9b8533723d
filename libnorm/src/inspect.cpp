// norm::inspect: the findings of the markers fixer and the script profile,
// without changing the text.
#include "norm/inspect.hpp"

#include <new>

#include "fix/markers.hpp"
#include "fix/script_auto.hpp"
#include "norm/utf8.hpp"

namespace norm {

result<inspection> inspect(std::string_view utf8, const inspect_options& options) {
  utf8_check c = validate_utf8(utf8);
  if (!c.valid) return error{errc::invalid_input, c.error_offset, "invalid UTF-8"};
  try {
    inspection r;
    fix_options fo;
    detail::stage_output m = detail::repair_markers(utf8, fo);
    r.markers = std::move(m.findings);
    if (r.markers.size() > options.max_findings) r.markers.resize(options.max_findings);
    r.script = detail::profile_script(utf8, options);
    return r;
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  }
}

}  // namespace norm
