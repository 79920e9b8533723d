// norm detect: what encoding is each input in, and is it text at all?
// One process for any number of inputs (a process start costs 7-15 ms, so
// batch mode matters: FIELD.md), one line per input, plain or JSON.
#include <boost/program_options.hpp>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include <norm/norm.hpp>

#include "commands.hpp"
#include "options.hpp"
#include "io.hpp"
#include "json.hpp"

namespace po = boost::program_options;

namespace norm_cli {
namespace {

constexpr std::string_view kDetectUsage =
    "Usage: norm detect [OPTIONS] [FILE...|-] [--files-from LIST]\n"
    "Tell the encoding of each FILE (standard input when there is none, or\n"
    "for '-'), or that it is binary. One line per input:\n"
    "  PATH: ENCODING (confidence 0.97)\n"
    "  PATH: binary (reason: REASON, DETAIL)\n"
    "\n"
    "Detection scores the first 1 MiB of an input. When that part is ASCII\n"
    "or UTF-8, the rest of the input is read too and checked as UTF-8, so\n"
    "\"UTF-8\" is never said of bytes that are not UTF-8 (the verdict then\n"
    "comes from the first 1 MiB after the first byte that breaks UTF-8).\n"
    "Memory stays bounded (about 2 MiB) whatever the input size.\n"
    "\n"
    "Options";

constexpr std::string_view kDetectEpilog =
    "\n--json writes one object per line and input: path, path_hex (only when\n"
    "the path is not UTF-8; its bytes in hex), kind (\"text\"|\"binary\"),\n"
    "encoding (best candidate, null for binary), confidence, reliable,\n"
    "bytes_examined, reason (null for text), detail, bom, bom_length, size\n"
    "(bytes read), note (when the UTF-8 check of the rest changed the verdict),\n"
    "candidates [{encoding, confidence, reliable, bytes_examined}, ...].\n"
    "An input that cannot be read gives {\"path\":..., \"error\":..., \"exit\":N}.\n"
    "Path bytes that are not UTF-8 are written as \\udcXX (Python's\n"
    "surrogateescape: os.fsencode(obj[\"path\"]) gives the exact bytes).\n"
    "\n"
    "Exit status: 0 every input was read and classified (text or binary);\n"
    "2 usage error, or an input could not be opened (missing, a directory,\n"
    "no permission); 3 read error. The other inputs are still processed.\n";

bool is_utf8_family(norm::encoding e) {
  return e == norm::encoding::utf8 || e == norm::encoding::ascii;
}

struct file_verdict {
  norm::detection d;
  std::uint64_t size = 0;  // bytes read
  std::string note;        // set when the tail check changed the verdict
};

// Reusable buffers: a batch of thousands of files allocates once.
struct buffers {
  std::string head;
  std::string pending;
};

// Reads the input and decides. The first kDetectWindow bytes are scored.
// When they say ASCII/UTF-8 and more follows, the rest is streamed through
// the UTF-8 validator in 1 MiB blocks (1 MiB: one read per block, and the
// validator runs at memory speed, so blocks only bound memory):
//  * all valid, non-ASCII seen after an ASCII head -> UTF-8;
//  * an invalid sequence at byte N -> detect() again on up to 1 MiB from
//    byte N, with UTF-8 and ASCII struck off the candidates.
norm::result<file_verdict> detect_input(input_source& in, buffers& buf) {
  file_verdict v;
  buf.head.clear();
  if (auto s = in.fill(buf.head, kDetectWindow); !s) return s.error();
  buf.pending.clear();
  if (buf.head.size() == kDetectWindow) {
    if (auto s = in.fill(buf.pending, 1); !s) return s.error();
  }
  if (buf.pending.empty()) {  // the whole input is in head
    v.d = norm::detect(buf.head);
    v.size = buf.head.size();
    return v;
  }

  // More follows: score the head without a UTF-8 sequence cut at its end.
  const std::string_view head = buf.head;
  const std::size_t keep = norm::utf8_complete_prefix(head);
  v.d = norm::detect(head.substr(0, keep));
  if (v.d.kind == norm::content_kind::binary || !is_utf8_family(v.d.best())) {
    v.size = in.bytes_read();
    return v;
  }

  std::string& pending = buf.pending;
  pending.insert(0, head.substr(keep));
  std::uint64_t base = keep;  // input offset of pending[0]
  bool non_ascii = v.d.best() == norm::encoding::utf8;
  for (;;) {
    const std::size_t before = pending.size();
    if (auto s = in.fill(pending, before + kDetectWindow); !s) return s.error();
    const bool at_end = pending.size() < before + kDetectWindow;
    const std::string_view data = pending;
    const std::size_t n = at_end ? data.size() : norm::utf8_complete_prefix(data);
    const norm::utf8_check chk = norm::validate_utf8(data.substr(0, n));
    if (!chk.valid) {
      std::string window(data.substr(chk.error_offset));
      if (window.size() < kDetectWindow) {
        if (auto s = in.fill(window, kDetectWindow); !s) return s.error();
      }
      const std::uint64_t bad = base + chk.error_offset;
      v.d = norm::detect(window);
      std::erase_if(v.d.candidates,
                    [](const norm::candidate& c) { return is_utf8_family(c.enc); });
      v.note = "not UTF-8: invalid sequence at byte " + std::to_string(bad) +
               "; scored from there";
      v.size = in.bytes_read();
      return v;
    }
    non_ascii = non_ascii || chk.non_ascii > 0;
    base += n;
    pending.erase(0, n);
    if (at_end) break;
  }
  v.size = base;
  if (!v.d.candidates.empty()) {
    norm::candidate& best = v.d.candidates.front();
    if (non_ascii && best.enc == norm::encoding::ascii) {
      best.enc = norm::encoding::utf8;
      auto& cs = v.d.candidates;
      cs.erase(std::remove_if(cs.begin() + 1, cs.end(),
                              [](const norm::candidate& c) { return is_utf8_family(c.enc); }),
               cs.end());
      v.note = "ASCII in the first 1 MiB, UTF-8 after it";
    }
    v.d.candidates.front().bytes_examined = v.size;  // all of it was validated
  }
  return v;
}

// What the first window holds (norm::inspect on its decoded text): lossy
// markers and the Chinese script profile. Offsets are in that UTF-8 text.
struct window_inspection {
  norm::inspection in;
  std::uint64_t bytes = 0;  // input bytes inspected
};

std::optional<window_inspection> inspect_window(std::string_view head, const norm::detection& d) {
  if (d.kind == norm::content_kind::binary || d.candidates.empty()) return std::nullopt;
  const norm::encoding enc = d.best();
  std::string_view bytes = head;
  std::string decoded;
  if (is_utf8_family(enc) || enc == norm::encoding::ascii) {
    bytes = bytes.substr(0, norm::utf8_complete_prefix(bytes));
    if (!norm::is_valid_utf8(bytes)) return std::nullopt;
    if (d.has_bom) bytes.remove_prefix(std::min<std::size_t>(d.bom_length, bytes.size()));
  } else {
    norm::decode_options o;
    o.on_error = norm::error_policy::escape;
    auto r = norm::decode(head, enc, o);
    if (!r) return std::nullopt;
    decoded = std::move(r->text);
    bytes = decoded;
  }
  auto r = norm::inspect(bytes);
  if (!r) return std::nullopt;
  return window_inspection{std::move(*r), head.size()};
}

void write_inspection(json_writer& w, const window_inspection& wi) {
  w.field("inspected_bytes", wi.bytes);
  w.key("markers");
  w.begin_array();
  for (const norm::finding& f : wi.in.markers) {
    w.begin_object();
    w.field("kind", f.kind);
    w.field("begin", f.begin);
    w.field("end", f.end);
    w.field("text", f.text);
    w.field("detail", f.detail);
    w.end_object();
  }
  w.end_array();
  const norm::script_profile& p = wi.in.script;
  w.key("script");
  w.begin_object();
  w.field("dominant", p.dominant);
  w.field("han", p.han);
  w.field("simplified_only", p.simplified_only);
  w.field("traditional_only", p.traditional_only);
  w.field("taiwan_only", p.taiwan_only);
  w.field("hongkong_only", p.hongkong_only);
  w.field("shared", p.shared);
  w.field("kana", p.kana);
  w.key("strays");
  w.begin_array();
  for (const norm::script_stray& st : p.strays) {
    w.begin_object();
    w.field("begin", st.begin);
    w.field("end", st.end);
    w.field("text", st.text);
    w.field("suggestion", st.suggestion);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// Plain output: " [script hant, 3 strays; 2 lossy markers]" when there is
// something to say.
std::string describe_inspection(const window_inspection& wi) {
  std::string s;
  const norm::script_profile& p = wi.in.script;
  if (p.dominant != "none") {
    s = "script " + p.dominant;
    if (!p.strays.empty()) s += ", " + std::to_string(p.strays.size()) + " strays";
  }
  if (!wi.in.markers.empty()) {
    if (!s.empty()) s += "; ";
    s += std::to_string(wi.in.markers.size()) + " lossy markers";
  }
  return s.empty() ? s : " [" + s + "]";
}

void write_json(std::string& line, const std::string& path, const file_verdict& v,
                const window_inspection* wi) {
  json_writer w(line);
  const norm::detection& d = v.d;
  const bool binary = d.kind == norm::content_kind::binary;
  w.begin_object();
  w.field("path", path);
  if (!norm::is_valid_utf8(path)) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : path) {
      hex.push_back(kHex[c >> 4]);
      hex.push_back(kHex[c & 15]);
    }
    w.field("path_hex", hex);
  }
  w.field("kind", norm::to_string(d.kind));
  const bool has_best = !binary && !d.candidates.empty();
  w.key("encoding");
  if (has_best) w.string(norm::name(d.best())); else w.null();
  w.field("confidence", has_best ? d.candidates.front().confidence : 0.0);
  w.field("reliable", has_best && d.candidates.front().reliable);
  w.key("bytes_examined");
  w.number(d.candidates.empty() ? std::min<std::uint64_t>(v.size, kDetectWindow)
                                : d.candidates.front().bytes_examined);
  w.key("reason");
  if (binary) w.string(norm::to_string(d.reason)); else w.null();
  w.field("detail", d.detail);
  w.field("bom", d.has_bom);
  w.field("bom_length", d.bom_length);
  w.field("size", v.size);
  if (!v.note.empty()) {
    w.field("note", v.note);
  }
  w.key("candidates");
  w.begin_array();
  if (!binary) {
    for (const norm::candidate& c : d.candidates) {
      w.begin_object();
      w.field("encoding", norm::name(c.enc));
      w.field("confidence", c.confidence);
      w.field("reliable", c.reliable);
      w.field("bytes_examined", c.bytes_examined);
      w.end_object();
    }
  }
  w.end_array();
  if (wi) write_inspection(w, *wi);
  w.end_object();
}

void write_json_error(std::string& line, const std::string& path, const norm::error& e) {
  json_writer w(line);
  w.begin_object();
  w.field("path", path);
  w.field("error", e.message);
  w.field("exit", static_cast<std::uint64_t>(exit_code_for(e)));
  w.end_object();
}

struct detect_request {
  bool json = false;
  bool all = false;
  bool inspect = false;  // plain output: add the inspection summary
};

class detect_run {
 public:
  explicit detect_run(detect_request req) : req_(req) {}

  void process(const std::string& path) {
    auto in = input_source::open(path);
    norm::result<file_verdict> v = in ? detect_input(*in, buf_) : in.error();
    line_.clear();
    if (!v) {
      status_ = std::max(status_, exit_code_for(v.error()));
      print_error(v.error().message);
      if (!req_.json) return;
      write_json_error(line_, path, v.error());
    } else if (req_.json) {
      auto wi = inspect_window(buf_.head, v->d);
      write_json(line_, path, *v, wi ? &*wi : nullptr);
    } else {
      line_ = path;
      line_.append(": ");
      line_.append(describe(v->d, req_.all));
      if (!v->note.empty()) line_.append(" [" + v->note + "]");
      if (req_.inspect) {
        if (auto wi = inspect_window(buf_.head, v->d)) line_.append(describe_inspection(*wi));
      }
    }
    line_.push_back('\n');
    std::fwrite(line_.data(), 1, line_.size(), stdout);
  }

  // Paths one per line ('\n' is the only separator: a path may hold any
  // other byte; empty lines are skipped). Streamed, so a list of a million
  // paths costs one block of memory.
  void process_list(const std::string& list) {
    auto in = input_source::open(list);
    if (!in) {
      status_ = std::max(status_, exit_code_for(in.error()));
      print_error(in.error().message);
      return;
    }
    constexpr std::size_t kListBlock = 64 * 1024;  // a read per 64 KiB of paths
    std::string block, partial;
    for (;;) {
      auto n = in->read_block(block, kListBlock);
      if (!n) {
        status_ = std::max(status_, exit_code_for(n.error()));
        print_error(n.error().message);
        return;
      }
      if (*n == 0) break;
      std::string_view rest = block;
      for (auto nl = rest.find('\n'); nl != std::string_view::npos; nl = rest.find('\n')) {
        partial.append(rest.substr(0, nl));
        rest.remove_prefix(nl + 1);
        if (!partial.empty()) process(partial);
        partial.clear();
      }
      partial.append(rest);
    }
    if (!partial.empty()) process(partial);
  }

  int status() const { return status_; }

 private:
  detect_request req_;
  buffers buf_;
  std::string line_;
  int status_ = kExitOk;
};

}  // namespace

std::string describe(const norm::detection& d, bool all_candidates) {
  char num[32];
  if (d.kind == norm::content_kind::binary) {
    std::string s = "binary (reason: ";
    s.append(norm::to_string(d.reason));
    if (!d.detail.empty()) s.append(", " + d.detail);
    s.push_back(')');
    return s;
  }
  if (d.candidates.empty()) return "unknown (no candidate)";
  std::string s;
  for (const norm::candidate& c : d.candidates) {
    if (!s.empty()) s.append(", ");
    std::snprintf(num, sizeof num, "%.2f", c.confidence);
    s.append(norm::name(c.enc));
    s.append(" (confidence ");
    s.append(num);
    s.push_back(')');
    if (!all_candidates) break;
  }
  return s;
}

int run_detect(const args_t& args) {
  detect_request req;
  std::vector<std::string> files;
  std::string files_from;
  po::options_description opts{std::string(kDetectUsage)};
  opts.add_options()
      ("json", po::bool_switch(&req.json), "one JSON object per line and input")
      ("all", po::bool_switch(&req.all), "plain output: list every candidate, best first")
      ("inspect", po::bool_switch(&req.inspect),
       "plain output: add the script profile and lossy markers of the first 1 MiB "
       "(--json always has them)")
      ("files-from", po::value(&files_from)->value_name("LIST"),
       "also read paths from LIST, one per line ('-': standard input)")
      ("help,h", "show this help and exit");
  po::variables_map vm = parse_command(args, opts, files, -1);
  if (vm.count("help")) {
    std::cout << opts << kDetectEpilog;
    return kExitOk;
  }
  const bool list_from_stdin = files_from == "-";
  if (list_from_stdin && std::count(files.begin(), files.end(), "-") > 0) {
    print_error("detect: '-' and '--files-from -' both want standard input");
    return kExitInput;
  }
  if (files.empty() && files_from.empty()) files.push_back("-");

  // Full buffering on stdout: one write per 64 KiB of lines, not per line.
  static char out_buf[1 << 16];
  std::setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);

  detect_run run(req);
  for (const std::string& f : files) run.process(f);
  if (!files_from.empty()) run.process_list(files_from);
  if (std::fflush(stdout) != 0) {
    print_error("standard output: write error");
    return kExitIo;
  }
  return run.status();
}

}  // namespace norm_cli
