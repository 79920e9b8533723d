// The JSON Lines filter behind `norm fix --jsonl` (see jsonl.hpp). The only
// file of the norm command that includes simdjson.
#include "jsonl.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>

#include <norm/utf8.hpp>

#include "json.hpp"

namespace norm_cli {
namespace {

namespace od = simdjson::ondemand;

// 1 MiB per read(2): a pipe gives at most 64 KiB per call anyway; a file
// gives 1 MiB, enough that per-call costs vanish, small enough to bound
// memory (the block is also where lines are parsed in place).
constexpr std::size_t kBlock = std::size_t{1} << 20;
// simdjson's default nesting limit; deeper values make a bad line (and the
// validating walk below recurses once per level: 1024 frames is safe).
constexpr int kMaxDepth = 1024;
// After a line longer than this, simdjson's per-document buffers (about 5
// bytes per byte of the longest line seen) are given back: 64 MiB keeps an
// ordinary batch from reallocating while one huge line does not pin
// gigabytes for the rest of the stream.
constexpr std::size_t kShrinkAbove = std::size_t{64} << 20;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), is_ws);
}

// RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// Checked on the raw token (simdjson would refuse integers above 64 bits,
// which are valid JSON). O(length).
bool valid_number(std::string_view s) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

std::string why(simdjson::error_code e) {
  std::string m = simdjson::error_message(e);
  while (!m.empty() && (m.back() == '.' || m.back() == ' ')) m.pop_back();
  return m;
}

// Validates a value the filter does not repair, consuming it. Returns an
// empty string when it is valid JSON, else the reason.
std::string validate(od::value v, int depth) {
  if (depth > kMaxDepth) return "nested deeper than 1024 levels";
  od::json_type t;
  if (auto e = v.type().get(t)) return why(e);
  switch (t) {
    case od::json_type::object: {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return why(e);
      for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return why(e);
        std::string_view key;
        if (auto e = f.unescaped_key().get(key)) return why(e);
        if (std::string w = validate(f.value(), depth + 1); !w.empty()) return w;
      }
      return {};
    }
    case od::json_type::array: {
      od::array arr;
      if (auto e = v.get_array().get(arr)) return why(e);
      for (auto er : arr) {
        od::value ev;
        if (auto e = std::move(er).get(ev)) return why(e);
        if (std::string w = validate(ev, depth + 1); !w.empty()) return w;
      }
      return {};
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return why(e);
      if (!norm::is_valid_utf8(s)) return "a string escape is not valid UTF-16";
      return {};
    }
    case od::json_type::number:
      return valid_number(trim_right(v.raw_json_token())) ? std::string()
                                                           : std::string("not a valid number");
    case od::json_type::boolean: {
      bool b = false;
      if (auto e = v.get_bool().get(b)) return why(e);
      return {};
    }
    case od::json_type::null: {
      bool n = false;
      if (auto e = v.is_null().get(n)) return why(e);
      return n ? std::string() : std::string("not a valid literal");
    }
  }
  return "unknown value type";
}

// A repaired field: where its raw string token sits in the line, its
// unescaped text, and the repaired text when it changed.
struct target {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string_view key;   // unescaped, in the parser's string buffer
  std::string_view text;  // unescaped, in the parser's string buffer
  bool changed = false;
  std::string fixed;
};

}  // namespace

struct jsonl_filter::impl {
  explicit impl(jsonl_options o) : opt(std::move(o)) {
    opt.fix.explain = opt.explain != explain_mode::none;
  }

  jsonl_options opt;
  od::parser parser;
  std::vector<target> targets;
  std::string out;    // pending output, written to the sink per read block
  std::string carry;  // a line cut by the end of a read block
  std::string block;
  std::string name;   // input name for messages
  jsonl_outcome res;

  bool wanted(std::string_view key) const {
    for (const std::string& f : opt.fields)
      if (f == key) return true;
    return false;
  }

  static std::string validate_root_scalar(od::document& doc, od::json_type t,
                                         std::string_view tok) {
    switch (t) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = doc.get_string().get(s)) return why(e);
        return norm::is_valid_utf8(s) ? std::string()
                                      : std::string("a string escape is not valid UTF-16");
      }
      case od::json_type::number:
        return valid_number(tok) ? std::string() : std::string("not a valid number");
      case od::json_type::boolean: {
        bool b = false;
        if (auto e = doc.get_bool().get(b)) return why(e);
        return {};
      }
      case od::json_type::null: {
        bool n = false;
        if (auto e = doc.is_null().get(n)) return why(e);
        return n ? std::string() : std::string("not a valid literal");
      }
      default:
        return "unknown value type";
    }
  }

  // Locates and unescapes the fields to repair and validates everything
  // else. Returns the reason the line is bad, or "" when it is valid JSON.
  std::string scan(const char* data, std::size_t len, std::size_t capacity) {
    targets.clear();
    od::document doc;
    if (auto e = parser.iterate(simdjson::padded_string_view(data, len, capacity)).get(doc))
      return why(e);
    od::json_type t;
    if (auto e = doc.type().get(t)) return why(e);
    switch (t) {
      case od::json_type::object: {
        od::object obj;
        if (auto e = doc.get_object().get(obj)) return why(e);
        for (auto fr : obj) {
          od::field f;
          if (auto e = std::move(fr).get(f)) return why(e);
          std::string_view key;
          if (auto e = f.unescaped_key().get(key)) return why(e);
          od::value& v = f.value();
          if (wanted(key)) {
            od::json_type vt;
            if (auto e = v.type().get(vt)) return why(e);
            if (vt == od::json_type::string) {
              const std::string_view tok = trim_right(v.raw_json_token());
              std::string_view text;
              if (auto e = v.get_string().get(text)) return why(e);
              if (!norm::is_valid_utf8(text))
                return "field \"" + std::string(key) + "\": a string escape is not valid UTF-16";
              target tg;
              tg.offset = static_cast<std::size_t>(tok.data() - data);
              tg.length = tok.size();
              tg.key = key;
              tg.text = text;
              targets.push_back(std::move(tg));
              continue;
            }
          }
          if (std::string w = validate(v, 2); !w.empty()) return w;
        }
        break;
      }
      case od::json_type::array: {
        od::array arr;
        if (auto e = doc.get_array().get(arr)) return why(e);
        for (auto er : arr) {
          od::value ev;
          if (auto e = std::move(er).get(ev)) return why(e);
          if (std::string w = validate(ev, 2); !w.empty()) return w;
        }
        break;
      }
      default: {
        // A scalar document is one token: it must reach the end of the
        // line (raw_json_token includes the spaces after it).
        std::string_view tok;
        if (auto e = doc.raw_json_token().get(tok)) return why(e);
        if (std::string w = validate_root_scalar(doc, t, trim_right(tok)); !w.empty())
          return w;
        if (tok.data() + tok.size() != data + len)
          return "more text after the JSON value at column " +
                 std::to_string(tok.data() + tok.size() - data + 1);
        return {};
      }
    }
    // One value per line: anything after it (a second value, a stray
    // bracket) makes the line bad.
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS)
      return "more text after the JSON value at column " +
             std::to_string(where - data + 1);
    return {};
  }

  void report(const std::string& what) {
    print_error(name + ":" + std::to_string(res.lines) + ": " + what);
  }

  // Handles one bad line by the policy. Returns false when it is fatal.
  bool bad_line(std::string_view line, bool newline, const std::string& reason) {
    ++res.bad_lines;
    switch (opt.on_bad_line) {
      case bad_line_policy::keep:
        report(reason + "; line kept as is");
        out.append(line);
        if (newline) out.push_back('\n');
        return true;
      case bad_line_policy::skip:
        report(reason + "; line skipped");
        return true;
      case bad_line_policy::fail:
        report(reason + " (--bad-line fail)");
        res.status = std::max(res.status, int{kExitInput});
        return false;
    }
    return false;
  }

  // One line, without its '\n'; `capacity` bytes are readable from `data`
  // (at least len + SIMDJSON_PADDING). Returns false to stop.
  bool line(const char* data, std::size_t len, std::size_t capacity, bool newline) {
    ++res.lines;
    const std::string_view text(data, len);
    if (blank(text)) {
      out.append(text);
      if (newline) out.push_back('\n');
      return true;
    }
    std::string reason = scan(data, len, capacity);
    if (!reason.empty()) return bad_line(text, newline, "not valid JSON: " + reason);

    bool any = false;
    for (target& t : targets) {
      auto r = norm::fix(t.text, opt.fix);
      if (!r) {
        return bad_line(text, newline,
                        "field \"" + std::string(t.key) + "\": " + r.error().message);
      }
      if (opt.explain != explain_mode::none)
        print_trace(name, res.lines, t.key, r->trace, r->findings, opt.explain);
      if (r->changed) {
        t.changed = true;
        t.fixed = std::move(r->text);
        any = true;
      }
    }
    if (!any) {
      out.append(text);  // the fast path: the line as it came
    } else {
      ++res.changed_lines;
      res.changed = true;
      std::size_t pos = 0;
      for (const target& t : targets) {
        if (!t.changed) continue;
        out.append(text.substr(pos, t.offset - pos));
        append_json_string_utf8(out, t.fixed);
        pos = t.offset + t.length;
      }
      out.append(text.substr(pos));
    }
    if (newline) out.push_back('\n');
    if (len > kShrinkAbove) {
      parser = od::parser{};
      carry.shrink_to_fit();
    }
    return true;
  }

  bool too_long(std::uint64_t len) {
    if (len <= opt.max_line) return false;
    ++res.lines;
    report("line longer than " + std::to_string(opt.max_line) +
           " bytes (--max-line); stopping (a line is held whole in memory)");
    res.status = std::max(res.status, int{kExitInput});
    return true;
  }

  bool flush(output_sink& sink) {
    if (out.empty()) return true;
    if (auto s = sink.write(out); !s) {
      print_error(s.error().message);
      res.status = kExitIo;
      return false;
    }
    out.clear();
    return true;
  }

  jsonl_outcome run(input_source& in, output_sink& sink) {
    res = {};
    name = in.name();
    carry.clear();
    block.resize(kBlock + simdjson::SIMDJSON_PADDING);
    for (;;) {
      auto got = in.read_some(block.data(), kBlock);
      if (!got) {
        print_error(got.error().message);
        res.status = exit_code_for(got.error());
        flush(sink);
        return res;
      }
      const std::size_t n = *got;
      if (n == 0) break;
      std::size_t start = 0;
      for (;;) {
        const void* hit = std::memchr(block.data() + start, '\n', n - start);
        if (!hit) break;
        const std::size_t nl = static_cast<std::size_t>(static_cast<const char*>(hit) - block.data());
        bool go;
        if (carry.empty()) {
          if (too_long(nl - start)) go = false;
          else go = line(block.data() + start, nl - start, block.size() - start, true);
        } else {
          if (too_long(carry.size() + (nl - start))) {
            go = false;
          } else {
            carry.append(block.data() + start, nl - start);
            carry.reserve(carry.size() + simdjson::SIMDJSON_PADDING);
            go = line(carry.data(), carry.size(), carry.capacity(), true);
            carry.clear();
          }
        }
        start = nl + 1;
        if (!go) {
          flush(sink);
          return res;
        }
      }
      if (too_long(carry.size() + (n - start))) {
        flush(sink);
        return res;
      }
      carry.append(block.data() + start, n - start);
      if (!flush(sink)) return res;
    }
    if (!carry.empty()) {
      carry.reserve(carry.size() + simdjson::SIMDJSON_PADDING);
      res.ended_without_newline = true;
      line(carry.data(), carry.size(), carry.capacity(), false);
      carry.clear();
    }
    flush(sink);
    return res;
  }
};

jsonl_filter::jsonl_filter(jsonl_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {}
jsonl_filter::jsonl_filter(jsonl_filter&&) noexcept = default;
jsonl_filter::~jsonl_filter() = default;

jsonl_outcome jsonl_filter::run(input_source& in, output_sink& out) {
  return impl_->run(in, out);
}

}  // namespace norm_cli
