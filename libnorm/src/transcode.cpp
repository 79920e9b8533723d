// norm::decode / norm::encode and their streaming classes: the policy layer.
// Codecs (detail/codec.hpp) turn bytes into UTF-8 and report each invalid
// sequence with its absolute offset; this file applies the error policy,
// the BOM rules, the escape format and the report cap. The whole-buffer
// calls are the streaming classes fed once, so chunked == whole holds by
// construction as long as every codec keeps it (tested at every cut).
#include "norm/transcode.hpp"

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "bridges/icu_converter.hpp"
#include "detail/codec.hpp"
#include "norm/utf8.hpp"

namespace norm {

std::string_view to_string(error_policy p) noexcept {
  switch (p) {
    case error_policy::strict: return "strict";
    case error_policy::replace: return "replace";
    case error_policy::escape: return "escape";
  }
  return "unknown";
}

namespace detail {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
int hex_value(char c) noexcept {
  return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
// `s` (1..4 chars) could be the start of `\xHH`.
bool is_escape_prefix(std::string_view s) noexcept {
  if (s.empty() || s[0] != '\\') return false;
  if (s.size() > 1 && s[1] != 'x') return false;
  if (s.size() > 2 && !is_hex(s[2])) return false;
  if (s.size() > 3 && !is_hex(s[3])) return false;
  return true;
}
bool is_escape(std::string_view s) noexcept { return s.size() == 4 && is_escape_prefix(s); }

bool valid_encoding(encoding e) noexcept {
  return e != encoding::unknown &&
         static_cast<std::uint16_t>(e) < static_cast<std::uint16_t>(encoding::count_);
}

error unknown_encoding_error(encoding e) {
  return error{errc::unknown_encoding, 0,
               "unknown encoding (value " + std::to_string(static_cast<unsigned>(e)) + ")"};
}

result<std::unique_ptr<byte_decoder>> make_decoder(encoding e) {
  if (!valid_encoding(e)) return unknown_encoding_error(e);
  if (auto d = make_unicode_decoder(e)) return d;
  if (auto d = make_table_decoder(e)) return d;
  return make_icu_decoder(e);
}

result<std::unique_ptr<byte_encoder>> make_encoder(encoding e, const encode_params& p) {
  if (!valid_encoding(e)) return unknown_encoding_error(e);
  if (auto d = make_unicode_encoder(e, p)) return d;
  if (auto d = make_table_encoder(e, p)) return d;
  return make_icu_encoder(e, p);
}

std::string_view bom_for(encoding e) noexcept {
  switch (e) {
    case encoding::utf8: return "\xEF\xBB\xBF";
    case encoding::utf16le: return "\xFF\xFE";
    case encoding::utf16be: return "\xFE\xFF";
    case encoding::utf32le: return std::string_view("\xFF\xFE\x00\x00", 4);
    case encoding::utf32be: return std::string_view("\x00\x00\xFE\xFF", 4);
    default: return {};
  }
}

error spent_error() { return error{errc::invalid_argument, 0, "the stream already failed"}; }

error internal_error(std::string_view what) {
  return error{errc::internal, 0, std::string(what)};
}

}  // namespace

struct decoder_impl final : decode_sink {
  decoder_impl(encoding e, const decode_options& o, std::unique_ptr<byte_decoder> c)
      : from(e), opt(o), codec(std::move(c)) {}

  void text(std::string_view t) override {
    if (!started) {
      started = true;
      if (t.substr(0, 3) == "\xEF\xBB\xBF" && !opt.keep_bom) {  // U+FEFF first
        t.remove_prefix(3);
        report.bom_removed = true;
      }
    }
    if (opt.on_error == error_policy::escape) {
      write_escaped(t);
    } else {
      out->append(t);
    }
  }

  bool invalid(std::uint64_t offset, std::string_view bytes, bool truncated) override {
    started = true;
    if (opt.on_error == error_policy::strict) {
      err = error{truncated ? errc::truncated_input : errc::invalid_input, offset,
                  std::string(truncated ? "input ends inside a " : "invalid ") +
                      std::string(name(from)) + " sequence at byte " + std::to_string(offset)};
      return false;
    }
    ++report.invalid_count;
    if (report.invalid.size() < opt.max_reported)
      report.invalid.push_back({offset, static_cast<std::uint32_t>(bytes.size())});
    if (opt.on_error == error_policy::replace) {
      out->append(kReplacementChar);
    } else {
      flush_pending();
      for (char b : bytes) {
        auto u = static_cast<unsigned char>(b);
        char e[4] = {'\\', 'x', kHex[u >> 4], kHex[u & 0xF]};
        out->append(e, 4);
      }
    }
    return true;
  }

  // Escape policy: a backslash of valid text that is followed by `x` and two
  // hex digits is written `\x5C`. A possible start of such a run at the end
  // of a text piece waits in `pending` for the next piece.
  void write_escaped(std::string_view t) {
    std::size_t i = 0;
    if (!pending.empty()) {
      std::size_t need = 4 - pending.size();
      std::string comb = pending;
      comb.append(t.substr(0, need));
      if (comb.size() < 4 && is_escape_prefix(comb)) {
        pending = comb;
        return;
      }
      if (is_escape(comb)) {
        out->append("\\x5C");
        out->append(comb, 1, std::string::npos);
        i = need;
      } else {
        out->append(pending);
      }
      pending.clear();
    }
    while (i < t.size()) {
      const void* bs = std::memchr(t.data() + i, '\\', t.size() - i);
      if (bs == nullptr) {
        out->append(t.substr(i));
        return;
      }
      std::size_t j = static_cast<std::size_t>(static_cast<const char*>(bs) - t.data());
      out->append(t.substr(i, j - i));
      std::string_view rest = t.substr(j, 4);
      if (rest.size() < 4 && is_escape_prefix(rest)) {
        pending.assign(rest);
        return;
      }
      out->append(is_escape(rest) ? "\\x5C" : "\\");
      i = j + 1;
    }
  }

  void flush_pending() {
    if (!pending.empty()) out->append(pending);
    pending.clear();
  }

  status run(std::string_view chunk, bool flush, std::string& o) {
    if (failed) return spent_error();
    out = &o;
    consumed += chunk.size();
    codec_status st = codec->decode(chunk, flush, *this);
    if (st == codec_status::ok && flush) flush_pending();
    if (st == codec_status::ok) return {};
    failed = true;
    if (st == codec_status::stopped) return err;
    err = internal_error("the " + std::string(name(from)) + " decoder failed");
    return err;
  }

  encoding from;
  decode_options opt;
  std::unique_ptr<byte_decoder> codec;
  transcode_report report;
  std::string* out = nullptr;
  std::string pending;
  std::uint64_t consumed = 0;
  bool started = false;
  bool failed = false;
  error err;
};

struct encoder_impl final : unmappable_handler {
  encoder_impl(encoding e, const encode_options& o, std::unique_ptr<byte_encoder> c)
      : to(e), opt(o), codec(std::move(c)) {}

  bool unmappable(std::uint64_t offset, std::uint32_t length, char32_t cp) override {
    if (opt.on_error == error_policy::strict) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      err = error{errc::unmappable, offset,
                  std::string(buf) + " cannot be encoded in " + std::string(name(to)) +
                      " (UTF-8 byte " + std::to_string(offset) + ")"};
      return false;
    }
    ++report.invalid_count;
    if (report.invalid.size() < opt.max_reported) report.invalid.push_back({offset, length});
    return true;
  }

  status fail_with(codec_status st) {
    failed = true;
    if (st != codec_status::stopped)
      err = internal_error("the " + std::string(name(to)) + " encoder failed");
    return err;
  }

  // Encodes valid UTF-8 `t` (whole code points) at absolute offset `base`,
  // turning `\xHH` into raw bytes under the escape policy.
  codec_status write(std::string_view t, std::uint64_t base, bool flush, std::string& o) {
    if (opt.on_error != error_policy::escape) return codec->encode(t, base, flush, o, *this);
    std::size_t seg = 0;
    std::size_t i = 0;
    while (i < t.size()) {
      const void* bs = std::memchr(t.data() + i, '\\', t.size() - i);
      if (bs == nullptr) break;
      std::size_t j = static_cast<std::size_t>(static_cast<const char*>(bs) - t.data());
      if (!is_escape(t.substr(j, 4))) {
        i = j + 1;
        continue;
      }
      codec_status st = codec->encode(t.substr(seg, j - seg), base + seg, true, o, *this);
      if (st != codec_status::ok) return st;
      o.push_back(static_cast<char>(hex_value(t[j + 2]) << 4 | hex_value(t[j + 3])));
      i = seg = j + 4;
    }
    return codec->encode(t.substr(seg), base + seg, flush, o, *this);
  }

  status run(std::string_view chunk, bool flush, std::string& o) {
    if (failed) return spent_error();
    if (!bom_done) {
      bom_done = true;
      if (opt.add_bom) o.append(bom_for(to));
    }
    std::string_view v = chunk;
    if (!carry.empty()) {
      work.assign(carry);
      work.append(chunk);
      v = work;
    }
    const std::uint64_t base = consumed;  // offset of v[0]
    std::size_t n = flush ? v.size() : utf8_complete_prefix(v);
    utf8_check chk = validate_utf8(v.substr(0, n));
    if (!chk.valid) {
      failed = true;
      err = error{errc::invalid_input, base + chk.error_offset,
                  "invalid UTF-8 at byte " + std::to_string(base + chk.error_offset)};
      return err;
    }
    // Escape: a possible `\xH` cut by the chunk end waits for more input.
    if (!flush && opt.on_error == error_policy::escape) {
      for (std::size_t k = 1; k <= 3 && k <= n; ++k) {
        if (v[n - k] == '\\') {
          if (is_escape_prefix(v.substr(n - k, k))) n -= k;
          break;
        }
      }
    }
    std::string rest(v.substr(n));
    codec_status st = write(v.substr(0, n), base, flush, o);
    carry = std::move(rest);
    consumed = base + n;
    if (st != codec_status::ok) return fail_with(st);
    return {};
  }

  encoding to;
  encode_options opt;
  std::unique_ptr<byte_encoder> codec;
  transcode_report report;
  std::string carry;  // an incomplete UTF-8 sequence or `\xH` prefix
  std::string work;
  std::uint64_t consumed = 0;  // offset of carry[0] in the UTF-8 input
  bool bom_done = false;
  bool failed = false;
  error err;
};

// feed()/finish() of decoder and encoder: no exception crosses the API,
// and a stream that failed is spent.
template <class Impl>
status guarded_run(const std::unique_ptr<Impl>& impl, std::string_view chunk, bool flush,
                   std::string& out) {
  if (!impl) return spent_error();
  try {
    return impl->run(chunk, flush, out);
  } catch (const std::exception& e) {
    impl->failed = true;
    return internal_error(e.what());
  } catch (...) {
    impl->failed = true;
    return internal_error("unexpected exception");
  }
}

}  // namespace detail

// ---------------------------------------------------------------- decoder

decoder::decoder(std::unique_ptr<detail::decoder_impl> impl) : impl_(std::move(impl)) {}
decoder::decoder(decoder&&) noexcept = default;
decoder& decoder::operator=(decoder&&) noexcept = default;
decoder::~decoder() = default;

result<decoder> decoder::create(encoding from, const decode_options& options) {
  try {
    auto c = detail::make_decoder(from);
    if (!c) return c.error();
    return decoder(std::make_unique<detail::decoder_impl>(from, options, std::move(*c)));
  } catch (const std::exception& e) {
    return detail::internal_error(e.what());
  } catch (...) {
    return detail::internal_error("unexpected exception");
  }
}

status decoder::feed(std::string_view chunk, std::string& out) {
  return detail::guarded_run(impl_, chunk, false, out);
}

status decoder::finish(std::string& out) { return detail::guarded_run(impl_, {}, true, out); }

const transcode_report& decoder::report() const noexcept {
  static const transcode_report kEmpty;
  return impl_ ? impl_->report : kEmpty;
}

std::uint64_t decoder::bytes_consumed() const noexcept { return impl_ ? impl_->consumed : 0; }

// ---------------------------------------------------------------- encoder

encoder::encoder(std::unique_ptr<detail::encoder_impl> impl) : impl_(std::move(impl)) {}
encoder::encoder(encoder&&) noexcept = default;
encoder& encoder::operator=(encoder&&) noexcept = default;
encoder::~encoder() = default;

result<encoder> encoder::create(encoding to, const encode_options& options) {
  try {
    detail::encode_params p{options.on_error, options.replacement};
    auto c = detail::make_encoder(to, p);
    if (!c) return c.error();
    return encoder(std::make_unique<detail::encoder_impl>(to, options, std::move(*c)));
  } catch (const std::exception& e) {
    return detail::internal_error(e.what());
  } catch (...) {
    return detail::internal_error("unexpected exception");
  }
}

status encoder::feed(std::string_view utf8_chunk, std::string& out) {
  return detail::guarded_run(impl_, utf8_chunk, false, out);
}

status encoder::finish(std::string& out) { return detail::guarded_run(impl_, {}, true, out); }

const transcode_report& encoder::report() const noexcept {
  static const transcode_report kEmpty;
  return impl_ ? impl_->report : kEmpty;
}

// ---------------------------------------------------------------- whole buffer

result<decoded> decode(std::string_view bytes, encoding from, const decode_options& options) {
  try {
    if (bytes.size() > options.max_input)
      return error{errc::input_too_long, options.max_input,
                   "input is " + std::to_string(bytes.size()) + " bytes, above max_input; use norm::decoder"};
    auto d = decoder::create(from, options);
    if (!d) return d.error();
    decoded r;
    r.text.reserve(bytes.size() + bytes.size() / 2 + 16);
    if (status s = d->feed(bytes, r.text); !s) return s.error();
    if (status s = d->finish(r.text); !s) return s.error();
    r.report = d->report();
    return r;
  } catch (const std::exception& e) {
    return detail::internal_error(e.what());
  } catch (...) {
    return detail::internal_error("unexpected exception");
  }
}

result<encoded> encode(std::string_view utf8, encoding to, const encode_options& options) {
  try {
    if (utf8.size() > options.max_input)
      return error{errc::input_too_long, options.max_input,
                   "input is " + std::to_string(utf8.size()) + " bytes, above max_input; use norm::encoder"};
    auto e = encoder::create(to, options);
    if (!e) return e.error();
    encoded r;
    r.bytes.reserve(utf8.size() + 16);
    if (status s = e->feed(utf8, r.bytes); !s) return s.error();
    if (status s = e->finish(r.bytes); !s) return s.error();
    r.report = e->report();
    return r;
  } catch (const std::exception& e) {
    return detail::internal_error(e.what());
  } catch (...) {
    return detail::internal_error("unexpected exception");
  }
}

}  // namespace norm
