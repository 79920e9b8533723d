// norm::fix, norm::fix_bytes, norm::replay: the pipeline. Stages run in a
// fixed order -- sniff -> decode -> repair -> strip -> normalize -> convert
// (strip/normalize/convert come with later fixers) -- and the repair stage
// repeats to a fixed point, at most max_rounds times:
//   repair:    mojibake, misalignment   (rounds)
//   strip:     markers, pinyin          (pinyin after misalignment repair)
//   normalize: normalize (form, width, spaces, newlines)
//   convert:   script (auto or a whole-text target)
// Width, quote and script changes come last: they would destroy the
// evidence the repair stage reads.
#include "norm/fix.hpp"

#include <algorithm>

#include "fix/markers.hpp"
#include "fix/misalign.hpp"
#include "fix/mojibake.hpp"
#include "fix/normalize.hpp"
#include "fix/pinyin.hpp"
#include "fix/script_auto.hpp"
#include "fix/screen.hpp"
#include "fix/script_convert.hpp"
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

std::string_view to_string(script_target t) noexcept {
  switch (t) {
    case script_target::keep: return "keep";
    case script_target::automatic: return "auto";
    case script_target::hans: return "hans";
    case script_target::hant: return "hant";
    case script_target::tw: return "tw";
    case script_target::twp: return "twp";
    case script_target::hk: return "hk";
    case script_target::jp: return "jp-shinjitai";
  }
  return "keep";
}

bool script_target_from_name(std::string_view name, script_target& out) noexcept {
  static constexpr struct {
    std::string_view name;
    script_target target;
  } kNames[] = {{"keep", script_target::keep}, {"auto", script_target::automatic},
                {"hans", script_target::hans}, {"hant", script_target::hant},
                {"tw", script_target::tw},     {"twp", script_target::twp},
                {"hk", script_target::hk},     {"jp-shinjitai", script_target::jp},
                {"jp", script_target::jp}};
  for (const auto& n : kNames)
    if (n.name == name) {
      out = n.target;
      return true;
    }
  return false;
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

// The text as the stages leave it: the caller's bytes until a stage
// changes them, then a string of its own. Clean text, the common case of
// an ingest pipeline, is never copied (on 32 MiB the copy and its page
// faults cost as much as the screen).
class cow_text {
 public:
  explicit cow_text(std::string_view input) : input_(input) {}
  std::string_view view() const { return owned_ ? std::string_view(own_) : input_; }
  bool owned() const { return owned_; }
  // The text, from now on in a string of its own (to change in place).
  std::string& own() {
    if (!owned_) own_.assign(input_), owned_ = true;
    return own_;
  }
  void replace(std::string&& next) {
    own_ = std::move(next);
    owned_ = true;
  }

 private:
  std::string_view input_;
  std::string own_;
  bool owned_ = false;
};

// Runs one later-stage fixer on `text` and applies its edits (one pass);
// records trace steps and findings. True when the text changed.
bool run_fixer(cow_text& cow, fix_stage stage, std::string_view fixer, detail::fixer_fn fn,
               const fix_options& options, fix_result& r) {
  const std::string_view text = cow.view();
  detail::stage_output out = fn(text, options);
  for (finding& f : out.findings) {
    f.stage = stage;
    if (f.fixer.empty()) f.fixer = std::string(fixer);
    r.findings.push_back(std::move(f));
  }
  if (out.edits.empty()) return false;
  std::string next;
  next.reserve(text.size());
  std::size_t pos = 0;
  bool changed = false;
  for (detail::stage_edit& e : out.edits) {
    if (e.begin < pos || e.end < e.begin || e.end > text.size()) continue;  // defensive
    if (std::string_view(text).substr(e.begin, e.end - e.begin) == e.after) continue;
    next.append(text.substr(pos, e.begin - pos));
    if (options.explain) {
      trace_step s;
      s.stage = stage;
      s.fixer = std::string(fixer);
      s.action = std::move(e.action);
      s.parameter = std::move(e.parameter);
      s.begin = next.size();
      s.end = next.size() + (e.end - e.begin);
      s.before = text.substr(e.begin, e.end - e.begin);
      s.after = e.after;
      s.confidence = e.confidence;
      r.trace.push_back(std::move(s));
    }
    next.append(e.after);
    pos = e.end;
    changed = true;
  }
  if (!changed) return false;
  next.append(text.substr(pos));
  cow.replace(std::move(next));
  return true;
}

bool run_fixer(std::string& text, fix_stage stage, std::string_view fixer, detail::fixer_fn fn,
               const fix_options& options, fix_result& r) {
  cow_text cow(text);
  if (!run_fixer(cow, stage, fixer, fn, options, r)) return false;
  text = std::move(cow.own());
  return true;
}

// The mojibake fixer, run only where the screen (screen.hpp) finds a place
// some reading could apply: each window is repaired to a fixed point on its
// own (rounds), then spliced back. Trace steps get offsets in the whole
// text: a window's steps run after every step of the windows before it,
// which are all to its left. Returns the most rounds a window took.
unsigned repair_mojibake_windows(cow_text& cow, const fix_options& options,
                                 std::vector<trace_step>& trace, bool& any_window,
                                 detail::screen_gate& gate, bool& settled) {
  settled = true;
  const std::string_view text = cow.view();
  const auto windows = detail::suspicious_windows(text, gate);
  any_window = !windows.empty();
  if (windows.empty()) return 0;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  unsigned most = 0;
  std::string seg;
  for (const auto& [wb, we] : windows) {
    out.append(text.substr(pos, wb - pos));
    seg.assign(text.substr(wb, we - wb));
    const std::size_t first_step = trace.size();
    unsigned rounds = 0;
    bool whole_only = false;
    bool done = false;  // a round found nothing, or the screen nothing more
    for (; rounds < options.max_rounds; ++rounds) {
      std::vector<detail::text_edit> edits = detail::mojibake_round(detail::prepare(seg), whole_only, rounds > 0);
      if (edits.empty()) {
        // (A round that looked only for a whole layer proves less: the next
        // pass looks at the window every way.)
        done = !whole_only;
        break;
      }
      // Read whole once: the next rounds look only for another whole layer.
      whole_only = edits[0].whole;
      apply(seg, edits, options.explain, trace);
      // The next round only when the screen still finds something: the
      // repaired text is usually clean, and proving that with the screen
      // costs a scan, with the engine a round.
      if (detail::suspicious_windows(seg).empty()) {
        ++rounds;
        done = true;
        break;
      }
    }
    settled = settled && done;
    for (std::size_t k = first_step; k < trace.size(); ++k) {
      trace[k].begin += out.size();
      trace[k].end += out.size();
    }
    most = std::max(most, rounds);
    out.append(seg);
    pos = we;
  }
  out.append(text.substr(pos));
  cow.replace(std::move(out));
  return most;
}

}  // namespace

namespace detail {

std::string_view policy_action(error_policy p) {
  switch (p) {
    case error_policy::strict: return "transcode-strict";
    case error_policy::replace: return "transcode-replace";
    case error_policy::escape: return "transcode-escape";
  }
  return "transcode-strict";
}

}  // namespace detail

namespace {

// One pass of every stage over valid UTF-8.
// `last`: set when this pass's output is final -- only the mojibake fixer
// changed the text and it reached a fixed point in every window: the next
// pass would see the text every later stage already saw and left alone.
// `input`: the string `utf8` views, when the caller gives it up: an
// unchanged text is moved out of it into the result rather than copied.
result<fix_result> fix_pass(std::string_view utf8, const fix_options& options, bool* last = nullptr,
                            std::string* input = nullptr) {
  fix_result r;
  cow_text text(utf8);
  bool touched = false;  // some stage changed the text (else it is the input)
  bool mojibake_settled = false, mojibake_touched = false;
  try {
    // When the mojibake fixer changed nothing, the screen's pass gave the
    // misalignment gate's answer too: the gate need not scan again.
    // The gate's answer, found by the screen's pass (-1: unknown).
    int gate_known = -1;
    if (options.repair_mojibake && !detail::mojibake_impossible(text.view())) {
      bool any_window = false;
      detail::screen_gate gate;
      const std::size_t steps = r.trace.size();
      const std::size_t size_before = utf8.size();
      r.rounds = repair_mojibake_windows(text, options, r.trace, any_window, gate, mojibake_settled);
      if (r.rounds == 0 && r.trace.size() == steps && text.view().size() == size_before)
        gate_known = gate.suspect(any_window) ? 1 : 0;
      else
        touched = mojibake_touched = true;
    }
    // From here on, `touched` tells whether a later stage changed the text.
    touched = false;
    if (options.repair_misalignment &&
        (gate_known >= 0 ? gate_known > 0 : detail::misalign_suspect(text.view()))) {
      unsigned rounds = 0;
      while (rounds < options.max_rounds &&
             run_fixer(text, fix_stage::repair, "misalign", detail::repair_misalignment, options, r))
        ++rounds;
      touched |= rounds > 0;
      r.rounds = std::max(r.rounds, rounds);
    }
    // Always: with repair and decoding off, the markers fixer still reports.
    touched |= run_fixer(text, fix_stage::strip, "markers", detail::repair_markers, options, r);
    if (options.strip_pinyin)
      touched |= run_fixer(text, fix_stage::strip, "pinyin", detail::strip_pinyin, options, r);
    if (options.form != unicode_form::none || options.width != width_mode::keep ||
        options.spaces != space_mode::keep || options.newlines != newline_mode::keep)
      touched |= run_fixer(text, fix_stage::normalize, "normalize", detail::normalize_text, options, r);
    if (options.script == script_target::automatic) {  // (explicit targets: see fix())
      // To a fixed point: repairing strays strengthens a line's script, and
      // the next look may find one more (at most a few passes).
      for (int pass = 0; pass < 4; ++pass) {
        const std::size_t findings = r.findings.size();
        const bool changed = run_fixer(text, fix_stage::convert, "script", detail::auto_script, options, r);
        if (pass > 0) r.findings.resize(findings);  // the first pass reported them
        if (!changed) break;
        touched = true;
      }
    }

    if (last != nullptr) *last = mojibake_touched && mojibake_settled && !touched;
    touched |= mojibake_touched;
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  }
#if defined(NORM_PLANTED_BUG)
  // The planted bug (tools/planted_bug.sh): an untraced change, made again
  // on every run, when the text holds e-acute followed by a digit. Replay
  // and idempotence must both catch it.
  if (auto at = text.view().find("\xC3\xA9"); at != std::string::npos && at + 2 < text.view().size() &&
      text.view()[at + 2] >= '0' && text.view()[at + 2] <= '9')
    text.own().push_back('!'), touched = true;
#endif
  // Text no stage touched is the input: no need to compare.
  r.changed = touched && text.view() != utf8;
  if (text.owned())
    r.text = std::move(text.own());
  else if (input != nullptr)
    r.text = std::move(*input);
  else
    r.text.assign(utf8);
  return r;
}

// Passes over the whole pipeline until one changes nothing. A later stage
// can hand the repair stage new evidence (NFKC folds a compatibility form
// into a character a misalignment reading explains), and fix() promises
// fix(fix(x)) == fix(x). Clean text takes one pass; a repaired one two.
constexpr int kMaxPasses = 3;

}  // namespace

namespace {

// fix(), given the string `utf8` views when the caller gives it up
// (`input`: moved into the result when nothing changes; left as it was on
// an error), and whether `utf8` is known to be valid.
result<fix_result> fix_impl(std::string_view utf8, const fix_options& options, std::string* input,
                            bool validated) {
  if (utf8.size() > options.max_input)
    return error{errc::input_too_long, options.max_input, "input above fix_options::max_input"};
  if (!validated) {
    utf8_check c = validate_utf8(utf8);
    if (!c.valid) return error{errc::invalid_input, c.error_offset, "invalid UTF-8"};
  }
  // A whole-text conversion (--script=hant, ...) runs once, after the
  // passes: OpenCC's configurations are not idempotent (s2twp twice
  // differs from once), and the output must be OpenCC's.
  const bool convert_once = options.script != script_target::keep && options.script != script_target::automatic;
  fix_options pass_options = options;
  if (convert_once) pass_options.script = script_target::keep;
  bool final_pass = false;
  // (A conversion compares its output with `utf8` at the end: the input
  // stays where it is.)
  auto first = fix_pass(utf8, pass_options, &final_pass, convert_once ? nullptr : input);
  if (!first) return first;
  fix_result r = std::move(*first);
  // One pass that changed nothing, no conversion: r.changed is known.
  const bool compare = r.changed || convert_once;
  for (int pass = 1; pass < kMaxPasses && r.changed && !final_pass; ++pass) {
    auto next = fix_pass(r.text, pass_options);
    if (!next) return next.error();
    if (!next->changed) break;
    r.text = std::move(next->text);
    r.trace.insert(r.trace.end(), std::make_move_iterator(next->trace.begin()),
                   std::make_move_iterator(next->trace.end()));
    r.findings.insert(r.findings.end(), std::make_move_iterator(next->findings.begin()),
                      std::make_move_iterator(next->findings.end()));
    r.rounds = std::max(r.rounds, next->rounds);
  }
  if (convert_once) {
    try {
      run_fixer(r.text, fix_stage::convert, "script", detail::convert_script, options, r);
    } catch (const std::bad_alloc&) {
      return error{errc::internal, 0, "out of memory"};
    }
  }
  if (compare) r.changed = r.text != utf8;
  return r;
}

result<fix_result> fix_bytes_impl(std::string_view bytes, const fix_options& options, std::string* input) {
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
  // Valid UTF-8 goes to fix() as it is (byte-identical, BOM included): no
  // copy of a possibly large input.
  std::string_view utf8 = bytes;
  if ((enc == encoding::utf8 || enc == encoding::ascii) && is_valid_utf8(bytes)) {
    enc = enc == encoding::ascii ? encoding::ascii : encoding::utf8;
  } else {
    decode_options o;
    o.on_error = options.on_invalid;
    o.max_input = options.max_input;
    auto dec = decode(bytes, enc, o);
    if (!dec) return dec.error();
    text = std::move(dec->text);
    utf8 = text;
    if (options.explain) {
      trace_step s;
      s.stage = fix_stage::decode;
      s.fixer = "decode";
      s.action = std::string(detail::policy_action(options.on_invalid));
      s.parameter = std::string(name(enc));
      s.begin = 0;
      s.end = bytes.size();
      s.confidence = 1.0;
      trace.push_back(std::move(s));
    }
  }
  const bool decoded = utf8.data() != bytes.data();
  // Decoded text is ours to give; the input is the caller's (when given).
  auto fixed = fix_impl(utf8, options, decoded ? &text : input, /*validated=*/true);
  if (!fixed) return fixed.error();
  fix_result r = std::move(*fixed);
  r.input_encoding = enc;
  trace.insert(trace.end(), std::make_move_iterator(r.trace.begin()), std::make_move_iterator(r.trace.end()));
  r.trace = std::move(trace);
  // Undecoded, fix()'s answer is exact (and the input may be in r.text now).
  if (decoded) r.changed = r.text != bytes;
  return r;
}

}  // namespace

result<fix_result> fix(std::string_view utf8, const fix_options& options) {
  return fix_impl(utf8, options, nullptr, false);
}

result<fix_result> fix_owned(std::string&& utf8, const fix_options& options) {
  return fix_impl(utf8, options, &utf8, false);
}

result<fix_result> fix_bytes(std::string_view bytes, const fix_options& options) {
  return fix_bytes_impl(bytes, options, nullptr);
}

result<fix_result> fix_bytes_owned(std::string&& bytes, const fix_options& options) {
  return fix_bytes_impl(bytes, options, &bytes);
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
      // From `begin` on (0 but for a fix_stream that met an invalid byte
      // in UTF-8: its repaired text before it stays as it is).
      if (s.begin > cur.size()) return error{errc::invalid_argument, i, "trace step does not match the text"};
      auto dec = decode(std::string_view(cur).substr(s.begin), *enc, o);
      if (!dec) return dec.error();
      cur.resize(s.begin);
      cur.append(dec->text);
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
