// Fuzz target for norm::decode / norm::encode and their streaming classes.
// Input layout: byte 0 picks the encoding (index into all_encodings()),
// bytes 1-2 pick two split points, the rest is the payload.
// Oracles (any failure calls __builtin_trap(), caught by libFuzzer and by the
// standalone replay that ctest runs):
//  1. replace and escape never fail; their output is valid UTF-8;
//  2. replace writes exactly one U+FFFD per reported sequence;
//     strict fails iff replace reports an invalid sequence, at the offset of
//     the first one, with truncated_input/invalid_input matching;
//  3. chunked == whole (text and report) for every policy, cut at the two
//     split points and, for short inputs, in 1-byte chunks;
//  4. encode(decode(b, escape), escape) == b for the stateless encodings
//     whose every mapping round-trips; for the others encode with escape
//     never fails; encoding the decoded text chunked == whole;
//  5. no exception escapes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "norm/norm.hpp"

namespace {

using norm::encoding;
using norm::error_policy;

[[noreturn]] void fail(const char* what, encoding e) {
  std::fprintf(stderr, "decode_fuzzer oracle failed: %s (%s)\n", what,
               std::string(norm::name(e)).c_str());
  std::fflush(stderr);
  __builtin_trap();
}

#define CHECK(cond, what) \
  do {                    \
    if (!(cond)) fail(what, e); \
  } while (0)

// encode(decode(b, escape), escape) == b holds byte for byte: stateless, and
// every decodable sequence encodes back to the same bytes (checked over all
// two-byte codes; Shift_JIS/cp932/Big5/EUC-JP/EUC-TW have one-way NEC/IBM or
// compatibility mappings). UTF-16/32 are left out: `\x5C` (a literal
// backslash) comes back as the single byte 5C there.
bool exact_round_trip(encoding e) {
  if (norm::is_single_byte(e)) return true;
  switch (e) {
    case encoding::ascii: case encoding::utf8: case encoding::gb18030: case encoding::gbk:
    case encoding::gb2312: case encoding::euc_kr: case encoding::cp949: case encoding::johab:
      return true;
    default:
      return false;
  }
}

struct outcome {
  bool ok = false;
  norm::errc code = norm::errc::ok;
  std::uint64_t offset = 0;
  std::string text;
  norm::transcode_report report;
};

bool same(const outcome& a, const outcome& b) {
  if (a.ok != b.ok) return false;
  if (!a.ok) return a.code == b.code && a.offset == b.offset;
  if (a.text != b.text || a.report.invalid_count != b.report.invalid_count ||
      a.report.bom_removed != b.report.bom_removed || a.report.invalid.size() != b.report.invalid.size())
    return false;
  for (std::size_t i = 0; i < a.report.invalid.size(); ++i)
    if (a.report.invalid[i].offset != b.report.invalid[i].offset ||
        a.report.invalid[i].length != b.report.invalid[i].length)
      return false;
  return true;
}

outcome whole(std::string_view in, encoding e, const norm::decode_options& o) {
  outcome r;
  auto d = norm::decode(in, e, o);
  if (!d) {
    r.code = d.error().code;
    r.offset = d.error().offset;
    return r;
  }
  r.ok = true;
  r.text = std::move(d->text);
  r.report = std::move(d->report);
  return r;
}

outcome chunked(std::string_view in, encoding e, const norm::decode_options& o,
                const std::vector<std::size_t>& cuts) {
  outcome r;
  auto d = norm::decoder::create(e, o);
  if (!d) {
    r.code = d.error().code;
    return r;
  }
  std::size_t prev = 0;
  auto step = [&](std::string_view piece) {
    norm::status s = d->feed(piece, r.text);
    if (!s) {
      r.code = s.error().code;
      r.offset = s.error().offset;
    }
    return s.ok();
  };
  for (std::size_t c : cuts) {
    if (c < prev || c > in.size()) continue;
    if (!step(in.substr(prev, c - prev))) return r;
    prev = c;
  }
  if (!step(in.substr(prev))) return r;
  norm::status s = d->finish(r.text);
  if (!s) {
    r.code = s.error().code;
    r.offset = s.error().offset;
    return r;
  }
  r.ok = true;
  r.report = d->report();
  return r;
}

void run(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return;
  auto all = norm::all_encodings();
  const encoding e = all[data[0] % all.size()];
  std::string_view in(reinterpret_cast<const char*>(data) + 3, size - 3);
  const std::size_t n = in.size();
  std::size_t c1 = n ? data[1] % (n + 1) : 0;
  std::size_t c2 = n ? c1 + data[2] % (n + 1 - c1) : 0;
  std::vector<std::size_t> cuts = {c1, c2};
  std::vector<std::size_t> ones;
  if (n <= 64)
    for (std::size_t i = 1; i < n; ++i) ones.push_back(i);

  norm::decode_options o[3];
  o[0].on_error = error_policy::strict;
  o[1].on_error = error_policy::replace;
  o[2].on_error = error_policy::escape;
  o[2].keep_bom = true;  // so that the escape round trip gives back a BOM too
  o[1].max_reported = 3;  // exercise the cap
  outcome w[3];
  for (int p = 0; p < 3; ++p) {
    w[p] = whole(in, e, o[p]);
    if (p > 0) {
      CHECK(w[p].ok, "replace/escape decode failed");
      CHECK(norm::is_valid_utf8(w[p].text), "decoded text is not valid UTF-8");
    }
    CHECK(same(chunked(in, e, o[p], cuts), w[p]), "chunked decode != whole decode");
    if (!ones.empty()) CHECK(same(chunked(in, e, o[p], ones), w[p]), "1-byte chunks != whole");
  }
  // Strict fails iff replace found something, at the same place.
  const auto& rep = w[1].report;
  CHECK(w[0].ok == (rep.invalid_count == 0), "strict and replace disagree");
  if (!w[0].ok) {
    CHECK(w[0].code == norm::errc::invalid_input || w[0].code == norm::errc::truncated_input,
          "strict error code");
    CHECK(!rep.invalid.empty() && rep.invalid[0].offset == w[0].offset, "strict offset != first invalid");
  } else {
    CHECK(w[0].text == w[1].text, "strict text != replace text on valid input");
  }
  CHECK(rep.invalid_count == w[2].report.invalid_count, "replace and escape count differently");
  // Nothing dropped: one U+FFFD per reported sequence, on top of the U+FFFD
  // the input itself holds (which escape leaves as they are).
  auto count_fffd = [](std::string_view s) {
    std::uint64_t k = 0;
    for (std::size_t i = s.find("\xEF\xBF\xBD"); i != std::string_view::npos; i = s.find("\xEF\xBF\xBD", i + 3)) ++k;
    return k;
  };
  CHECK(count_fffd(w[1].text) == rep.invalid_count + count_fffd(w[2].text), "replace dropped or added U+FFFD");
  CHECK(rep.invalid.size() == std::min<std::uint64_t>(rep.invalid_count, 3), "report cap");

  // Escape round trip.
  norm::encode_options eo;
  eo.on_error = error_policy::escape;
  auto back = norm::encode(w[2].text, e, eo);
  CHECK(back.ok(), "encode with escape failed");
  if (exact_round_trip(e)) CHECK(back->bytes == in, "encode(decode(b, escape), escape) != b");
  // Encoder: chunked == whole, cut inside UTF-8 sequences and escapes.
  const std::string& t = w[2].text;
  auto enc = norm::encoder::create(e, eo);
  CHECK(enc.ok(), "encoder::create");
  std::string out;
  std::size_t t1 = t.empty() ? 0 : data[1] % (t.size() + 1);
  CHECK(enc->feed(std::string_view(t).substr(0, t1), out).ok(), "encoder feed 1");
  CHECK(enc->feed(std::string_view(t).substr(t1), out).ok(), "encoder feed 2");
  CHECK(enc->finish(out).ok(), "encoder finish");
  CHECK(out == back->bytes, "chunked encode != whole encode");
  CHECK(enc->report().invalid_count == back->report.invalid_count, "encode reports differ");
  // Replace-encoding valid UTF-8 never fails.
  norm::encode_options ro;
  ro.on_error = error_policy::replace;
  CHECK(norm::encode(w[1].text, e, ro).ok(), "encode with replace failed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    run(data, size);
  } catch (...) {
    std::fprintf(stderr, "decode_fuzzer: exception escaped\n");
    __builtin_trap();
  }
  return 0;
}
