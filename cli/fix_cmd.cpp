// norm fix: repair text (detect, decode, undo mojibake) and write UTF-8 to
// standard output, to -o OUT, or back over each input (--in-place), never
// leaving a partial file and never rewriting a file that did not change.
// norm check: list the inputs that fix would change (exit 1 if any).
// --jsonl hands each input to the JSON Lines filter (jsonl.hpp).
#include <boost/program_options.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include <norm/norm.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "io.hpp"
#include "json.hpp"
#include "jsonl.hpp"

namespace po = boost::program_options;

namespace norm_cli {
namespace {

constexpr std::string_view kFixUsage =
    "Usage: norm fix [OPTIONS] [FILE...|-] [-o OUT | --in-place]\n"
    "       norm fix --jsonl [--field NAME]... [OPTIONS] [FILE...|-]\n"
    "Repair text: find its encoding (or take --from), decode it, undo wrong\n"
    "decoding (mojibake, layered or in a span) and write UTF-8 to standard\n"
    "output (every input in turn), to OUT, or over each FILE (--in-place).\n"
    "\n"
    "Options";

constexpr std::string_view kFixEpilog =
    "\n"
    "An input up to --stream-above bytes (16 MiB) is repaired whole; a\n"
    "larger one is streamed, in memory bounded whatever its size: the\n"
    "encoding is detected on its first MiB and the text repaired in\n"
    "segments of about 1 MiB cut at line ends (a longer line at a space, a\n"
    "CJK stop or before a Han character), so what a fixer weighs over a\n"
    "document (pinyin's repeats, --script=auto's dominant script) is a\n"
    "segment's. Correct UTF-8 comes out byte-identical. Input that is\n"
    "binary is not fixed (exit 2). Bytes that are invalid in the input's\n"
    "encoding stop the fix of that input (exit 2, nothing written for it;\n"
    "a streamed input to standard output has what was written before)\n"
    "unless --force, which keeps them as \\xXX escapes.\n"
    "\n"
    "-o OUT and --in-place write a temporary file in the target's directory,\n"
    "sync it, give it the target's mode, owner and extended attributes, and\n"
    "rename it over the target (then sync the directory): a target is never\n"
    "partial and is left as it was on any error. An input that fix leaves\n"
    "unchanged is not rewritten at all (its mtime stays). Refused: symbolic\n"
    "links (skipped unless --follow-symlinks, which writes beside the real\n"
    "file), non-regular files, files with several hard links (unless\n"
    "--force). -o naming the input is an in-place rewrite.\n"
    "\n"
    "--explain prints every change on standard error:\n"
    "  FILE: STAGE/FIXER ACTION PARAMETER at bytes B-E: \"BEFORE\" -> \"AFTER\"\n"
    "  (confidence 0.99)        (B-E: half-open byte range of the text the\n"
    "                            step ran on; long texts are cut with ...)\n"
    "--explain=json prints one JSON object per step and line: path, [line,\n"
    "field,] stage, fixer, action, parameter, begin, end, before, after,\n"
    "confidence.\n"
    "\n"
    "--jsonl: each input is JSON Lines. The top-level string members named\n"
    "by --field (default text; repeat for more) are repaired as UTF-8 text;\n"
    "every other byte of the line is kept, and exactly one line is written\n"
    "per input line, in order. Only the string token of a changed member is\n"
    "replaced, re-escaped minimally (\", \\, control characters; non-ASCII\n"
    "stays UTF-8). A member that is absent or not a string leaves the line\n"
    "as is; empty lines are kept. A line that is not valid JSON (or holds\n"
    "invalid UTF-8) is reported as 'norm: FILE:LINE: ...' and, by\n"
    "--bad-line, kept as is (default), skipped, or fatal (exit 2). Lines\n"
    "stream through one at a time; a line is held whole, and one longer\n"
    "than --max-line (default 1 GiB) stops the run (exit 2). Several inputs\n"
    "to standard output are concatenated (a '\\n' is added after an input\n"
    "whose last line has none).\n"
    "\n"
    "Exit status: 0 done (also when text was changed); 2 usage error, an\n"
    "input that cannot be used (missing, a directory, binary, invalid bytes\n"
    "without --force, a symbolic link or special file with\n"
    "--in-place), a bad JSON line under --bad-line fail; 3 I/O error.\n"
    "The other inputs are still processed; the highest code is returned.\n";

constexpr std::string_view kCheckUsage =
    "Usage: norm check [OPTIONS] [FILE...|-] [--files-from LIST]\n"
    "List, one per line, the inputs that 'norm fix' would change (a legacy\n"
    "encoding to convert, mojibake to repair). For CI and pre-commit hooks.\n"
    "\n"
    "Options";

constexpr std::string_view kCheckEpilog =
    "\n"
    "Binary inputs are not listed (fix leaves them alone). An input with\n"
    "bytes invalid in its encoding is an error unless --force (then it is\n"
    "listed: fix --force would write them as \\xXX escapes).\n"
    "\n"
    "Exit status: 0 nothing to change; 1 some input would be changed;\n"
    "2 usage error or an input that cannot be used (missing, a directory,\n"
    "invalid bytes); 3 I/O error. The highest code met wins.\n";

// Whole-input limit: fix_options::max_input's 1 GiB (the most
// --stream-above may be; larger inputs always stream).
constexpr std::uint64_t kMaxFile = std::uint64_t{1} << 30;

// Inputs above this many bytes are repaired by norm::fix_stream, segment by
// segment in bounded memory, instead of whole (--stream-above). 16 MiB:
// whole, the repair of text that is all damage takes ~20x its size.
constexpr std::uint64_t kStreamAbove = std::uint64_t{16} << 20;

// --explain: before/after texts longer than this are cut (a decode step's
// `before` is the whole raw input).
constexpr std::size_t kShowBytes = 60;

std::string show(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  std::size_t i = 0;
  while (i < s.size() && i < kShowBytes) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t len = 0;
      for (std::size_t n = 2; n <= 4 && i + n <= s.size(); ++n)
        if (norm::is_valid_utf8(s.substr(i, n))) {
          len = n;
          break;
        }
      if (len > 0) {
        out.append(s.substr(i, len));
        i += len;
        continue;
      }
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          out.append("\\x");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
  if (i < s.size()) out.append("... (" + std::to_string(s.size()) + " bytes)");
  return out;
}

struct fix_request {
  std::vector<std::string> files;
  std::string files_from;
  std::string output;
  bool in_place = false;
  std::string explain = "none";
  bool force = false;
  bool follow_symlinks = false;
  std::string from;
  bool jsonl = false;
  std::vector<std::string> fields;
  std::string bad_line = "keep";
  std::uint64_t max_line = std::uint64_t{1} << 30;
  std::uint64_t stream_above = kStreamAbove;
  std::string script = "keep";
  std::string normalize = "nfc";
  std::string width = "keep";
  std::string spaces = "keep";
  std::string newlines = "keep";
  std::string lost = "mark";
  bool keep_pinyin = false;
  bool keep_markers = false;
  bool keep_entities = false;
  bool no_repair = false;
};

// The later stages' options (shared by fix and check); false after an error
// message for a bad value.
bool stage_options(const fix_request& req, norm::fix_options& fo) {
  if (!norm::script_target_from_name(req.script, fo.script)) {
    print_error("fix: --script takes keep, auto, hans, hant, tw, twp, hk or jp-shinjitai, not '" +
                req.script + "'");
    return false;
  }
  if (req.normalize == "nfc") fo.form = norm::unicode_form::nfc;
  else if (req.normalize == "nfkc") fo.form = norm::unicode_form::nfkc;
  else if (req.normalize == "none") fo.form = norm::unicode_form::none;
  else {
    print_error("fix: --normalize takes nfc, nfkc or none, not '" + req.normalize + "'");
    return false;
  }
  if (req.width == "keep") fo.width = norm::width_mode::keep;
  else if (req.width == "fold") fo.width = norm::width_mode::fold;
  else if (req.width == "cjk") fo.width = norm::width_mode::cjk;
  else {
    print_error("fix: --width takes keep, fold or cjk, not '" + req.width + "'");
    return false;
  }
  if (req.spaces == "keep") fo.spaces = norm::space_mode::keep;
  else if (req.spaces == "ascii") fo.spaces = norm::space_mode::ascii;
  else {
    print_error("fix: --spaces takes keep or ascii, not '" + req.spaces + "'");
    return false;
  }
  if (req.newlines == "keep") fo.newlines = norm::newline_mode::keep;
  else if (req.newlines == "lf") fo.newlines = norm::newline_mode::lf;
  else if (req.newlines == "crlf") fo.newlines = norm::newline_mode::crlf;
  else {
    print_error("fix: --newlines takes keep, lf or crlf, not '" + req.newlines + "'");
    return false;
  }
  if (req.lost == "mark") fo.mark_lost = true;
  else if (req.lost == "drop") fo.mark_lost = false;
  else {
    print_error("fix: --lost takes mark or drop, not '" + req.lost + "'");
    return false;
  }
  fo.strip_pinyin = !req.keep_pinyin;
  fo.repair_markers = !req.keep_markers;
  fo.decode_html_entities = !req.keep_entities;
  if (req.no_repair) {
    fo.repair_mojibake = false;
    fo.repair_misalignment = false;
  }
  return true;
}

void add_stage_options(po::options_description& opts, fix_request& req) {
  opts.add_options()
      ("script", po::value(&req.script)->value_name("TARGET"),
       "convert stage: keep (default), auto (repair only the characters that stray from "
       "the dominant script), or convert the whole text: hans, hant, tw, twp, hk, "
       "jp-shinjitai (OpenCC's t2s, s2t, s2tw, s2twp, s2hk, t2jp)")
      ("normalize", po::value(&req.normalize)->value_name("FORM"),
       "Unicode form: nfc (default), nfkc or none")
      ("width", po::value(&req.width)->value_name("MODE"),
       "keep (default); fold: full-width ASCII to ASCII, half-width kana to full-width; "
       "cjk: full-width punctuation between Han characters")
      ("spaces", po::value(&req.spaces)->value_name("MODE"),
       "keep (default) or ascii: no-break and ideographic spaces to ' '")
      ("newlines", po::value(&req.newlines)->value_name("MODE"),
       "keep (default), lf or crlf")
      ("lost", po::value(&req.lost)->value_name("MODE"),
       "where a character's bytes are gone: mark (U+FFFD, default) or drop")
      ("keep-pinyin", po::bool_switch(&req.keep_pinyin), "do not strip inline pinyin annotations")
      ("keep-markers", po::bool_switch(&req.keep_markers),
       "report lossy markers but do not repair them")
      ("keep-entities", po::bool_switch(&req.keep_entities),
       "do not decode HTML character references in plain text")
      ("no-repair", po::bool_switch(&req.no_repair),
       "skip the repair stage (mojibake, misalignment): only the later stages");
}

// A regular file larger than `above` bytes: streamed (its head need not be
// read whole to know).
bool known_above(const input_source& in, std::uint64_t above) {
  return S_ISREG(in.info().st_mode) && static_cast<std::uint64_t>(in.info().st_size) > above;
}

// Reads the whole input when it is not above `above` bytes (then it is
// repaired whole), else the head of a stream: 1 MiB of a regular file
// known to be larger, `above` + 1 bytes of anything else.
norm::result<std::string> read_head(input_source& in, std::uint64_t above) {
  std::string buf;
  const std::size_t want = known_above(in, above)
                               ? kDetectWindow
                               : static_cast<std::size_t>(std::min<std::uint64_t>(above, kMaxFile)) + 1;
  if (S_ISREG(in.info().st_mode) && in.info().st_size > 0)
    buf.reserve(std::min<std::size_t>(static_cast<std::size_t>(in.info().st_size) + 1, want));
  if (auto s = in.fill(buf, want); !s) return s.error();
  return buf;
}

// Feeds a stream the head already read, then the rest of `in` in blocks of
// 1 MiB; `each` gets the output so far after every block (and may clear
// it), and returns false to stop early. Returns the stream's or the
// read's error.
template <class Each>
norm::status pump_stream(norm::fix_stream& st, input_source& in, std::string& block, std::string& out,
                         Each&& each) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  for (;;) {
    // (the head is fed a block at a time too: its output is written, and
    // dropped, as it comes)
    for (std::string_view rest = block; !rest.empty();) {
      const std::string_view part = rest.substr(0, kBlock);
      rest.remove_prefix(part.size());
      if (auto s = st.feed(part, out); !s) return s;
      if (!each()) return {};
    }
    if (block.size() > kBlock) std::string(kBlock, '\0').swap(block);  // the head's memory back
    auto n = in.read_block(block, kBlock);
    if (!n) return n.error();
    if (*n == 0) break;
  }
  block.clear();
  if (auto s = st.finish(out); !s) return s;
  each();
  return {};
}

// "PATH: binary input, not fixed (binary (reason: magic_number, PNG image))"
std::string binary_message(const std::string& path, std::string_view bytes, const char* what) {
  const norm::detection d = norm::detect(bytes.substr(0, kDetectWindow));
  return path + ": binary input, " + what + " (" + describe(d, false) + ")";
}

std::string fix_error_message(const std::string& path, const norm::error& e, bool force) {
  std::string m = path + ": " + e.message;
  if (e.message.empty()) m += std::string(norm::to_string(e.code));
  if (e.code == norm::errc::invalid_input || e.code == norm::errc::truncated_input) {
    m += " at byte " + std::to_string(e.offset);
    if (!force) m += "; not fixed (--force keeps such bytes as \\xXX escapes)";
  }
  return m;
}

// Where an in-place rewrite of `path` goes: `path` itself, or with
// --follow-symlinks the file a symbolic link resolves to. Refuses links
// (without the flag) and anything but regular files before reading them
// (reading a FIFO would block).
norm::result<std::string> in_place_target(const std::string& path, bool follow) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return path;  // open() reports it
  std::string target = path;
  if (S_ISLNK(st.st_mode)) {
    if (!follow)
      return norm::error{norm::errc::invalid_argument, 0,
                         path + ": is a symbolic link; skipped (--follow-symlinks fixes the "
                                "file it points to)"};
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real) return path;  // a dangling link: open() reports it
    target = real;
    std::free(real);
    if (::stat(target.c_str(), &st) != 0) return target;
  }
  if (S_ISDIR(st.st_mode)) return target;  // open() says "Is a directory"
  if (!S_ISREG(st.st_mode))
    return norm::error{norm::errc::invalid_argument, 0,
                       path + ": not a regular file; skipped"};
  return target;
}

// True when the file at `path` is still the one read as `st` (same inode,
// size and modification time): an in-place rewrite must not overwrite a
// change made while it ran.
bool unchanged_since(const std::string& path, const struct stat& st) {
  struct stat now {};
  if (::stat(path.c_str(), &now) != 0) return false;
  return now.st_dev == st.st_dev && now.st_ino == st.st_ino && now.st_size == st.st_size &&
         now.st_mtim.tv_sec == st.st_mtim.tv_sec && now.st_mtim.tv_nsec == st.st_mtim.tv_nsec;
}

class fix_run {
 public:
  fix_run(const fix_request& req, const norm::fix_options& fo, explain_mode ex,
          std::optional<jsonl_filter> jsonl)
      : req_(req), fo_(fo), explain_(ex), jsonl_(std::move(jsonl)) {}

  // Returns false when the run must stop (a fatal bad JSON line).
  bool process(const std::string& path) {
    std::string target;
    if (req_.in_place) {
      auto t = in_place_target(path, req_.follow_symlinks);
      if (!t) return fail(t.error());
      target = std::move(*t);
    }
    auto in = input_source::open(path);
    if (!in) return fail(in.error());
    if (jsonl_) return process_jsonl(*in, target);

    auto bytes = read_head(*in, req_.stream_above);
    if (!bytes) return fail(bytes.error());
    if (bytes->size() > req_.stream_above || known_above(*in, req_.stream_above))
      return process_stream(*in, std::move(*bytes), target);
    // The buffer goes to fix: unchanged text comes back in it, not copied
    // (on an error it stays as read).
    auto r = norm::fix_bytes_owned(std::move(*bytes), fo_);
    if (!r) {
      if (r.error().code == norm::errc::binary_input) {
        print_error(binary_message(path, *bytes, "not fixed"));
        status_ = std::max(status_, int{kExitInput});
        return true;
      }
      print_error(fix_error_message(path, r.error(), req_.force));
      status_ = std::max(status_, exit_code_for(r.error()));
      return true;
    }
    if (explain_ != explain_mode::none) print_trace(path, 0, {}, r->trace, r->findings, explain_);
    const bool changed = r->changed;

    if (req_.in_place) {
      if (!changed) return true;
      return replace(target, *in, r->text);
    }
    if (!req_.output.empty()) {
      auto sink = output_sink::replacing(req_.output, sink_options());
      if (!sink) return fail(sink.error());
      if (!changed && sink->replaces(in->info())) return true;  // -o naming the input
      return write_commit(*sink, r->text);
    }
    if (auto s = stdout_.write(r->text); !s) return fail(s.error());
    return true;
  }

  int status() const { return status_; }

 private:
  bool fail(const norm::error& e) {
    print_error(e.message);
    status_ = std::max(status_, exit_code_for(e));
    return true;
  }

  replace_options sink_options() const {
    norm_cli::replace_options ro;
    ro.allow_hard_links = req_.force;
    ro.ignore_metadata_errors = req_.force;
    return ro;
  }

  bool write_commit(output_sink& sink, std::string_view text) {
    if (auto s = sink.write(text); !s) return fail(s.error());
    if (auto s = sink.commit(); !s) return fail(s.error());
    return true;
  }

  bool replace(const std::string& target, const input_source& in, std::string_view text) {
    auto sink = output_sink::replacing(target, sink_options());
    if (!sink) return fail(sink.error());
    if (auto s = sink->write(text); !s) return fail(s.error());
    if (!unchanged_since(target, in.info()))
      return fail(norm::error{norm::errc::io_error, 0,
                              target + ": changed while being fixed; not replaced"});
    if (auto s = sink->commit(); !s) return fail(s.error());
    return true;
  }

  // An input above --stream-above: norm::fix_stream, the output written as
  // it comes. To a file (-o, --in-place) it goes to the temporary file that
  // replaces the target only when all went well; standard output has what
  // was written before an error.
  bool process_stream(input_source& in, std::string head, const std::string& target) {
    const std::string& path = in.name();
    auto st = norm::fix_stream::create(fo_);
    if (!st) return fail(st.error());
    std::optional<output_sink> sink;
    if (req_.in_place || !req_.output.empty()) {
      auto s = output_sink::replacing(req_.in_place ? target : req_.output, sink_options());
      if (!s) return fail(s.error());
      sink.emplace(std::move(*s));
    }
    output_sink& out = sink ? *sink : stdout_;
    std::string block = std::move(head), produced;
    norm::status write_error;
    auto each = [&] {
      if (explain_ != explain_mode::none) print_trace(path, 0, {}, st->take_trace(), st->take_findings(), explain_);
      if (!produced.empty()) {
        if (auto s = out.write(produced); !s) {
          write_error = s;
          return false;
        }
        produced.clear();
      }
      return true;
    };
    if (auto s = pump_stream(*st, in, block, produced, each); !s) {
      if (s.error().code == norm::errc::binary_input) {
        print_error(binary_message(path, block, "not fixed"));
        status_ = std::max(status_, int{kExitInput});
        return true;
      }
      if (s.error().code == norm::errc::io_error) return fail(s.error());
      print_error(fix_error_message(path, s.error(), req_.force));
      status_ = std::max(status_, exit_code_for(s.error()));
      return true;
    }
    if (!write_error) return fail(write_error.error());
    if (!sink) return true;
    const bool same_file = req_.in_place || sink->replaces(in.info());
    if (same_file && !st->changed()) return true;  // the temp file goes with the sink
    if (same_file && !unchanged_since(sink->name(), in.info()))
      return fail(norm::error{norm::errc::io_error, 0, sink->name() + ": changed while being fixed; not replaced"});
    if (auto s = sink->commit(); !s) return fail(s.error());
    return true;
  }

  bool process_jsonl(input_source& in, const std::string& target) {
    std::optional<output_sink> sink;
    if (req_.in_place || !req_.output.empty()) {
      auto s = output_sink::replacing(req_.in_place ? target : req_.output, sink_options());
      if (!s) return fail(s.error());
      sink.emplace(std::move(*s));
    } else if (stdout_needs_newline_) {
      if (auto s = stdout_.write("\n"); !s) return fail(s.error());
      stdout_needs_newline_ = false;
    }
    output_sink& out = sink ? *sink : stdout_;
    const jsonl_outcome r = jsonl_->run(in, out);
    status_ = std::max(status_, r.status);
    if (!sink) {
      stdout_needs_newline_ = r.ended_without_newline;
    } else if (r.status == kExitOk) {
      // Unchanged: an in-place target keeps its inode and mtime (the temp
      // file goes away with the sink); a separate -o OUT is still written.
      const bool same_file = req_.in_place || sink->replaces(in.info());
      if (!(same_file && !r.changed)) {
        if (same_file && !unchanged_since(sink->name(), in.info()))
          return fail(norm::error{norm::errc::io_error, 0,
                                  sink->name() + ": changed while being fixed; not replaced"});
        if (auto s = sink->commit(); !s) return fail(s.error());
      }
    }
    // A fatal bad line (or a line over --max-line) stops the whole run; a
    // read error only this input.
    return r.status != kExitInput;
  }

  const fix_request& req_;
  norm::fix_options fo_;
  explain_mode explain_;
  std::optional<jsonl_filter> jsonl_;
  output_sink stdout_ = output_sink::to_stdout();
  bool stdout_needs_newline_ = false;
  int status_ = kExitOk;
};

std::optional<explain_mode> explain_from_name(std::string_view s) {
  if (s == "none") return explain_mode::none;
  if (s == "text" || s.empty()) return explain_mode::text;
  if (s == "json") return explain_mode::json;
  return std::nullopt;
}

std::optional<norm::encoding> lookup_from(const std::string& name) {
  if (name.empty()) return norm::encoding::unknown;
  auto e = norm::encoding_from_name(name);
  if (!e || *e == norm::encoding::unknown) {
    print_error("unknown encoding '" + name +
                "' (--from); 'norm convert --list' prints the known names");
    return std::nullopt;
  }
  return e;
}

}  // namespace

void print_trace(std::string_view path, std::uint64_t line, std::string_view field,
                 const std::vector<norm::trace_step>& steps,
                 const std::vector<norm::finding>& findings, explain_mode mode) {
  if (mode == explain_mode::none || (steps.empty() && findings.empty())) return;
  std::string out;
  char conf[32];
  // Where a step or finding is: "PATH[:LINE][: FIELD]: " or the JSON keys.
  auto begin_json = [&](json_writer& w) {
    w.begin_object();
    w.field("path", path);
    if (line > 0) {
      w.field("line", line);
    }
    if (!field.empty()) {
      w.field("field", field);
    }
  };
  auto text_where = [&] {
    out.append(path);
    if (line > 0) out.append(":" + std::to_string(line));
    if (!field.empty()) {
      out.append(": ");
      out.append(field);
    }
    out.append(": ");
  };
  for (const norm::trace_step& s : steps) {
    if (mode == explain_mode::json) {
      json_writer w(out);
      begin_json(w);
      w.field("stage", norm::to_string(s.stage));
      w.field("fixer", s.fixer);
      w.field("action", s.action);
      w.field("parameter", s.parameter);
      w.field("begin", s.begin);
      w.field("end", s.end);
      w.field("before", s.before);
      w.field("after", s.after);
      w.field("confidence", s.confidence);
      w.end_object();
    } else {
      text_where();
      out.append(norm::to_string(s.stage));
      out.push_back('/');
      out.append(s.fixer);
      out.push_back(' ');
      out.append(s.action);
      if (!s.parameter.empty()) {
        out.push_back(' ');
        out.append(s.parameter);
      }
      out.append(" at bytes " + std::to_string(s.begin) + "-" + std::to_string(s.end) + ": ");
      out.append(show(s.before));
      out.append(" -> ");
      out.append(show(s.after));
      std::snprintf(conf, sizeof conf, " (confidence %.2f)", s.confidence);
      out.append(conf);
    }
    out.push_back('\n');
  }
  // Findings: what the fixers saw and reported (lossy markers, script
  // strays), repaired or not. JSON lines carry "finding" instead of "action".
  for (const norm::finding& f : findings) {
    if (mode == explain_mode::json) {
      json_writer w(out);
      begin_json(w);
      w.field("stage", norm::to_string(f.stage));
      w.field("fixer", f.fixer);
      w.field("finding", f.kind);
      w.field("begin", f.begin);
      w.field("end", f.end);
      w.field("text", f.text);
      w.field("detail", f.detail);
      w.field("repaired", f.repaired);
      w.end_object();
    } else {
      text_where();
      out.append(norm::to_string(f.stage));
      out.push_back('/');
      out.append(f.fixer);
      out.append(" found ");
      out.append(f.kind);
      out.append(" at bytes " + std::to_string(f.begin) + "-" + std::to_string(f.end) + ": ");
      out.append(show(f.text));
      if (!f.detail.empty()) out.append(" (" + f.detail + ")");
      out.append(f.repaired ? " [repaired]" : " [reported]");
    }
    out.push_back('\n');
  }
  std::fflush(stdout);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

int run_fix(const args_t& raw_args) {
  // A bare --explain never takes the next word as its format (program_options
  // would read `--explain FILE` as format FILE): only --explain=FORMAT does.
  args_t args = raw_args;
  for (std::string& a : args) {
    if (a == "--") break;
    if (a == "--explain") a = "--explain=text";
  }
  fix_request req;
  po::options_description opts{std::string(kFixUsage)};
  opts.add_options()
      ("output,o", po::value(&req.output)->value_name("OUT"),
       "write OUT (atomically) instead of standard output; one input only")
      ("in-place,i", po::bool_switch(&req.in_place),
       "rewrite each FILE that changes (atomically); unchanged files are left alone")
      ("explain", po::value(&req.explain)->implicit_value("text")->value_name("FORMAT"),
       "print each change on standard error: text (default) or json (--explain=json)")
      ("from", po::value(&req.from)->value_name("ENC"),
       "the input encoding (skips detection); not with --jsonl")
      ("force", po::bool_switch(&req.force),
       "keep invalid bytes as \\xXX escapes instead of refusing the input; replace "
       "targets with several hard links or whose owner/attributes cannot be kept")
      ("follow-symlinks", po::bool_switch(&req.follow_symlinks),
       "--in-place: fix the file a symbolic link points to (default: skip links)")
      ("files-from", po::value(&req.files_from)->value_name("LIST"),
       "also read paths from LIST, one per line ('-': standard input)")
      ("jsonl", po::bool_switch(&req.jsonl), "the inputs are JSON Lines: repair string fields")
      ("field", po::value(&req.fields)->composing()->value_name("NAME"),
       "--jsonl: a top-level member to repair (repeatable; default text)")
      ("bad-line", po::value(&req.bad_line)->value_name("POLICY"),
       "--jsonl: a line that is not valid JSON is kept (default), skipped or fail")
      ("max-line", po::value(&req.max_line)->value_name("BYTES"),
       "--jsonl: refuse lines longer than this (default 1073741824)")
      ("stream-above", po::value(&req.stream_above)->value_name("BYTES"),
       "repair inputs larger than this segment by segment, in bounded memory "
       "(default 16777216; at most 1073741824)")
      ("help,h", "show this help and exit");
  add_stage_options(opts, req);
  po::variables_map vm = parse_command(args, opts, req.files, -1);
  if (vm.count("help")) {
    std::cout << opts << kFixEpilog;
    return kExitOk;
  }
  const std::optional<explain_mode> ex = explain_from_name(req.explain);
  if (!ex) {
    print_error("fix: --explain takes text or json, not '" + req.explain + "'");
    return kExitInput;
  }
  if (req.output == "-") req.output.clear();
  if (req.in_place && !req.output.empty()) {
    print_error("fix: -o and --in-place exclude each other");
    return kExitInput;
  }
  if (!req.output.empty() && (req.files.size() > 1 || !req.files_from.empty())) {
    print_error("fix: -o takes one input; use --in-place for several");
    return kExitInput;
  }
  if (req.in_place && (req.files.empty() && req.files_from.empty())) {
    print_error("fix: --in-place needs FILE arguments (not standard input)");
    return kExitInput;
  }
  if (req.in_place && std::count(req.files.begin(), req.files.end(), "-") > 0) {
    print_error("fix: --in-place cannot rewrite standard input");
    return kExitInput;
  }
  if (req.files_from == "-" && std::count(req.files.begin(), req.files.end(), "-") > 0) {
    print_error("fix: '-' and '--files-from -' both want standard input");
    return kExitInput;
  }
  if (!req.jsonl && (vm.count("field") || vm.count("bad-line") || vm.count("max-line"))) {
    print_error("fix: --field, --bad-line and --max-line go with --jsonl");
    return kExitInput;
  }
  if (req.stream_above > kMaxFile) {
    print_error("fix: --stream-above is at most 1073741824 (1 GiB, the whole-input limit)");
    return kExitInput;
  }
  if (req.jsonl && !req.from.empty()) {
    print_error("fix: --from does not go with --jsonl (JSON is UTF-8)");
    return kExitInput;
  }
  const std::optional<norm::encoding> from = lookup_from(req.from);
  if (!from) return kExitInput;

  norm::fix_options fo;
  fo.explain = *ex != explain_mode::none;
  fo.input_encoding = *from;
  fo.on_invalid = req.force ? norm::error_policy::escape : norm::error_policy::strict;
  fo.max_input = kMaxFile;
  if (!stage_options(req, fo)) return kExitInput;

  std::optional<jsonl_filter> filter;
  if (req.jsonl) {
    jsonl_options jo;
    if (!req.fields.empty()) jo.fields = req.fields;
    if (req.bad_line == "keep") jo.on_bad_line = bad_line_policy::keep;
    else if (req.bad_line == "skip") jo.on_bad_line = bad_line_policy::skip;
    else if (req.bad_line == "fail") jo.on_bad_line = bad_line_policy::fail;
    else {
      print_error("fix: --bad-line must be keep, skip or fail, not '" + req.bad_line + "'");
      return kExitInput;
    }
    if (req.max_line == 0) {
      print_error("fix: --max-line must be at least 1");
      return kExitInput;
    }
    jo.max_line = req.max_line;
    jo.explain = *ex;
    jo.fix = fo;
    filter.emplace(std::move(jo));
  }
  if (req.files.empty() && req.files_from.empty()) req.files.push_back("-");

  fix_run run(req, fo, *ex, std::move(filter));
  bool go = true;
  for (const std::string& f : req.files)
    if (!(go = run.process(f))) break;
  int status = run.status();
  if (go && !req.files_from.empty()) {
    if (auto s = for_each_listed_path(req.files_from,
                                      [&](const std::string& p) { return run.process(p); });
        !s) {
      print_error(s.error().message);
      status = std::max(status, exit_code_for(s.error()));
    }
  }
  return std::max(status, run.status());
}

int run_check(const args_t& args) {
  std::vector<std::string> files;
  std::string files_from, from_name;
  bool force = false;
  std::uint64_t stream_above = kStreamAbove;
  po::options_description opts{std::string(kCheckUsage)};
  opts.add_options()
      ("from", po::value(&from_name)->value_name("ENC"), "the input encoding (skips detection)")
      ("force", po::bool_switch(&force), "as fix --force: invalid bytes would become \\xXX")
      ("files-from", po::value(&files_from)->value_name("LIST"),
       "also read paths from LIST, one per line ('-': standard input)")
      ("stream-above", po::value(&stream_above)->value_name("BYTES"),
       "read inputs larger than this as a stream, in bounded memory (default 16777216)")
      ("help,h", "show this help and exit");
  fix_request stage_req;  // the stage options, as for fix
  add_stage_options(opts, stage_req);
  po::variables_map vm = parse_command(args, opts, files, -1);
  if (vm.count("help")) {
    std::cout << opts << kCheckEpilog;
    return kExitOk;
  }
  if (files_from == "-" && std::count(files.begin(), files.end(), "-") > 0) {
    print_error("check: '-' and '--files-from -' both want standard input");
    return kExitInput;
  }
  if (stream_above > kMaxFile) {
    print_error("check: --stream-above is at most 1073741824 (1 GiB, the whole-input limit)");
    return kExitInput;
  }
  const std::optional<norm::encoding> from = lookup_from(from_name);
  if (!from) return kExitInput;
  if (files.empty() && files_from.empty()) files.push_back("-");

  norm::fix_options fo;
  fo.input_encoding = *from;
  fo.on_invalid = force ? norm::error_policy::escape : norm::error_policy::strict;
  fo.max_input = kMaxFile;
  if (!stage_options(stage_req, fo)) return kExitInput;

  int status = kExitOk;
  bool found = false;
  auto check_one = [&](const std::string& path) {
    auto in = input_source::open(path);
    norm::result<std::string> bytes =
        in ? read_head(*in, stream_above) : norm::result<std::string>(in.error());
    if (!bytes) {
      print_error(bytes.error().message);
      status = std::max(status, exit_code_for(bytes.error()));
      return true;
    }
    if (bytes->size() > stream_above || known_above(*in, stream_above)) {
      // A stream, stopped at the first change.
      auto st = norm::fix_stream::create(fo);
      if (!st) return print_error(st.error().message), status = std::max(status, exit_code_for(st.error())), true;
      std::string out;
      auto s = pump_stream(*st, *in, *bytes, out, [&] {
        out.clear();
        return !st->changed();
      });
      if (!s) {
        if (s.error().code == norm::errc::binary_input) return true;
        print_error(s.error().code == norm::errc::io_error ? s.error().message
                                                             : fix_error_message(path, s.error(), force));
        status = std::max(status, exit_code_for(s.error()));
        return true;
      }
      if (st->changed()) {
        found = true;
        std::string line = path + "\n";
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
      return true;
    }
    auto r = norm::fix_bytes_owned(std::move(*bytes), fo);
    if (!r) {
      if (r.error().code == norm::errc::binary_input) return true;  // fix leaves it
      print_error(fix_error_message(path, r.error(), force));
      status = std::max(status, exit_code_for(r.error()));
      return true;
    }
    if (r->changed) {
      found = true;
      std::string line = path + "\n";
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    return true;
  };
  for (const std::string& f : files) check_one(f);
  if (!files_from.empty()) {
    if (auto s = for_each_listed_path(files_from, check_one); !s) {
      print_error(s.error().message);
      status = std::max(status, exit_code_for(s.error()));
    }
  }
  if (std::fflush(stdout) != 0) {
    print_error("standard output: write error");
    return kExitIo;
  }
  return std::max(status, found ? int{kExitFindings} : int{kExitOk});
}

}  // namespace norm_cli
