// Strict UTF-8 validation (Unicode Table 3-7): no overlongs, no surrogates,
// nothing above U+10FFFF. ASCII runs are skipped 16 bytes at a time, which
// keeps mostly-ASCII input at memory speed.
#include "norm/utf8.hpp"

#include <cstring>

namespace norm {
namespace {

inline bool all_ascii16(const unsigned char* p) noexcept {
  std::uint64_t a, b;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 8);
  return ((a | b) & 0x8080808080808080ULL) == 0;
}

inline bool is_cont(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

// Little-endian reading of four bytes (the first byte in the low bits).
inline std::uint32_t le32(std::uint32_t w) noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return __builtin_bswap32(w);
#else
  return w;
#endif
}

// Length of the valid sequence starting at p[0] (a non-ASCII lead), or 0.
// `avail` is the number of bytes from p to the end of the input.
inline std::size_t seq_len(const unsigned char* p, std::size_t avail) noexcept {
  unsigned char c = p[0];
  if (c < 0xC2) return 0;
  if (c < 0xE0) return (avail >= 2 && is_cont(p[1])) ? 2 : 0;
  if (c < 0xF0) {
    if (avail < 3) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
    return (p[1] >= lo && p[1] <= hi && is_cont(p[2])) ? 3 : 0;
  }
  if (c < 0xF5) {
    if (avail < 4) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    return (p[1] >= lo && p[1] <= hi && is_cont(p[2]) && is_cont(p[3])) ? 4 : 0;
  }
  return 0;
}

}  // namespace

utf8_check validate_utf8(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  std::uint64_t multi = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      while (i + 16 <= n && all_ascii16(p + i)) i += 16;
      continue;
    }
    // Runs of ordinary two- and three-byte sequences (C2-DF + one
    // continuation; E1-EC, EE-EF + two), four bytes read at a time.
    {
      const std::size_t start = i;
      while (i + 4 <= n) {
        std::uint32_t w;
        std::memcpy(&w, p + i, 4);
        w = le32(w);
        const unsigned c = w & 0xFF;
        if ((w & 0xC0C0F0u) == 0x8080E0u && c != 0xE0 && c != 0xED) {
          i += 3;
          ++multi;
        } else if ((w & 0xC0E0u) == 0x80C0u && c >= 0xC2) {
          i += 2;
          ++multi;
        } else {
          break;
        }
      }
      if (i != start) continue;
    }
    std::size_t len = seq_len(p + i, n - i);
    if (len == 0) return {false, i, multi};
    ++multi;
    i += len;
  }
  return {true, 0, multi};
}

bool is_valid_utf8(std::string_view bytes) noexcept {
  return validate_utf8(bytes).valid;
}

std::size_t utf8_complete_prefix(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  // Look back at most 3 bytes for a lead whose sequence is not complete.
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    unsigned char c = p[n - back];
    if (c < 0x80) return n;            // ASCII: everything is complete
    if (is_cont(c)) continue;          // keep looking for the lead
    std::size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

}  // namespace norm
