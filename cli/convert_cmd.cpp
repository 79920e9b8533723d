// norm convert: bytes in one encoding to another, streamed in 64 KiB
// chunks through norm::decoder / norm::encoder (bounded memory), never
// dropping a byte in silence, never leaving a partial output file.
#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include <norm/norm.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "io.hpp"

namespace po = boost::program_options;

namespace norm_cli {
namespace {

// 64 KiB per chunk: the bound the bridges use for third-party libraries
// (RELIABILITY R11) and large enough that per-call costs vanish.
constexpr std::size_t kChunk = 64 * 1024;

constexpr std::string_view kConvertUsage =
    "Usage: norm convert -f ENC|auto [-t ENC] [OPTIONS] [FILE|-] [-o OUT]\n"
    "Convert FILE (standard input when there is none, or for '-') from\n"
    "encoding -f to encoding -t, writing standard output or OUT.\n"
    "\n"
    "Options";

constexpr std::string_view kConvertEpilog =
    "\n"
    "Encoding names are case-, '-'- and '_'-insensitive and take aliases\n"
    "(utf8, cp936, latin1, sjis, ...); --list prints the canonical ones.\n"
    "-f auto decides from the first 1 MiB of input (ASCII is read as UTF-8;\n"
    "a later byte that breaks the guess is an error under strict).\n"
    "\n"
    "--on-error:\n"
    "  strict   (default) stop at the first invalid byte or unmappable\n"
    "           character: 'norm: FILE: invalid GBK sequence at byte N', exit 2\n"
    "  replace  invalid bytes become U+FFFD, unmappable characters '?';\n"
    "           a count and the first offset are printed on standard error\n"
    "  escape   invalid bytes become \\xXX, unmappable characters \\u{HHHH}\n"
    "           (reversible: convert back with --on-error escape to get the\n"
    "           original bytes); a literal '\\xHH' in the text is written\n"
    "           \\x5CxHH. With -f UTF-8 the input's \\xXX are turned back into\n"
    "           raw bytes (the input must then be valid UTF-8).\n"
    "\n"
    "Input that norm detect calls binary is refused (exit 2) unless --force.\n"
    "A leading byte-order mark is removed (reported with --verbose).\n"
    "\n"
    "Output: -o OUT is written to a temporary file in OUT's directory, synced,\n"
    "given OUT's mode, owner and extended attributes, and renamed over OUT only\n"
    "when the whole conversion succeeded: OUT is never partial, and on any\n"
    "error it is left as it was. -o naming the input rewrites it in place the\n"
    "same way. OUT must not be a symbolic link or a non-regular file; a file\n"
    "with several hard links is refused unless --force. Without -o, output\n"
    "goes to standard output as it is produced: on an error in the middle,\n"
    "what came before has been written and the exit status (2) says so.\n"
    "\n"
    "Exit status: 0 converted (also when invalid bytes were replaced or\n"
    "escaped: see the summary on standard error); 2 usage error, unknown\n"
    "encoding, unusable or binary input, invalid input under strict;\n"
    "3 I/O error (read, write, sync, rename).\n";

struct convert_request {
  std::string from;
  std::string to = "UTF-8";
  std::string on_error = "strict";
  std::string input = "-";
  std::string output;  // empty: stdout
  bool force = false;
  bool verbose = false;
};

std::optional<norm::error_policy> policy_from_name(std::string_view s) {
  if (s == "strict") return norm::error_policy::strict;
  if (s == "replace") return norm::error_policy::replace;
  if (s == "escape") return norm::error_policy::escape;
  return std::nullopt;
}

std::string hex_code_point(std::string_view utf8) {
  // The code point starting utf8[0] (valid UTF-8, as fed to the encoder).
  if (utf8.empty()) return {};
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(utf8[i]); };
  std::uint32_t cp = b(0);
  std::size_t len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
  if (len > utf8.size()) return {};
  if (len > 1) {
    cp &= 0x7Fu >> len;
    for (std::size_t i = 1; i < len; ++i) cp = (cp << 6) | (b(i) & 0x3F);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

// decode (bytes -> UTF-8) and/or encode (UTF-8 -> bytes), picked so that
// the escape policy stays reversible:
//   to UTF-8:                    decoder only (its output is valid UTF-8);
//   from UTF-8, strict/escape:   encoder only (it validates, and turns the
//                                input's \xXX escapes back into bytes);
//   otherwise:                   decoder then encoder.
class pipeline {
 public:
  struct failure {
    bool in_encoder = false;
    norm::error error;
    std::string code_point;  // "U+XXXX" for an unmappable character
  };

  static norm::result<pipeline> create(norm::encoding from, norm::encoding to,
                                       norm::error_policy policy) {
    pipeline p;
    p.from_ = from;
    p.to_ = to;
    const bool need_decoder = to == norm::encoding::utf8 || from != norm::encoding::utf8 ||
                              policy == norm::error_policy::replace;
    const bool need_encoder = to != norm::encoding::utf8;
    if (need_decoder) {
      norm::decode_options o;
      o.on_error = policy;
      auto d = norm::decoder::create(from, o);
      if (!d) return d.error();
      p.dec_.emplace(std::move(*d));
    }
    if (need_encoder) {
      norm::encode_options o;
      o.on_error = policy;
      auto e = norm::encoder::create(to, o);
      if (!e) return e.error();
      p.enc_.emplace(std::move(*e));
    }
    return p;
  }

  // Appends the converted bytes of `chunk` to `out`.
  std::optional<failure> feed(std::string_view chunk, std::string& out) {
    return run(chunk, out, false);
  }
  std::optional<failure> finish(std::string& out) { return run({}, out, true); }

  const norm::transcode_report* decode_report() const {
    return dec_ ? &dec_->report() : nullptr;
  }
  const norm::transcode_report* encode_report() const {
    return enc_ ? &enc_->report() : nullptr;
  }
  // Offsets in encoder errors count bytes of its UTF-8 input; they are
  // input offsets only when there is no decoder in front.
  bool encoder_offsets_are_input_offsets() const { return !dec_; }

 private:
  std::optional<failure> run(std::string_view chunk, std::string& out, bool last) {
    std::string_view text = chunk;
    if (dec_) {
      mid_.clear();
      const norm::status s = last ? dec_->finish(mid_) : dec_->feed(chunk, mid_);
      if (!s) return failure{false, s.error(), {}};
      text = mid_;
    }
    if (!enc_) {
      out.append(text);
      return std::nullopt;
    }
    norm::status s = enc_->feed(text, out);
    if (s && last) s = enc_->finish(out);
    if (!s) {
      failure f{true, s.error(), {}};
      const std::uint64_t off = s.error().offset;
      if (off >= utf8_fed_ && off - utf8_fed_ < text.size())
        f.code_point = hex_code_point(text.substr(off - utf8_fed_));
      return f;
    }
    utf8_fed_ += text.size();
    return std::nullopt;
  }

  pipeline() = default;
  norm::encoding from_ = norm::encoding::unknown, to_ = norm::encoding::unknown;
  std::optional<norm::decoder> dec_;
  std::optional<norm::encoder> enc_;
  std::string mid_;
  std::uint64_t utf8_fed_ = 0;  // UTF-8 bytes given to the encoder so far
};

std::string failure_message(const std::string& file, const pipeline::failure& f,
                            norm::encoding from, norm::encoding to, bool input_offsets) {
  const std::string at = " at byte " + std::to_string(f.error.offset);
  const std::string_view from_name = norm::name(from);
  switch (f.error.code) {
    case norm::errc::invalid_input:
      if (f.in_encoder && !input_offsets)
        return file + ": internal error: invalid UTF-8 between decoder and encoder" + at;
      return file + ": invalid " + std::string(f.in_encoder ? "UTF-8" : from_name) +
             " sequence" + at;
    case norm::errc::truncated_input:
      return file + ": truncated " + std::string(f.in_encoder ? "UTF-8" : from_name) +
             " sequence at the end of the input" + at;
    case norm::errc::unmappable: {
      std::string what = f.code_point.empty() ? "a character" : "character " + f.code_point;
      return file + ": " + what + " cannot be represented in " + std::string(norm::name(to)) +
             at + (input_offsets ? "" : " of the decoded UTF-8 text");
    }
    default:
      return file + ": " + std::string(norm::to_string(f.error.code)) + at + ": " +
             f.error.message;
  }
}

void print_summary(const std::string& file, const norm::transcode_report* r,
                   norm::error_policy policy, bool encoder, norm::encoding to,
                   bool input_offsets) {
  if (!r || r->invalid_count == 0) return;
  std::string msg = file + ": " + std::to_string(r->invalid_count);
  if (!encoder) {
    msg += r->invalid_count == 1 ? " invalid sequence " : " invalid sequences ";
    msg += policy == norm::error_policy::escape ? "escaped as \\xXX" : "replaced with U+FFFD";
  } else {
    msg += r->invalid_count == 1 ? " character" : " characters";
    msg += " not representable in " + std::string(norm::name(to));
    msg += policy == norm::error_policy::escape ? " escaped as \\u{HHHH}" : " replaced";
  }
  if (!r->invalid.empty()) {
    msg += " (first at byte " + std::to_string(r->invalid.front().offset);
    if (encoder && !input_offsets) msg += " of the decoded UTF-8 text";
    msg += ")";
  }
  print_error(msg);
}

std::optional<norm::encoding> lookup(const std::string& name, const char* which) {
  auto e = norm::encoding_from_name(name);
  if (!e || *e == norm::encoding::unknown) {
    print_error(std::string("unknown encoding '") + name + "' (" + which +
                "); 'norm convert --list' prints the known names");
    return std::nullopt;
  }
  return e;
}

int convert(const convert_request& req, norm::error_policy policy) {
  std::optional<norm::encoding> to = lookup(req.to, "-t");
  if (!to) return kExitInput;
  std::optional<norm::encoding> from;
  const bool auto_from = req.from == "auto";
  if (!auto_from && !(from = lookup(req.from, "-f"))) return kExitInput;

  auto in = input_source::open(req.input);
  if (!in) {
    print_error(in.error().message);
    return exit_code_for(in.error());
  }
  const std::string& file = in->name();

  // The first 1 MiB decides binary-or-text (and the encoding for -f auto);
  // it is then converted like the rest.
  std::string head;
  if (auto s = in->fill(head, kDetectWindow); !s) {
    print_error(s.error().message);
    return exit_code_for(s.error());
  }
  const bool head_is_all = head.size() < kDetectWindow;
  const std::string_view sniffed = head_is_all
      ? std::string_view(head)
      : std::string_view(head).substr(0, norm::utf8_complete_prefix(head));
  const norm::detection d = norm::detect(sniffed);
  if (d.kind == norm::content_kind::binary && !req.force) {
    print_error(file + ": binary input, not converted (" + describe(d, false) +
                "; --force converts it anyway)");
    return kExitInput;
  }
  if (auto_from) {
    from = d.best();
    if (*from == norm::encoding::unknown) {
      print_error(file + ": cannot tell the encoding; name it with -f");
      return kExitInput;
    }
    if (*from == norm::encoding::ascii) from = norm::encoding::utf8;
    if (req.verbose) print_error(file + ": detected " + describe(d, false));
  }

  std::optional<output_sink> out;
  if (req.output.empty()) {
    out.emplace(output_sink::to_stdout());
  } else {
    replace_options ro;
    ro.allow_hard_links = req.force;
    ro.ignore_metadata_errors = req.force;
    auto o = output_sink::replacing(req.output, ro);
    if (!o) {
      print_error(o.error().message);
      return exit_code_for(o.error());
    }
    out.emplace(std::move(*o));
    if (req.verbose && out->replaces(in->info()))
      print_error(file + ": output names the input: rewriting it in place");
  }

  auto p = pipeline::create(*from, *to, policy);
  if (!p) {
    print_error(file + ": " + p.error().message);
    return exit_code_for(p.error());
  }
  const bool input_offsets = p->encoder_offsets_are_input_offsets();
  std::string converted;
  auto fail = [&](const pipeline::failure& f) {
    print_error(failure_message(file, f, *from, *to, input_offsets));
    return f.error.code == norm::errc::internal ? kExitIo : kExitInput;
  };
  auto emit = [&]() -> int {
    if (auto s = out->write(converted); !s) {
      print_error(s.error().message);
      return kExitIo;
    }
    converted.clear();
    return kExitOk;
  };

  // The head first, in 64 KiB chunks, then the rest of the input.
  for (std::size_t pos = 0; pos < head.size(); pos += kChunk) {
    if (auto f = p->feed(std::string_view(head).substr(pos, kChunk), converted)) return fail(*f);
    if (int rc = emit(); rc != kExitOk) return rc;
  }
  head = std::string();  // give the 1 MiB back
  if (!head_is_all) {
    std::string block;
    for (;;) {
      auto n = in->read_block(block, kChunk);
      if (!n) {
        print_error(n.error().message);
        return exit_code_for(n.error());
      }
      if (*n == 0) break;
      if (auto f = p->feed(block, converted)) return fail(*f);
      if (int rc = emit(); rc != kExitOk) return rc;
    }
  }
  if (auto f = p->finish(converted)) return fail(*f);
  if (int rc = emit(); rc != kExitOk) return rc;
  if (auto s = out->commit(); !s) {
    print_error(s.error().message);
    return exit_code_for(s.error());
  }

  print_summary(file, p->decode_report(), policy, false, *to, true);
  print_summary(file, p->encode_report(), policy, true, *to, input_offsets);
  if (req.verbose && p->decode_report() && p->decode_report()->bom_removed)
    print_error(file + ": byte-order mark removed");
  return kExitOk;
}

}  // namespace

int run_convert(const args_t& args) {
  convert_request req;
  po::options_description opts{std::string(kConvertUsage)};
  opts.add_options()
      ("from,f", po::value(&req.from)->value_name("ENC"), "input encoding, or 'auto' (required)")
      ("to,t", po::value(&req.to)->value_name("ENC"), "output encoding (default UTF-8)")
      ("on-error", po::value(&req.on_error)->value_name("POLICY"),
       "strict (default), replace or escape")
      ("output,o", po::value(&req.output)->value_name("OUT"),
       "write OUT (atomically) instead of standard output")
      ("force", po::bool_switch(&req.force),
       "convert binary input; replace an OUT with several hard links or whose "
       "owner/attributes cannot be kept")
      ("verbose,v", po::bool_switch(&req.verbose),
       "say on standard error what was detected and done")
      ("list", "print the known encoding names and exit")
      ("help,h", "show this help and exit");
  po::variables_map vm = parse_command(args, opts, req.input, 1);
  if (vm.count("help")) {
    std::cout << opts << kConvertEpilog;
    return kExitOk;
  }
  if (vm.count("list")) {
    for (norm::encoding e : norm::all_encodings()) std::cout << norm::name(e) << '\n';
    return kExitOk;
  }
  if (req.from.empty()) {
    print_error("convert: missing -f ENC (or -f auto)\nTry 'norm convert --help'.");
    return kExitInput;
  }
  const std::optional<norm::error_policy> policy = policy_from_name(req.on_error);
  if (!policy) {
    print_error("convert: --on-error must be strict, replace or escape, not '" +
                req.on_error + "'");
    return kExitInput;
  }
  if (req.output == "-") req.output.clear();
  return convert(req, *policy);
}

}  // namespace norm_cli
