// Fuzz target for the convert stage (script conversion) with the normalize
// stage before it, and for the OpenCC bridge.
// Input: byte 0 picks the script target (keep, auto, hans, hant, tw, twp,
// hk, jp), byte 1 the Unicode form (none, nfc, nfkc) and width mode (keep,
// fold, cjk), byte 2 one of OpenCC's 12 configurations; the rest is the
// payload, made valid UTF-8 by dropping the bytes that are not.
// Oracles (any failure calls __builtin_trap()):
//  1. the bridge takes the raw payload bytes (invalid UTF-8, truncated
//     sequences, NULs) without crashing, and refuses (nullopt) exactly the
//     ones that are not valid UTF-8;
//  2. norm::fix succeeds, its text is valid UTF-8, changed == (text !=
//     input), replay(input, trace) == text;
//  3. script=auto and keep are idempotent: fix(fix(x)) == fix(x);
//  4. for an explicit target, the own converter equals libopencc byte for
//     byte, on the payload for the target's configuration and for the
//     configuration byte 2 names (differential);
//  5. no exception escapes.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "bridges/opencc_bridge.hpp"
#include "fix/script_convert.hpp"
#include "norm/norm.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "script_fuzzer oracle failed: %s\n", what);
  std::fflush(stderr);
  __builtin_trap();
}

#define CHECK(cond, what)    \
  do {                       \
    if (!(cond)) fail(what); \
  } while (0)

// The valid UTF-8 sequences of `in`, in order; every other byte dropped. O(n).
std::string valid_only(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
    if (n != 0 && i + n <= in.size() && norm::is_valid_utf8(in.substr(i, n))) {
      out.append(in.substr(i, n));
      i += n;
    } else {
      ++i;
    }
  }
  return out;
}

constexpr norm::script_target kTargets[] = {
    norm::script_target::keep, norm::script_target::automatic, norm::script_target::hans,
    norm::script_target::hant, norm::script_target::tw,        norm::script_target::twp,
    norm::script_target::hk,   norm::script_target::jp};
constexpr norm::unicode_form kForms[] = {norm::unicode_form::none, norm::unicode_form::nfc,
                                         norm::unicode_form::nfkc};
constexpr norm::width_mode kWidths[] = {norm::width_mode::keep, norm::width_mode::fold,
                                        norm::width_mode::cjk};

bool target_config(norm::script_target t, norm::detail::opencc_config& c) {
  using norm::detail::opencc_config;
  switch (t) {
    case norm::script_target::hans: c = opencc_config::t2s; return true;
    case norm::script_target::hant: c = opencc_config::s2t; return true;
    case norm::script_target::tw: c = opencc_config::s2tw; return true;
    case norm::script_target::twp: c = opencc_config::s2twp; return true;
    case norm::script_target::hk: c = opencc_config::s2hk; return true;
    case norm::script_target::jp: c = opencc_config::t2jp; return true;
    default: return false;
  }
}

void differential(norm::detail::opencc_config c, const std::string& text) {
  auto own = norm::detail::convert_text_own(c, text);
  auto lib = norm::detail::convert_text_opencc(c, text);
  CHECK(own.has_value(), "own converter refused valid UTF-8");
  if (!lib.has_value()) return;  // OpenCC data not installed: nothing to compare
  CHECK(*own == *lib, "own converter != libopencc");
  CHECK(norm::detail::convert_text(c, text) == *own, "convert_text != own converter");
}

void run(std::string_view data) {
  if (data.size() < 3) return;
  const auto b0 = static_cast<unsigned char>(data[0]);
  const auto b1 = static_cast<unsigned char>(data[1]);
  const auto b2 = static_cast<unsigned char>(data[2]);
  const std::string_view raw = data.substr(3);

  // 1. The bridge on raw bytes.
  const auto cfg_any = static_cast<norm::detail::opencc_config>(b2 % 12);
  auto bridged = norm::detail::opencc_bridge_convert(norm::detail::config_name(cfg_any), raw);
  if (!norm::is_valid_utf8(raw)) CHECK(!bridged.has_value(), "bridge accepted invalid UTF-8");
  if (bridged) CHECK(norm::is_valid_utf8(*bridged), "bridge output is not valid UTF-8");

  const std::string text = valid_only(raw);
  CHECK(norm::is_valid_utf8(text), "valid_only left invalid UTF-8");

  norm::fix_options o;
  o.explain = true;
  o.script = kTargets[b0 % 8];
  o.form = kForms[b1 % 3];
  o.width = kWidths[(b1 / 3) % 3];

  // 2. The pipeline.
  auto r = norm::fix(text, o);
  CHECK(r.ok(), "fix failed on valid UTF-8");
  CHECK(norm::is_valid_utf8(r->text), "fix text is not valid UTF-8");
  CHECK(r->changed == (r->text != text), "changed disagrees with the text");
  for (const auto& s : r->trace) CHECK(s.begin <= s.end, "trace step with begin > end");
  auto replayed = norm::replay(text, r->trace);
  CHECK(replayed.ok(), "replay failed");
  CHECK(*replayed == r->text, "replay(x, trace) != fix(x)");

  // 3. Idempotence where it is promised.
  if (o.script == norm::script_target::automatic || o.script == norm::script_target::keep) {
    auto again = norm::fix(r->text, o);
    CHECK(again.ok(), "fix(fix(x)) failed");
    CHECK(again->text == r->text, "fix(fix(x)) != fix(x) for script=auto/keep");
  }

  // 4. Own converter == libopencc.
  norm::detail::opencc_config c;
  if (target_config(o.script, c)) {
    differential(c, text);
    differential(cfg_any, text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (...) {
    fail("exception escaped");
  }
  return 0;
}
