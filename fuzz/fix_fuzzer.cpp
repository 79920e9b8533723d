// Fuzz target for the repair pipeline: norm::fix_bytes, norm::fix and
// norm::replay. The whole input is the payload.
// Oracles (any failure calls __builtin_trap(), caught by libFuzzer and by
// the standalone replay that ctest runs):
//  1. fix_bytes on arbitrary bytes never crashes; when it succeeds its text
//     is valid UTF-8, rounds <= max_rounds, and replay(bytes, trace)
//     reproduces the text;
//  2. when the input is valid UTF-8, fix() succeeds and:
//     a. its text is valid UTF-8;
//     b. rounds <= max_rounds;
//     c. changed == (text != input);
//     d. replay(input, trace) == text;
//     e. fix(fix(x)) == fix(x) (idempotent: the second run changes nothing);
//     f. the trace costs nothing to the result: fix without explain gives
//        the same text, changed and rounds;
//     g. every step is well formed: begin <= end, confidence in [0, 1];
//  3. no exception escapes.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "norm/norm.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fix_fuzzer oracle failed: %s\n", what);
  std::fflush(stderr);
  __builtin_trap();
}

#define CHECK(cond, what) \
  do {                    \
    if (!(cond)) fail(what); \
  } while (0)

void check_steps(const std::vector<norm::trace_step>& trace) {
  for (const norm::trace_step& s : trace) {
    CHECK(s.begin <= s.end, "trace step with begin > end");
    CHECK(s.confidence >= 0.0 && s.confidence <= 1.0, "trace confidence outside [0, 1]");
  }
}

void run(std::string_view in) {
  norm::fix_options o;
  o.explain = true;

  // 1. Any bytes.
  auto b = norm::fix_bytes(in, o);
  if (b) {
    CHECK(norm::is_valid_utf8(b->text), "fix_bytes text is not valid UTF-8");
    CHECK(b->rounds <= o.max_rounds, "fix_bytes: rounds > max_rounds");
    check_steps(b->trace);
    auto rb = norm::replay(in, b->trace);
    CHECK(rb.ok(), "replay(bytes, fix_bytes trace) failed");
    CHECK(*rb == b->text, "replay(bytes, fix_bytes trace) != fix_bytes text");
  }

  if (!norm::is_valid_utf8(in)) return;

  // 2. Valid UTF-8.
  auto r = norm::fix(in, o);
  CHECK(r.ok(), "fix failed on valid UTF-8");
  CHECK(norm::is_valid_utf8(r->text), "fix text is not valid UTF-8");
  CHECK(r->rounds <= o.max_rounds, "rounds > max_rounds");
  CHECK(r->changed == (r->text != in), "changed disagrees with the text");
  check_steps(r->trace);

  auto replayed = norm::replay(in, r->trace);
  CHECK(replayed.ok(), "replay failed");
  CHECK(*replayed == r->text, "replay(x, trace) != fix(x)");

  auto again = norm::fix(r->text, o);
  CHECK(again.ok(), "fix(fix(x)) failed");
  CHECK(again->text == r->text, "fix(fix(x)) != fix(x)");
  CHECK(!again->changed, "fix(fix(x)) reports a change");

  norm::fix_options quiet = o;
  quiet.explain = false;
  auto q = norm::fix(in, quiet);
  CHECK(q.ok(), "fix without explain failed");
  CHECK(q->text == r->text, "explain changes the text");
  CHECK(q->changed == r->changed && q->rounds == r->rounds, "explain changes changed/rounds");
  CHECK(q->trace.empty(), "a trace without explain");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    run(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (...) {
    std::fprintf(stderr, "fix_fuzzer: exception escaped\n");
    __builtin_trap();
  }
  return 0;
}
