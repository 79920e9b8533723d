#include "bridges/opencc_bridge.hpp"

#include <opencc/opencc.h>

#include <array>
#include <memory>
#include <mutex>
#include <new>

#include "norm/utf8.hpp"

namespace norm::detail {
namespace {

// The configurations Debian's libopencc-data ships (/usr/share/opencc/*.json).
constexpr std::array<std::string_view, 14> kConfigs = {
    "s2t", "t2s", "s2tw", "s2twp", "s2hk", "tw2s", "tw2sp",
    "hk2s", "t2tw", "t2hk", "t2jp", "jp2t", "tw2t", "hk2t"};

struct slot {
  std::once_flag once;
  std::unique_ptr<opencc::SimpleConverter> converter;  // null: failed to load
};

std::array<slot, kConfigs.size()>& slots() {
  static std::array<slot, kConfigs.size()> s;
  return s;
}

const opencc::SimpleConverter* converter_for(std::string_view config) {
  for (std::size_t i = 0; i < kConfigs.size(); ++i) {
    if (kConfigs[i] != config) continue;
    slot& s = slots()[i];
    std::call_once(s.once, [&] {
      try {
        std::string path(kOpenccDataDir);
        path.append(config).append(".json");
        s.converter = std::make_unique<opencc::SimpleConverter>(path);
      } catch (...) {
        s.converter.reset();  // missing data, bad config: stays unavailable
      }
    });
    return s.converter.get();
  }
  return nullptr;
}

// One piece: valid UTF-8, no NUL, ends on a character boundary (the input is
// whole, so no truncated sequence at its end).
bool convert_piece(const opencc::SimpleConverter& c, std::string_view piece, std::string& out) {
  if (piece.empty()) return true;
  try {
    out.append(c.Convert(piece.data(), piece.size()));
    return true;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    return false;
  }
}

}  // namespace

bool opencc_bridge_available(std::string_view config) noexcept {
  try {
    return converter_for(config) != nullptr;
  } catch (...) {
    return false;
  }
}

std::optional<std::string> opencc_bridge_convert(std::string_view config, std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return std::nullopt;
  const opencc::SimpleConverter* c = converter_for(config);
  if (c == nullptr) return std::nullopt;
  std::string out;
  out.reserve(utf8.size() + utf8.size() / 8);
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    // Up to the next NUL, in pieces cut after a newline (no dictionary key
    // holds a NUL or a newline, so cutting there changes nothing).
    std::size_t nul = utf8.find('\0', pos);
    std::size_t stop = nul == std::string_view::npos ? utf8.size() : nul;
    while (pos < stop) {
      std::size_t cut = stop;
      if (stop - pos > kOpenccPieceBytes) {
        std::size_t nl = utf8.find('\n', pos + kOpenccPieceBytes);
        if (nl != std::string_view::npos && nl < stop) cut = nl + 1;
      }
      if (!convert_piece(*c, utf8.substr(pos, cut - pos), out)) return std::nullopt;
      pos = cut;
    }
    if (nul != std::string_view::npos) {
      out.push_back('\0');
      pos = nul + 1;
    }
  }
  return out;
}

}  // namespace norm::detail
