// cli/json.hpp -- a tiny writer for one-line JSON objects (norm detect
// --json). Output only; no parser. Numbers, booleans, null, strings, nested
// arrays and objects, commas handled by the writer.
//
//   std::string line;
//   norm_cli::json_writer w(line);
//   w.begin_object();
//   w.key("path");  w.string(path);
//   w.key("confidence");  w.number(0.97);
//   w.end_object();              // line == {"path":"...","confidence":0.97}
//
// Strings are bytes. Valid UTF-8 is copied as is (control characters, '"'
// and '\' escaped). A byte that is not part of valid UTF-8 (a file name on
// Linux is any bytes) is written as the lone surrogate \udcXX, the
// convention of Python's "surrogateescape" (PEP 383): Python's
// os.fsencode(json.loads(line)["path"]) gives back the exact bytes. Parsers
// that reject lone surrogates can use the "path_hex" field that norm detect
// adds when a path is not valid UTF-8.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <norm/utf8.hpp>

namespace norm_cli {

inline constexpr char kJsonHex[] = "0123456789abcdef";

// Appends the escape of `c` ('"', '\\', a C0 control or DEL): \n, \t, ...
// or \u00XX.
inline void append_json_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    case '\b': out.append("\\b"); break;
    case '\f': out.append("\\f"); break;
    default:
      out.append("\\u00");
      out.push_back(kJsonHex[c >> 4]);
      out.push_back(kJsonHex[c & 15]);
  }
}

// Appends `s` as a quoted JSON string.
inline void append_json_string(std::string& out, std::string_view s) {
  static constexpr const char* kHex = kJsonHex;
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // One valid sequence (2 to 4 bytes) is copied; O(1) per character.
      std::size_t len = 0;
      for (std::size_t n = 2; n <= 4 && i + n <= s.size(); ++n) {
        if (norm::is_valid_utf8(s.substr(i, n))) {
          len = n;
          break;
        }
      }
      if (len > 0) {
        out.append(s.substr(i, len));
        i += len;
        continue;
      }
      out.append("\\udc");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
      append_json_escape(out, c);
    else
      out.push_back(static_cast<char>(c));
    ++i;
  }
  out.push_back('"');
}

// Appends `s`, which must be valid UTF-8, as a quoted JSON string, escaped
// minimally: '"', '\\' and the C0 controls (as \n, \t, ... or \u00XX); every
// other byte, non-ASCII included, is copied as it is. Runs of plain bytes
// are copied with one append each: O(n), no per-character calls (the JSON
// Lines filter re-escapes whole repaired fields with it).
inline void append_json_string_utf8(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of plain bytes
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    run = i + 1;
    append_json_escape(out, c);
  }
  out.append(s.substr(run));
  out.push_back('"');
}

class json_writer {
 public:
  explicit json_writer(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {
    separate();
    append_json_string(out_, k);
    out_.push_back(':');
    after_key_ = true;
  }
  void string(std::string_view s) {
    separate();
    append_json_string(out_, s);
  }
  void number(std::uint64_t v) {
    separate();
    out_.append(std::to_string(v));
  }
  // Fixed 4 decimals: confidences are estimates, and a stable width keeps
  // lines diff-friendly ("0.9700", never "0.97000000000000008").
  void number(double v) {
    separate();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    out_.append(buf);
  }
  void boolean(bool b) {
    separate();
    out_.append(b ? "true" : "false");
  }
  void null() {
    separate();
    out_.append("null");
  }
  // A member: key and value.
  void field(std::string_view k, std::string_view v) { key(k), string(v); }
  void field(std::string_view k, const char* v) { key(k), string(v); }
  void field(std::string_view k, std::uint64_t v) { key(k), number(v); }
  void field(std::string_view k, double v) { key(k), number(v); }
  void field(std::string_view k, bool v) { key(k), boolean(v); }

 private:
  void open(char c) {
    separate();
    out_.push_back(c);
    first_.push_back(true);
  }
  void close(char c) {
    out_.push_back(c);
    if (!first_.empty()) first_.pop_back();
  }
  // Writes the comma between members; nothing right after a key.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }

  std::string& out_;
  std::vector<bool> first_;  // per open container: no member written yet
  bool after_key_ = false;
};

}  // namespace norm_cli
