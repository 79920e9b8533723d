// norm::fix_stream: fix_bytes() over input of any size in bounded memory
// (RELIABILITY.md R4). Head -> detection -> decoding as bytes come ->
// segments of decoded text, each through fix(). See norm/fix.hpp for the
// contract; the design notes are here.
//
// Why segments and not a streaming form of every fixer: the fixers are
// pure functions of a text (stage.hpp), which is what makes them easy to
// fuzz and replay. A segment that ends at a line end is a text like any
// other; only evidence gathered over a whole document (pinyin's repeats,
// the dominant script) narrows to the segment, and a segment of 1 MiB
// holds plenty of it.
//
// Replay: a segment's steps are shifted by the length of the repaired text
// before it, so each step's offsets are those of the whole text as it was
// when the step ran (repaired prefix + this segment + undecoded rest).
// UTF-8 input passes through unchanged (as fix_bytes() keeps valid UTF-8
// byte for byte); at the first invalid byte under error_policy::escape a
// decode step is recorded whose `begin` is where the undecoded rest starts,
// and replay() decodes from there.
#include <algorithm>
#include <optional>

#include "fix/stage.hpp"
#include "norm/detect.hpp"
#include "norm/fix.hpp"
#include "norm/utf8.hpp"

namespace norm {

namespace detail {

namespace {

// Input is decoded and segmented in pieces of this size: the text waiting
// for a segment's end never holds more than segment_bytes plus one piece.
constexpr std::size_t kPiece = std::size_t{64} << 10;

bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

// The character starting at text[p] (valid UTF-8) is none that NFC would
// join to the one before it: no combining mark, no Hangul vowel or final
// jamo (the ranges of combining marks in the BMP that matter here; a cut
// elsewhere is only the last resort).
bool composes_with_nothing_before(std::string_view text, std::size_t p) {
  const auto c0 = static_cast<unsigned char>(text[p]);
  if (c0 < 0xC0) return c0 < 0x80;
  char32_t cp = 0;
  std::size_t len = c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
  if (p + len > text.size()) return false;
  cp = c0 & (c0 >= 0xF0 ? 0x07 : c0 >= 0xE0 ? 0x0F : 0x1F);
  for (std::size_t k = 1; k < len; ++k) cp = cp << 6 | (static_cast<unsigned char>(text[p + k]) & 0x3F);
  auto in = [&](char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; };
  return !(in(0x0300, 0x036F) || in(0x0483, 0x0489) || in(0x0591, 0x05C7) || in(0x0610, 0x065F) ||
           in(0x0900, 0x0DFF) || in(0x1160, 0x11FF) || in(0x1AB0, 0x1AFF) || in(0x1DC0, 0x1DFF) ||
           in(0x200C, 0x200D) || in(0x20D0, 0x20FF) || in(0x302A, 0x302F) || in(0x3099, 0x309A) ||
           in(0xD7B0, 0xD7FF) || in(0xFE00, 0xFE0F) || in(0xFE20, 0xFE2F) || cp >= 0x10000);
}

// Where a segment of `text` (longer than `target`) ends: after the last
// '\n' within target bytes; else (one long line) after the last space or
// tab, after the last CJK comma or full stop, before the last Han
// ideograph (U+4E00-U+9FFF: it composes with nothing before it, so NFC is
// unaffected), before the last ASCII byte, before the last character that
// composes with nothing before it, at the last character boundary.
// Never between CR and LF, never inside a character. Always > 0.
std::size_t segment_cut(std::string_view text, std::size_t target) {
  const std::size_t limit = std::min(text.size(), target);
  const std::string_view window = text.substr(0, limit);
  if (auto nl = window.rfind('\n'); nl != std::string_view::npos) return nl + 1;
  auto boundary_ok = [&](std::size_t p) { return p > 0 && p < text.size() && text[p - 1] != '\r'; };
  for (std::size_t p = limit; p > 0; --p) {
    const char c = text[p - 1];
    if ((c == ' ' || c == '\t') && boundary_ok(p)) return p;
  }
  for (std::size_t p = limit; p >= 3; --p) {
    const std::string_view last = text.substr(p - 3, 3);
    if ((last == "\xE3\x80\x82" || last == "\xEF\xBC\x8C" || last == "\xE3\x80\x81") && boundary_ok(p)) return p;
  }
  for (std::size_t p = limit; p > 0; --p) {
    const auto c = static_cast<unsigned char>(text[p]);
    const auto c1 = p + 1 < text.size() ? static_cast<unsigned char>(text[p + 1]) : 0;
    const bool han = (c == 0xE4 && c1 >= 0xB8) || (c >= 0xE5 && c <= 0xE9);
    if (han && boundary_ok(p)) return p;
  }
  for (std::size_t p = limit; p > 0; --p)
    if (static_cast<unsigned char>(text[p]) < 0x80 && boundary_ok(p)) return p;
  for (std::size_t p = limit; p > 0; --p)
    if (!is_cont(static_cast<unsigned char>(text[p])) && composes_with_nothing_before(text, p) && boundary_ok(p))
      return p;
  std::size_t p = limit;
  while (p > 0 && is_cont(static_cast<unsigned char>(text[p]))) --p;
  if (p > 0) return p;
  // (a segment smaller than its first character: the character whole)
  p = limit;
  while (p < text.size() && is_cont(static_cast<unsigned char>(text[p]))) ++p;
  return p;
}

}  // namespace

struct fix_stream_impl {
  fix_options opt;
  fix_stream_options so;
  encoding enc = encoding::unknown;
  bool detected = false;
  bool utf8_mode = false;          // UTF-8 passed through until an invalid byte
  std::optional<decoder> dec;      // the decoder, once one is needed
  std::string head;                // input before detection
  std::string tail;                // UTF-8 mode: an incomplete last sequence
  std::string pending;             // decoded text not yet repaired
  std::uint64_t fed = 0;           // input bytes given to the decoding so far
  std::uint64_t out_bytes = 0;     // repaired text appended so far
  std::vector<trace_step> trace;
  std::vector<finding> findings;
  bool changed = false;
  bool spent = false;
  unsigned rounds = 0;
  std::uint64_t segments = 0;

  status spend(error e) {
    spent = true;
    return e;
  }

  void decode_step(encoding e, std::uint64_t begin) {
    changed = true;
    if (!opt.explain) return;
    trace_step s;
    s.stage = fix_stage::decode;
    s.fixer = "decode";
    s.action = std::string(policy_action(opt.on_invalid));
    s.parameter = std::string(name(e));
    s.begin = begin;
    s.end = begin;
    trace.push_back(std::move(s));
  }

  status start_decoder(encoding e) {
    decode_options o;
    o.on_error = opt.on_invalid;
    auto d = decoder::create(e, o);
    if (!d) return d.error();
    dec.emplace(std::move(*d));
    return {};
  }

  status detect_head() {
    detected = true;
    enc = opt.input_encoding;
    if (enc == encoding::unknown) {
      std::string_view h = head;
      // (a head cut inside a UTF-8 character is not evidence against UTF-8)
      if (h.size() >= so.detect_bytes) h = h.substr(0, utf8_complete_prefix(h));
      detection d = detect(h);
      if (d.kind == content_kind::binary) return error{errc::binary_input, 0, "binary input (" + d.detail + ")"};
      enc = d.best();
    }
    if (enc == encoding::utf8 || enc == encoding::ascii) {
      utf8_mode = true;
      return {};
    }
    if (auto s = start_decoder(enc); !s) return s;
    decode_step(enc, 0);
    return {};
  }

  // Decodes one piece of input (at most kPiece) into `pending`.
  status decode_piece(std::string_view piece, bool last) {
    if (!utf8_mode || dec) {
      fed += piece.size();
      status s = dec->feed(piece, pending);
      if (s && last) s = dec->finish(pending);
      return s;
    }
    // UTF-8: valid bytes go through as they are.
    std::string data = std::move(tail);
    tail.clear();
    data.append(piece);
    const std::uint64_t base = fed - (data.size() - piece.size());
    fed += piece.size();
    const std::size_t complete = last ? data.size() : utf8_complete_prefix(data);
    const utf8_check c = validate_utf8(std::string_view(data).substr(0, complete));
    if (c.valid) {
      pending.append(data, 0, complete);
      tail.assign(data, complete, std::string::npos);
      return {};
    }
    const auto at = static_cast<std::size_t>(c.error_offset);
    if (opt.on_invalid == error_policy::strict) {
      const bool truncated = last && validate_utf8(std::string_view(data).substr(0, at)).valid &&
                             utf8_complete_prefix(data) == at;
      return error{truncated ? errc::truncated_input : errc::invalid_input, base + at,
                   truncated ? "input ends inside a UTF-8 sequence" : "invalid UTF-8"};
    }
    pending.append(data, 0, at);
    if (auto s = start_decoder(encoding::utf8); !s) return s;
    decode_step(encoding::utf8, out_bytes + pending.size());
    status s = dec->feed(std::string_view(data).substr(at), pending);
    if (s && last) s = dec->finish(pending);
    return s;
  }

  status run_segment(std::string_view seg, std::string& out) {
    auto r = fix(seg, opt);
    if (!r) return r.error();
    for (trace_step& s : r->trace) {
      s.begin += out_bytes;
      s.end += out_bytes;
    }
    for (finding& f : r->findings) {
      f.begin += out_bytes;
      f.end += out_bytes;
    }
    trace.insert(trace.end(), std::make_move_iterator(r->trace.begin()), std::make_move_iterator(r->trace.end()));
    findings.insert(findings.end(), std::make_move_iterator(r->findings.begin()),
                    std::make_move_iterator(r->findings.end()));
    changed |= r->changed;
    rounds = std::max(rounds, r->rounds);
    out_bytes += r->text.size();
    out.append(r->text);
    ++segments;
    return {};
  }

  // Repairs the complete segments in `pending` (all of it when `last`).
  status drain(std::string& out, bool last) {
    const std::size_t target = std::max<std::size_t>(so.segment_bytes, 1);
    std::size_t from = 0;
    while (pending.size() - from > target || (last && from < pending.size())) {
      const std::string_view rest = std::string_view(pending).substr(from);
      const std::size_t cut = rest.size() > target ? segment_cut(rest, target) : rest.size();
      if (auto s = run_segment(rest.substr(0, cut), out); !s) return s;
      from += cut;
    }
    pending.erase(0, from);
    return {};
  }

  status consume(std::string_view bytes, std::string& out, bool last) {
    do {
      const std::string_view piece = bytes.substr(0, kPiece);
      bytes.remove_prefix(piece.size());
      const bool final_piece = last && bytes.empty();
      if (auto s = decode_piece(piece, final_piece); !s) return s;
      if (auto s = drain(out, final_piece); !s) return s;
    } while (!bytes.empty());
    return {};
  }

  status feed(std::string_view bytes, std::string& out, bool last) {
    if (spent) return error{errc::invalid_argument, 0, "fix_stream used after an error or finish()"};
    try {
      if (!detected) {
        const std::size_t want = std::max<std::size_t>(so.detect_bytes, 1);
        const std::size_t take = std::min(bytes.size(), want - std::min(want, head.size()));
        head.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (head.size() < want && !last) return {};
        if (auto s = detect_head(); !s) return spend(s.error());
        std::string h = std::move(head);
        head = std::string();
        if (auto s = consume(h, out, last && bytes.empty()); !s) return spend(s.error());
        if (bytes.empty()) {
          if (last) spent = true;
          return {};
        }
      }
      if (auto s = consume(bytes, out, last); !s) return spend(s.error());
      if (last) spent = true;
      return {};
    } catch (const std::bad_alloc&) {
      return spend(error{errc::internal, 0, "out of memory"});
    }
  }
};

}  // namespace detail

result<fix_stream> fix_stream::create(const fix_options& options, const fix_stream_options& stream) {
  try {
    auto impl = std::make_unique<detail::fix_stream_impl>();
    impl->opt = options;
    impl->opt.max_input = ~std::uint64_t{0};
    impl->so = stream;
    return fix_stream(std::move(impl));
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  }
}

fix_stream::fix_stream(std::unique_ptr<detail::fix_stream_impl> impl) : impl_(std::move(impl)) {}
fix_stream::fix_stream(fix_stream&&) noexcept = default;
fix_stream& fix_stream::operator=(fix_stream&&) noexcept = default;
fix_stream::~fix_stream() = default;

status fix_stream::feed(std::string_view bytes, std::string& out) {
  if (!impl_) return error{errc::invalid_argument, 0, "moved-from fix_stream"};
  return impl_->feed(bytes, out, false);
}

status fix_stream::finish(std::string& out) {
  if (!impl_) return error{errc::invalid_argument, 0, "moved-from fix_stream"};
  return impl_->feed({}, out, true);
}

std::vector<trace_step> fix_stream::take_trace() {
  std::vector<trace_step> t;
  if (impl_) t.swap(impl_->trace);
  return t;
}

std::vector<finding> fix_stream::take_findings() {
  std::vector<finding> f;
  if (impl_) f.swap(impl_->findings);
  return f;
}

bool fix_stream::changed() const noexcept { return impl_ && impl_->changed; }
unsigned fix_stream::rounds() const noexcept { return impl_ ? impl_->rounds : 0; }
encoding fix_stream::input_encoding() const noexcept { return impl_ ? impl_->enc : encoding::unknown; }
std::uint64_t fix_stream::segments() const noexcept { return impl_ ? impl_->segments : 0; }

}  // namespace norm
