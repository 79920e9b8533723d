// norm::fix, norm::fix_bytes, norm::replay: the pipeline. Stages run in a
// fixed order -- sniff -> decode -> repair -> strip -> normalize -> convert
// (strip/normalize/convert come with later fixers) -- and the repair stage
// repeats to a fixed point, at most max_rounds times.
#include "norm/fix.hpp"

#include <algorithm>

#include "fix/mojibake.hpp"
#include "norm/detect.hpp"
#include "norm/utf8.hpp"

namespace norm {

std::string_view to_string(fix_stage s) noexcept {
  switch (s) {
    case fix_stage::sniff: return "sniff";
    case fix_stage::decode: return "decode";
    case fix_stage::repair: return "repair";
    case fix_stage::strip: return "strip";
    case fix_stage::normalize: return "normalize";
    case fix_stage::convert: return "convert";
  }
  return "repair";
}

namespace {

// Applies sorted, non-overlapping edits in one O(n) pass; records a trace
// step per edit with offsets in the text as it stands when the step runs.
void apply(std::string& text, const std::vector<detail::text_edit>& edits, bool explain,
           std::vector<trace_step>& trace) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const detail::text_edit& e : edits) {
    out.append(text, pos, e.begin - pos);
    if (explain) {
      trace_step s;
      s.stage = fix_stage::repair;
      s.fixer = "mojibake";
      s.action = "reencode";
      s.parameter = e.parameter;
      s.begin = out.size();
      s.end = out.size() + (e.end - e.begin);
      s.before = text.substr(e.begin, e.end - e.begin);
      s.after = e.after;
      s.confidence = e.confidence;
      trace.push_back(std::move(s));
    }
    out.append(e.after);
    pos = e.end;
  }
  out.append(text, pos, std::string::npos);
  text.swap(out);
}

std::string_view policy_action(error_policy p) {
  switch (p) {
    case error_policy::strict: return "transcode-strict";
    case error_policy::replace: return "transcode-replace";
    case error_policy::escape: return "transcode-escape";
  }
  return "transcode-strict";
}

}  // namespace

result<fix_result> fix(std::string_view utf8, const fix_options& options) {
  if (utf8.size() > options.max_input)
    return error{errc::input_too_long, options.max_input, "input above fix_options::max_input"};
  utf8_check c = validate_utf8(utf8);
  if (!c.valid) return error{errc::invalid_input, c.error_offset, "invalid UTF-8"};
  fix_result r;
  r.text.assign(utf8);
  if (!options.repair_mojibake || detail::mojibake_impossible(utf8)) return r;
  try {
    detail::prepared_text prepared = detail::prepare(r.text);
    for (unsigned round = 0; round < options.max_rounds; ++round) {
      std::vector<detail::text_edit> edits = detail::mojibake_round(prepared);
      if (edits.empty()) break;
      apply(r.text, edits, options.explain, r.trace);
      prepared = detail::prepare(r.text);
      ++r.rounds;
    }
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  }
  r.changed = r.text != utf8;
  return r;
}

result<fix_result> fix_bytes(std::string_view bytes, const fix_options& options) {
  if (bytes.size() > options.max_input)
    return error{errc::input_too_long, options.max_input, "input above fix_options::max_input"};
  encoding enc = options.input_encoding;
  if (enc == encoding::unknown) {
    detection d = detect(bytes);
    if (d.kind == content_kind::binary)
      return error{errc::binary_input, 0, "binary input (" + d.detail + ")"};
    enc = d.best();
  }
  std::string text;
  std::vector<trace_step> trace;
  if ((enc == encoding::utf8 || enc == encoding::ascii) && is_valid_utf8(bytes)) {
    text.assign(bytes);  // byte-identical, BOM included
    enc = enc == encoding::ascii ? encoding::ascii : encoding::utf8;
  } else {
    decode_options o;
    o.on_error = options.on_invalid;
    o.max_input = options.max_input;
    auto dec = decode(bytes, enc, o);
    if (!dec) return dec.error();
    text = std::move(dec->text);
    if (options.explain) {
      trace_step s;
      s.stage = fix_stage::decode;
      s.fixer = "decode";
      s.action = std::string(policy_action(options.on_invalid));
      s.parameter = std::string(name(enc));
      s.begin = 0;
      s.end = bytes.size();
      s.confidence = 1.0;
      trace.push_back(std::move(s));
    }
  }
  auto fixed = fix(text, options);
  if (!fixed) return fixed.error();
  fix_result r = std::move(*fixed);
  r.input_encoding = enc;
  trace.insert(trace.end(), std::make_move_iterator(r.trace.begin()), std::make_move_iterator(r.trace.end()));
  r.trace = std::move(trace);
  r.changed = r.text != bytes;
  return r;
}

result<std::string> replay(std::string_view input, std::span<const trace_step> trace) {
  std::string cur(input);
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const trace_step& s = trace[i];
    if (s.stage == fix_stage::decode) {
      auto enc = encoding_from_name(s.parameter);
      if (!enc) return error{errc::invalid_argument, i, "trace step names an unknown encoding"};
      decode_options o;
      o.on_error = s.action == "transcode-replace"  ? error_policy::replace
                   : s.action == "transcode-escape" ? error_policy::escape
                                                    : error_policy::strict;
      auto dec = decode(cur, *enc, o);
      if (!dec) return dec.error();
      cur = std::move(dec->text);
      continue;
    }
    if (s.begin > s.end || s.end > cur.size() ||
        std::string_view(cur).substr(s.begin, s.end - s.begin) != s.before)
      return error{errc::invalid_argument, i, "trace step does not match the text"};
    cur.replace(s.begin, s.end - s.begin, s.after);
  }
  return cur;
}

}  // namespace norm
