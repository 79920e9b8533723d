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
//  3. norm::fix_stream over the same bytes (segments of 8-260 bytes, fed
//     in chunks of 1-256 bytes, both picked from the input's first bytes):
//     succeeds exactly when fix_bytes does; its text is valid UTF-8;
//     replay(bytes, its trace) reproduces it; fed in one piece it gives the
//     same text; with one segment holding everything it is fix_bytes's
//     text (but for UTF-8 or ASCII with invalid bytes, which a stream
//     escapes only from the first one on);
//  4. no exception escapes.
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

  // 3. The stream.
  {
    const std::size_t segment = 8 + (in.empty() ? 0 : static_cast<unsigned char>(in[0])) % 64 * 4;
    const std::size_t chunk = 1 + (in.size() < 2 ? 0 : static_cast<unsigned char>(in[1]));
    auto stream = [&](std::size_t seg, std::size_t piece, std::string& out, std::vector<norm::trace_step>& trace,
                      bool& changed) -> bool {
      norm::fix_stream_options so;
      so.segment_bytes = seg;
      auto st = norm::fix_stream::create(o, so);
      CHECK(st.ok(), "fix_stream::create failed");
      for (std::string_view rest = in; !rest.empty();) {
        const std::string_view part = rest.substr(0, piece);
        rest.remove_prefix(part.size());
        if (!st->feed(part, out)) return false;
        auto t = st->take_trace();
        trace.insert(trace.end(), t.begin(), t.end());
      }
      if (!st->finish(out)) return false;
      auto t = st->take_trace();
      trace.insert(trace.end(), t.begin(), t.end());
      changed = st->changed();
      return true;
    };
    std::string out, one_piece, whole;
    std::vector<norm::trace_step> trace, t2, t3;
    bool changed = false, c2 = false, c3 = false;
    const bool ok = stream(segment, chunk, out, trace, changed);
    CHECK(ok == b.ok(), "fix_stream and fix_bytes disagree on failing");
    if (ok) {
      CHECK(norm::is_valid_utf8(out), "fix_stream text is not valid UTF-8");
      check_steps(trace);
      auto rs = norm::replay(in, trace);
      CHECK(rs.ok(), "replay(bytes, fix_stream trace) failed");
      CHECK(*rs == out, "replay(bytes, fix_stream trace) != fix_stream text");
      CHECK(stream(segment, in.size() + 1, one_piece, t2, c2), "fix_stream failed fed in one piece");
      CHECK(one_piece == out && c2 == changed, "fix_stream: the chunks change the text");
      // (decoded text is at most 4 bytes per input byte: a \xHH escape)
      CHECK(stream(4 * in.size() + 16, chunk, whole, t3, c3), "fix_stream failed with one segment");
      bool utf8_escaped = false;
      for (const norm::trace_step& s : b->trace)
        utf8_escaped |= s.stage == norm::fix_stage::decode && (s.parameter == "UTF-8" || s.parameter == "US-ASCII");
      if (!utf8_escaped) CHECK(whole == b->text, "fix_stream in one segment != fix_bytes");
    }
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
