// norm::fix_stream (norm/fix.hpp): fix_bytes() in bounded memory. What it
// must keep: the output of fix_bytes() where one segment holds the whole
// input; the same output and trace however the input is cut into chunks;
// replay(input, trace) == output across segments; UTF-8 passed through
// byte for byte; invalid bytes escaped (with a decode step that replays)
// or reported at their offset in the whole input; binary heads refused.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "norm/norm.hpp"

namespace {

struct streamed {
  bool ok = true;
  norm::error err;
  std::string text;
  std::vector<norm::trace_step> trace;
  std::vector<norm::finding> findings;
  bool changed = false;
  norm::encoding enc = norm::encoding::unknown;
  std::uint64_t segments = 0;
};

// Feeds `in` in chunks of random sizes up to `max_chunk` (0: one chunk).
streamed run_stream(std::string_view in, const norm::fix_options& o, const norm::fix_stream_options& so,
                    std::size_t max_chunk = 0, unsigned seed = 1) {
  streamed r;
  auto s = norm::fix_stream::create(o, so);
  if (!s) {
    r.ok = false;
    r.err = s.error();
    return r;
  }
  std::mt19937 rng(seed);
  auto take = [&] {
    auto t = s->take_trace();
    r.trace.insert(r.trace.end(), t.begin(), t.end());
    auto f = s->take_findings();
    r.findings.insert(r.findings.end(), f.begin(), f.end());
  };
  while (!in.empty()) {
    const std::size_t n = max_chunk == 0 ? in.size() : 1 + rng() % max_chunk;
    const std::string_view chunk = in.substr(0, n);
    in.remove_prefix(chunk.size());
    if (auto st = s->feed(chunk, r.text); !st) {
      r.ok = false;
      r.err = st.error();
      return r;
    }
    take();
  }
  if (auto st = s->finish(r.text); !st) {
    r.ok = false;
    r.err = st.error();
    return r;
  }
  take();
  r.changed = s->changed();
  r.enc = s->input_encoding();
  r.segments = s->segments();
  return r;
}

std::string read_file(const std::string& rel) {
  std::ifstream in(std::string(NORM_SOURCE_DIR) + "/" + rel, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

norm::fix_options explain_on() {
  norm::fix_options o;
  o.explain = true;
  return o;
}

norm::fix_stream_options small(std::size_t segment, std::size_t detect = 4096) {
  norm::fix_stream_options so;
  so.segment_bytes = segment;
  so.detect_bytes = detect;
  return so;
}

// Damaged lines of every family (the sample a user first runs), repeated
// with line numbers so that segments do not all look alike.
std::string damaged_lines(std::size_t min_bytes) {
  const std::string sample = read_file("corpora/samples/mojibake.txt");
  std::string out;
  for (int k = 0; out.size() < min_bytes; ++k)
    out += std::to_string(k) + " \xE9\x94\x9F\xE6\x96\xA4\xE6\x8B\xB7\n" + sample;  // a kunjinkao marker
  return out;
}

// One segment holding everything: the stream is fix_bytes().
TEST(FixStream, OneSegmentIsFixBytes) {
  const char* files[] = {"corpora/samples/mojibake.txt",        "corpora/samples/zh_gbk.txt",
                         "corpora/samples/zh_utf8.txt",         "corpora/detect/zh-hant/Big5.txt",
                         "corpora/detect/zh-hans/GB18030.txt",  "corpora/detect/zh-hans/UTF-16LE.bom.txt",
                         "corpora/detect/zh-hans/HZ-GB-2312.txt", "corpora/seeds/004.input.txt"};
  for (const char* f : files) {
    const std::string in = read_file(f);
    if (in.empty()) {
      ADD_FAILURE() << f << " is missing";
      continue;
    }
    auto whole = norm::fix_bytes(in, explain_on());
    ASSERT_TRUE(whole) << f << ": " << whole.error().message;
    const streamed s = run_stream(in, explain_on(), small(1 << 30, 1 << 30), 777);
    ASSERT_TRUE(s.ok) << f << ": " << s.err.message;
    EXPECT_EQ(s.text, whole->text) << f;
    EXPECT_EQ(s.changed, whole->changed) << f;
    EXPECT_EQ(s.enc, whole->input_encoding) << f;
    EXPECT_EQ(s.trace.size(), whole->trace.size()) << f;
    auto again = norm::replay(in, s.trace);
    ASSERT_TRUE(again) << f << ": " << again.error().message;
    EXPECT_EQ(*again, s.text) << f;
  }
}

// Segments of 8 KiB over 200 KiB of damaged lines: the same output as the
// whole (these fixers decide line by line), the same output and trace
// whatever the chunks, and the trace replays on the whole input.
TEST(FixStream, SegmentsChunksAndReplay) {
  const std::string in = damaged_lines(200 << 10);
  auto whole = norm::fix_bytes(in);
  ASSERT_TRUE(whole) << whole.error().message;
  const streamed one = run_stream(in, explain_on(), small(8 << 10));
  ASSERT_TRUE(one.ok) << one.err.message;
  EXPECT_GT(one.segments, 20u);
  EXPECT_TRUE(one.changed);
  EXPECT_EQ(one.text, whole->text);
  for (unsigned seed : {1u, 2u, 3u}) {
    for (std::size_t max_chunk : {1u, 100u, 70000u}) {
      if (max_chunk == 1 && seed > 1) continue;
      const streamed s = run_stream(in, explain_on(), small(8 << 10), max_chunk, seed);
      ASSERT_TRUE(s.ok) << s.err.message;
      EXPECT_EQ(s.text, one.text) << "chunks up to " << max_chunk;
      ASSERT_EQ(s.trace.size(), one.trace.size());
      for (std::size_t i = 0; i < s.trace.size(); ++i) {
        EXPECT_EQ(s.trace[i].begin, one.trace[i].begin);
        EXPECT_EQ(s.trace[i].after, one.trace[i].after);
      }
    }
  }
  auto again = norm::replay(in, one.trace);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, one.text);
  // Findings carry offsets in the whole text: one per repetition, in order,
  // the last ones far past the first segment.
  ASSERT_GT(one.findings.size(), 20u);
  for (std::size_t i = 1; i < one.findings.size(); ++i)
    EXPECT_GE(one.findings[i].begin, one.findings[i - 1].begin);
  EXPECT_GT(one.findings.back().begin, 120u << 10);
}

// A line longer than a segment: cut at a space, a CJK stop, before a Han
// character, before ASCII, before a character that composes with nothing
// -- never inside a character or where NFC would join across the cut.
TEST(FixStream, LongLinesAreCutWhereNothingJoins) {
  std::vector<std::string> lines = {
      "\xE4\xB8\xAD\xE6\x96\x87\xE7\x9A\x84\xE6\x96\x87\xE7\xAB\xA0\xE3\x80\x82",  // Han + full stop
      "\xE4\xB8\xAD\xE6\x96\x87",                                                  // Han only
      "word ",                                                                      // spaces
      "\xE3\x81\x8B\xE3\x82\x99",  // ka + combining voiced mark: NFC joins them
      "\xE1\x84\x80\xE1\x85\xA1",  // Hangul L + V jamo: NFC joins them
      "e\xCC\x81",                 // e + combining acute
  };
  for (const std::string& unit : lines) {
    std::string in;
    while (in.size() < (100 << 10)) in += unit;
    auto whole = norm::fix(in);
    ASSERT_TRUE(whole);
    const streamed s = run_stream(in, {}, small(4 << 10), 5000);
    ASSERT_TRUE(s.ok) << s.err.message;
    EXPECT_GT(s.segments, 10u) << unit;
    EXPECT_TRUE(norm::is_valid_utf8(s.text));
    EXPECT_EQ(s.text, whole->text) << "a cut changed the text of a line of " << unit;
  }
}

// UTF-8 goes through as it is (a literal "\x41" too: fix_bytes() keeps
// valid UTF-8 byte for byte); an invalid byte is escaped from where it
// stands, with a decode step that replays.
TEST(FixStream, InvalidUtf8IsEscapedFromWhereItStands) {
  std::string in;
  while (in.size() < (20 << 10)) in += "caf\xC3\xA9 \\x41 \xE4\xB8\xAD\xE6\x96\x87\n";
  const std::size_t bad = in.size();
  in += "bad \xFF byte\n";
  const std::string rest = "more \\x42\n";
  in += rest;
  norm::fix_options o = explain_on();
  o.on_invalid = norm::error_policy::escape;
  const streamed s = run_stream(in, o, small(4 << 10, 1024), 300);
  ASSERT_TRUE(s.ok) << s.err.message;
  EXPECT_TRUE(s.changed);
  EXPECT_EQ(s.text.substr(0, bad), in.substr(0, bad));
  EXPECT_EQ(s.text.substr(bad), "bad \\xFF byte\nmore \\x5Cx42\n");
  bool decode_step = false;
  for (const auto& t : s.trace)
    if (t.stage == norm::fix_stage::decode) {
      decode_step = true;
      EXPECT_GT(t.begin, 0u);
    }
  EXPECT_TRUE(decode_step);
  auto again = norm::replay(in, s.trace);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, s.text);

  o.on_invalid = norm::error_policy::strict;
  const streamed strict = run_stream(in, o, small(4 << 10, 1024), 300);
  ASSERT_FALSE(strict.ok);
  EXPECT_EQ(strict.err.code, norm::errc::invalid_input);
  EXPECT_EQ(strict.err.offset, bad + 4);
  const streamed cut = run_stream(in.substr(0, bad) + "\xE4\xB8", o, small(4 << 10, 1024), 300);
  ASSERT_FALSE(cut.ok);
  EXPECT_EQ(cut.err.code, norm::errc::truncated_input);
  EXPECT_EQ(cut.err.offset, bad);
}

// A legacy encoding over many segments: detected on the head, decoded as
// it comes; a valid UTF-8 stream with a BOM keeps it.
TEST(FixStream, LegacyEncodingOverManySegments) {
  const std::string utf8 = read_file("corpora/samples/zh_utf8.txt");
  ASSERT_FALSE(utf8.empty());
  std::string text;
  while (text.size() < (300 << 10)) text += utf8;
  auto gbk = norm::encode(text, norm::encoding::gb18030);
  ASSERT_TRUE(gbk);
  const streamed s = run_stream(gbk->bytes, explain_on(), small(16 << 10, 64 << 10), 9000);
  ASSERT_TRUE(s.ok) << s.err.message;
  EXPECT_EQ(s.text, text);
  EXPECT_TRUE(s.changed);
  EXPECT_GT(s.segments, 15u);
  ASSERT_FALSE(s.trace.empty());
  EXPECT_EQ(s.trace.front().stage, norm::fix_stage::decode);
  auto again = norm::replay(gbk->bytes, s.trace);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, text);

  const std::string bom = "\xEF\xBB\xBF" + text;
  const streamed b = run_stream(bom, {}, small(16 << 10, 64 << 10), 9000);
  ASSERT_TRUE(b.ok);
  EXPECT_EQ(b.text, bom);
  EXPECT_FALSE(b.changed);
}

TEST(FixStream, BinaryHeadIsRefused) {
  std::string png = "\x89PNG\r\n\x1A\n";
  png.append(std::string("\0\0\0\rIHDR", 8));
  png.append(100000, '\0');
  const streamed s = run_stream(png, {}, small(4 << 10), 1000);
  ASSERT_FALSE(s.ok);
  EXPECT_EQ(s.err.code, norm::errc::binary_input);
}

TEST(FixStream, EmptyAndSpent) {
  const streamed s = run_stream("", {}, {});
  ASSERT_TRUE(s.ok);
  EXPECT_EQ(s.text, "");
  EXPECT_FALSE(s.changed);
  auto st = norm::fix_stream::create({});
  ASSERT_TRUE(st);
  std::string out;
  ASSERT_TRUE(st->finish(out));
  auto again = st->feed("x", out);
  EXPECT_FALSE(again);
  EXPECT_EQ(again.error().code, norm::errc::invalid_argument);
}

}  // namespace
