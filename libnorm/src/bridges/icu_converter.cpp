// ICU conversion bridge (see icu_converter.hpp).
//
// Offsets. ICU tells a callback which bytes were invalid but not where they
// were; we compute it as base + (args->source - slice begin) - length. That
// is exact as long as ICU never holds bytes of one slice into the next
// (ICU then "replays" them from an internal array). So for every stateless
// converter, when ICU reports pending bytes at the end of a slice
// (ucnv_toUCountPending), we reset it and feed those bytes again, in front
// of the next slice: a stateless converter is in its initial state at every
// character boundary, so the text and the report are the same wherever the
// input was cut. Stateful converters (ISO-2022-JP/KR, HZ) keep their state
// across slices, so they cannot be reset: for them we first convert the
// slice on a clone (ucnv_clone) to learn how many bytes ICU would hold back,
// and hand ICU the slice without them (ISO-2022 and HZ text is short; the
// double conversion costs little).
#include "bridges/icu_converter.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>
#include <string>
#include <vector>

namespace norm::detail {
namespace {

// Input slice per ICU call. 32 KiB: big enough to amortize the call, small
// enough that the UTF-16 and UTF-8 buffers stay in L2 (2 x 64 KiB + 96 KiB).
constexpr std::size_t kSlice = 32 * 1024;
// UTF-16 units per slice: at most 2 per input byte (a 4-byte GB18030 code or
// a 2-byte Big5-HKSCS code gives at most 2), plus room for a callback.
constexpr std::size_t kUCap = 2 * kSlice + 64;

struct converter_deleter {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using converter_ptr = std::unique_ptr<UConverter, converter_deleter>;

bool is_stateful(encoding e) noexcept {
  return e == encoding::iso2022jp || e == encoding::iso2022kr || e == encoding::hz;
}

result<converter_ptr> open(encoding e) {
  std::string_view n = icu_converter_name(e);
  if (n.empty()) return error{errc::unknown_encoding, 0, "no ICU converter for " + std::string(name(e))};
  UErrorCode err = U_ZERO_ERROR;
  converter_ptr c(ucnv_open(std::string(n).c_str(), &err));
  if (U_FAILURE(err) || !c) {
    return error{errc::internal, 0,
                 "ICU cannot open converter " + std::string(n) + ": " + u_errorName(err)};
  }
  return c;
}

// UTF-16 to UTF-8, carrying a high surrogate cut off at the end of a buffer.
// ICU never produces unpaired surrogates from legacy bytes; should one
// appear, it is written as U+FFFD so the output stays valid UTF-8.
void utf16_to_utf8(const UChar* p, const UChar* end, char16_t& pending_hi, std::string& out) {
  std::size_t old = out.size();
  out.resize(old + 3 * static_cast<std::size_t>(end - p) + 4);
  char* w = out.data() + old;
  auto put = [&](char32_t cp) {
    if (cp < 0x80) {
      *w++ = static_cast<char>(cp);
    } else if (cp < 0x800) {
      *w++ = static_cast<char>(0xC0 | (cp >> 6));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      *w++ = static_cast<char>(0xE0 | (cp >> 12));
      *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      *w++ = static_cast<char>(0xF0 | (cp >> 18));
      *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    }
  };
  if (pending_hi != 0 && p < end) {
    if (*p >= 0xDC00 && *p <= 0xDFFF) {
      put(0x10000 + ((char32_t(pending_hi) - 0xD800) << 10) + (*p - 0xDC00));
      ++p;
    } else {
      put(0xFFFD);
    }
    pending_hi = 0;
  }
  while (p < end) {
    char16_t u = *p++;
    if (u < 0x80) {
      *w++ = static_cast<char>(u);
    } else if (u < 0xD800 || u > 0xDFFF) {
      put(u);
    } else if (u <= 0xDBFF) {
      if (p == end) {
        pending_hi = u;
      } else if (*p >= 0xDC00 && *p <= 0xDFFF) {
        put(0x10000 + ((char32_t(u) - 0xD800) << 10) + (*p - 0xDC00));
        ++p;
      } else {
        put(0xFFFD);
      }
    } else {
      put(0xFFFD);
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

// ---------------------------------------------------------------- decoder

struct invalid_event {
  std::size_t at;          // UTF-16 index in the output buffer
  std::uint64_t offset;    // absolute input offset
  std::uint8_t length;
  bool truncated;
  char bytes[32];          // UCNV_ERROR_BUFFER_LENGTH
};

class icu_decoder final : public byte_decoder {
 public:
  icu_decoder(converter_ptr c, bool stateful) : cnv_(std::move(c)), stateful_(stateful) {}

  bool init() {
    UErrorCode err = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv_.get(), &callback, this, nullptr, nullptr, &err);
    events_.reserve(64);
    return U_SUCCESS(err);
  }

  codec_status decode(std::string_view chunk, bool flush, decode_sink& sink) override {
    if (!stateful_) return decode_slices(chunk, flush, sink);
    // Stateful (ISO-2022, HZ): ICU's handling of a bad or unfinished escape
    // depends on where the input was cut, so cut only where it cannot
    // matter: after a newline (one byte in every mode of these encodings,
    // never part of an escape or a pair). Without a newline in 64 KiB, cut
    // 16 bytes before the end, away from any ESC or '~' (the clone-based
    // hold-back below covers a pair split there).
    lines_.append(chunk);
    std::size_t cut = lines_.size();
    if (!flush) {
      std::size_t nl = lines_.rfind('\n');
      cut = nl == std::string::npos ? 0 : nl + 1;
      if (cut == 0 && lines_.size() > kStatefulHold) {
        cut = lines_.size() - 16;
        while (cut > 0 && lines_.find_first_of("\x1B~", cut >= 4 ? cut - 4 : 0) < cut) --cut;
      }
      if (cut == 0) return codec_status::ok;
    }
    std::string part = lines_.substr(0, cut);
    lines_.erase(0, cut);
    return decode_slices(part, flush, sink);
  }

 private:
  // 64 KiB: bounded memory for a stateful stream with no newline.
  static constexpr std::size_t kStatefulHold = 64 * 1024;
  std::string lines_;

  codec_status decode_slices(std::string_view chunk, bool flush, decode_sink& sink) {
    std::size_t pos = 0;
    do {
      std::size_t take = std::min(chunk.size() - pos, kSlice);
      bool fl = flush && pos + take == chunk.size();
      work_.assign(carry_);
      work_.append(chunk.data() + pos, take);
      carry_.clear();
      const std::uint64_t base = next_offset_;
      // A stateful converter cannot be reset; find what it would hold back
      // on a clone, and keep those bytes ourselves instead.
      std::size_t held = (!fl && stateful_) ? dry_pending() : 0;
      codec_status st = run(work_.data(), work_.size() - held, base, fl, sink);
      if (st != codec_status::ok) return st;
      if (!fl && !stateful_) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t p = ucnv_toUCountPending(cnv_.get(), &err);
        if (U_SUCCESS(err) && p > 0) {
          held = std::min<std::size_t>(static_cast<std::size_t>(p), work_.size());
          ucnv_resetToUnicode(cnv_.get());
        }
      }
      if (held > 0) carry_.assign(work_, work_.size() - held, held);
      next_offset_ = base + (work_.size() - held);
      pos += take;
    } while (pos < chunk.size());
    if (flush) {
      carry_.clear();
      pending_hi_ = 0;
    }
    return codec_status::ok;
  }

 private:
  static void U_CALLCONV callback(const void* context, UConverterToUnicodeArgs* args,
                                  const char* code_units, int32_t length,
                                  UConverterCallbackReason reason, UErrorCode* err) {
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    auto* self = static_cast<icu_decoder*>(const_cast<void*>(context));
    if (self->dry_) {
      *err = U_ZERO_ERROR;
      return;
    }
    invalid_event ev{};
    ev.at = static_cast<std::size_t>(args->target - self->ubuf_.data());
    std::size_t len = static_cast<std::size_t>(std::clamp<int32_t>(length, 0, 32));
    ev.length = static_cast<std::uint8_t>(len);
    if (len > 0) std::memcpy(ev.bytes, code_units, len);
    ev.truncated = *err == U_TRUNCATED_CHAR_FOUND;
    // See the file comment: exact while ICU reads from our slice.
    std::int64_t rel = args->source - self->slice_begin_;
    if (rel < 0 || rel > static_cast<std::int64_t>(self->slice_size_)) rel = 0;
    std::int64_t off = static_cast<std::int64_t>(self->slice_base_) + rel - static_cast<std::int64_t>(len);
    ev.offset = off < 0 ? 0 : static_cast<std::uint64_t>(off);
    try {
      self->events_.push_back(ev);
    } catch (...) {
      *err = U_MEMORY_ALLOCATION_ERROR;
      return;
    }
    *err = U_ZERO_ERROR;  // go on; the sink decides after the call
  }

  codec_status run(const char* src, std::size_t n, std::uint64_t base, bool flush,
                   decode_sink& sink) {
    slice_begin_ = src;
    slice_size_ = n;
    slice_base_ = base;
    size_ubuf(n);
    const char* s = src;
    const char* end = src + n;
    for (int guard = 0; guard < 1 << 20; ++guard) {
      UChar* t = ubuf_.data();
      events_.clear();
      UErrorCode err = U_ZERO_ERROR;
      ucnv_toUnicode(cnv_.get(), &t, ubuf_.data() + ubuf_.size(), &s, end, nullptr, flush, &err);
      std::size_t filled = static_cast<std::size_t>(t - ubuf_.data());
      std::size_t upos = 0;
      for (const invalid_event& ev : events_) {
        std::size_t at = std::min(ev.at, filled);
        if (at > upos) emit(upos, at, sink);
        upos = std::max(upos, at);
        if (pending_hi_ != 0) {  // cannot happen: a pair is never split by an error
          pending_hi_ = 0;
          sink.text("\xEF\xBF\xBD");
        }
        if (!sink.invalid(ev.offset, std::string_view(ev.bytes, ev.length), ev.truncated))
          return codec_status::stopped;
      }
      if (filled > upos) emit(upos, filled, sink);
      if (err == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(err)) return codec_status::failed;
      if (flush && pending_hi_ != 0) {
        pending_hi_ = 0;
        sink.text("\xEF\xBF\xBD");
      }
      return codec_status::ok;
    }
    return codec_status::failed;
  }

  // Bytes at the end of work_ that the converter would keep for the next
  // call, found by converting work_ on a clone (output discarded).
  std::size_t dry_pending() {
    UErrorCode err = U_ZERO_ERROR;
    converter_ptr clone(ucnv_clone(cnv_.get(), &err));
    if (U_FAILURE(err) || !clone) return 0;
    dry_ = true;
    size_ubuf(work_.size());
    const char* s = work_.data();
    const char* end = work_.data() + work_.size();
    for (int guard = 0; guard < 1 << 20; ++guard) {
      UChar* t = ubuf_.data();
      err = U_ZERO_ERROR;
      ucnv_toUnicode(clone.get(), &t, ubuf_.data() + ubuf_.size(), &s, end, nullptr, false, &err);
      if (err != U_BUFFER_OVERFLOW_ERROR) break;
    }
    dry_ = false;
    err = U_ZERO_ERROR;
    int32_t p = ucnv_toUCountPending(clone.get(), &err);
    if (U_FAILURE(err) || p <= 0) return 0;
    return std::min<std::size_t>(static_cast<std::size_t>(p), work_.size());
  }

  // The UTF-16 buffer for `n` input bytes (kUCap at most): a decoder made
  // for a few bytes (the repair engine decodes candidate readings of short
  // stretches by the thousand) allocates and clears a few hundred bytes,
  // not 128 KiB. A smaller buffer only means more calls (overflow: go on).
  void size_ubuf(std::size_t n) {
    const std::size_t need = std::min(kUCap, 2 * n + 64);
    if (ubuf_.size() < need) ubuf_.resize(need);
  }

  void emit(std::size_t from, std::size_t to, decode_sink& sink) {
    utf8_.clear();
    utf16_to_utf8(ubuf_.data() + from, ubuf_.data() + to, pending_hi_, utf8_);
    if (!utf8_.empty()) sink.text(utf8_);
  }

  converter_ptr cnv_;
  bool stateful_;
  std::string carry_;              // stateless: bytes ICU held back, fed again
  std::uint64_t next_offset_ = 0;  // absolute offset of the next byte for ICU
  std::string work_;
  std::vector<UChar> ubuf_;
  std::string utf8_;
  std::vector<invalid_event> events_;
  char16_t pending_hi_ = 0;
  bool dry_ = false;
  const char* slice_begin_ = nullptr;
  std::size_t slice_size_ = 0;
  std::uint64_t slice_base_ = 0;
};

// ---------------------------------------------------------------- encoder

// UTF-16 units per block, with the UTF-8 offset of each unit.
constexpr std::size_t kUBlock = 16 * 1024;

class icu_encoder final : public byte_encoder {
 public:
  icu_encoder(converter_ptr c, bool stateful, encode_params p)
      : cnv_(std::move(c)), stateful_(stateful), params_(p) {}

  bool init() {
    UErrorCode err = U_ZERO_ERROR;
    ucnv_setFromUCallBack(cnv_.get(), &callback, this, nullptr, nullptr, &err);
    ubuf_.resize(kUBlock + 2);
    uoff_.resize(kUBlock + 3);
    // Enough for any block: at most 4 bytes per unit in every target here
    // (ISO-2022 adds escapes: 8 per unit is generous), plus replacements.
    obuf_.resize(8 * kUBlock + 256);
    return U_SUCCESS(err);
  }

  codec_status encode(std::string_view utf8, std::uint64_t base, bool flush,
                      std::string& out, unmappable_handler& handler) override {
    std::string_view text = utf8;
    std::uint64_t text_base = base;
    if (!carry_.empty()) {
      work_.assign(carry_);
      work_.append(utf8);
      text = work_;
      text_base = carry_base_;
      carry_.clear();
    }
    handler_ = &handler;
    std::size_t pos = 0;
    bool first = true;
    while (first || pos < text.size()) {
      first = false;
      // Fill a block with whole code points.
      std::size_t i = pos;
      std::size_t n = 0;
      while (i < text.size() && n < kUBlock) {
        uoff_[n] = static_cast<std::uint32_t>(i - pos);
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
          ubuf_[n++] = c;
          ++i;
          continue;
        }
        char32_t cp = next_utf8(text, i);
        if (cp >= 0x10000) {
          ubuf_[n++] = static_cast<UChar>(0xD800 + ((cp - 0x10000) >> 10));
          uoff_[n] = uoff_[n - 1];
          ubuf_[n++] = static_cast<UChar>(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
          ubuf_[n++] = static_cast<UChar>(cp);
        }
      }
      uoff_[n] = static_cast<std::uint32_t>(i - pos);
      bool last = i == text.size();
      bool fl = flush && last;
      block_base_ = text_base + pos;
      block_text_ = text.substr(pos, i - pos);
      codec_status st = run(n, fl, out);
      if (st != codec_status::ok) return st;
      std::size_t end = i;
      if (!fl && !stateful_) {
        UErrorCode err = U_ZERO_ERROR;
        int32_t p = ucnv_fromUCountPending(cnv_.get(), &err);
        if (U_SUCCESS(err) && p > 0 && static_cast<std::size_t>(p) < n) {
          end = pos + uoff_[n - static_cast<std::size_t>(p)];
          ucnv_resetFromUnicode(cnv_.get());
        }
      }
      if (last && end < text.size()) {
        carry_base_ = text_base + end;
        carry_.assign(text.substr(end));
        break;
      }
      pos = end;
    }
    return codec_status::ok;
  }

 private:
  static void U_CALLCONV callback(const void* context, UConverterFromUnicodeArgs* args,
                                  const UChar* code_units, int32_t length, UChar32 cp,
                                  UConverterCallbackReason reason, UErrorCode* err) {
    if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
    auto* self = static_cast<icu_encoder*>(const_cast<void*>(context));
    try {
      std::int64_t idx = (args->source - self->ubuf_.data()) - static_cast<std::int64_t>(length);
      idx = std::clamp<std::int64_t>(idx, 0, static_cast<std::int64_t>(self->n_));
      std::uint32_t off = self->uoff_[static_cast<std::size_t>(idx)];
      std::uint32_t len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (!self->handler_->unmappable(self->block_base_ + off, len, static_cast<char32_t>(cp))) {
        self->stopped_ = true;
        return;  // keep *err: ICU stops
      }
      *err = U_ZERO_ERROR;
      if (self->params_.policy == error_policy::replace) {
        ucnv_cbFromUWriteBytes(args, &self->params_.replacement, 1, 0, err);
      } else if (self->params_.policy == error_policy::escape) {
        std::string e = escape_code_point(static_cast<char32_t>(cp));
        UChar u[16];
        int32_t k = 0;
        for (char ch : e) u[k++] = static_cast<UChar>(ch);
        const UChar* src = u;
        ucnv_cbFromUWriteUChars(args, &src, u + k, 0, err);
      }
    } catch (...) {
      *err = U_MEMORY_ALLOCATION_ERROR;
    }
  }

  codec_status run(std::size_t n, bool flush, std::string& out) {
    n_ = n;
    stopped_ = false;
    const UChar* s = ubuf_.data();
    const UChar* end = ubuf_.data() + n;
    for (int guard = 0; guard < 1 << 20; ++guard) {
      char* t = obuf_.data();
      UErrorCode err = U_ZERO_ERROR;
      ucnv_fromUnicode(cnv_.get(), &t, obuf_.data() + obuf_.size(), &s, end, nullptr, flush, &err);
      out.append(obuf_.data(), static_cast<std::size_t>(t - obuf_.data()));
      if (stopped_) return codec_status::stopped;
      if (err == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(err)) return codec_status::failed;
      return codec_status::ok;
    }
    return codec_status::failed;
  }

  converter_ptr cnv_;
  bool stateful_;
  encode_params params_;
  std::vector<UChar> ubuf_;
  std::vector<std::uint32_t> uoff_;  // UTF-8 offset (in the block) of each unit
  std::vector<char> obuf_;
  std::string carry_;                // stateless: characters ICU held back
  std::uint64_t carry_base_ = 0;
  std::string work_;
  std::string_view block_text_;
  std::uint64_t block_base_ = 0;
  std::size_t n_ = 0;
  unmappable_handler* handler_ = nullptr;
  bool stopped_ = false;
};

}  // namespace

std::string_view icu_converter_name(encoding e) noexcept {
  switch (e) {
    case encoding::gb18030: return "GB18030";
    case encoding::gbk: return "windows-936-2000";
    case encoding::gb2312: return "ibm-1383_P110-1999";  // EUC-CN
    case encoding::hz: return "HZ";
    case encoding::big5: return "windows-950-2000";
    case encoding::big5_hkscs: return "ibm-1375_P100-2008";
    case encoding::euc_tw: return "euc-tw-2014";
    // ICU's "Shift_JIS" is ibm-943_P15A-2003, the same table as windows-31j
    // (the other candidate, ibm-943_P130-1999, maps 0x5C to U+00A5).
    case encoding::shift_jis: return "ibm-943_P15A-2003";
    case encoding::cp932: return "ibm-943_P15A-2003";
    case encoding::euc_jp: return "euc-jp-2007";
    case encoding::iso2022jp: return "ISO_2022,locale=ja,version=0";
    case encoding::euc_kr: return "ibm-970_P110_P110-2006_U2";
    case encoding::cp949: return "windows-949-2000";
    case encoding::iso2022kr: return "ISO_2022,locale=ko,version=0";
    case encoding::windows1250: return "ibm-5346_P100-1998";
    case encoding::windows1251: return "ibm-5347_P100-1998";
    case encoding::windows1252: return "ibm-5348_P100-1997";
    case encoding::windows1253: return "ibm-5349_P100-1998";
    case encoding::windows1254: return "ibm-5350_P100-1998";
    case encoding::windows1255: return "ibm-9447_P100-2002";
    case encoding::windows1256: return "ibm-9448_X100-2005";
    case encoding::windows1257: return "ibm-9449_P100-2002";
    case encoding::windows1258: return "ibm-5354_P100-1998";
    case encoding::iso8859_1: return "ISO-8859-1";
    case encoding::iso8859_2: return "ibm-912_P100-1995";
    case encoding::iso8859_3: return "ibm-913_P100-2000";
    case encoding::iso8859_4: return "ibm-914_P100-1995";
    case encoding::iso8859_5: return "ibm-915_P100-1995";
    case encoding::iso8859_6: return "ibm-1089_P100-1995";
    case encoding::iso8859_7: return "ibm-9005_X110-2007";
    case encoding::iso8859_8: return "ibm-5012_P100-1999";
    case encoding::iso8859_9: return "ibm-920_P100-1995";
    case encoding::iso8859_10: return "iso-8859_10-1998";
    case encoding::iso8859_11: return "iso-8859_11-2001";
    case encoding::iso8859_13: return "ibm-921_P100-1995";
    case encoding::iso8859_14: return "iso-8859_14-1998";
    case encoding::iso8859_15: return "ibm-923_P100-1998";
    case encoding::koi8_r: return "ibm-878_P100-1996";
    case encoding::koi8_u: return "ibm-1168_P100-2002";
    case encoding::macroman: return "macos-0_2-10.2";
    case encoding::maccyrillic: return "macos-7_3-10.2";
    case encoding::ibm866: return "ibm-866_P100-1995";
    case encoding::cp437: return "ibm-437_P100-1995";
    case encoding::windows874: return "windows-874-2000";
    default: return {};
  }
}

result<std::unique_ptr<byte_decoder>> make_icu_decoder(encoding e) {
  try {
    auto c = open(e);
    if (!c) return c.error();
    auto d = std::make_unique<icu_decoder>(std::move(*c), is_stateful(e));
    if (!d->init()) return error{errc::internal, 0, "ICU refused the decode callback"};
    return std::unique_ptr<byte_decoder>(std::move(d));
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  } catch (...) {
    return error{errc::internal, 0, "unexpected exception in the ICU bridge"};
  }
}

result<std::unique_ptr<byte_encoder>> make_icu_encoder(encoding e, const encode_params& p) {
  try {
    auto c = open(e);
    if (!c) return c.error();
    auto d = std::make_unique<icu_encoder>(std::move(*c), is_stateful(e), p);
    if (!d->init()) return error{errc::internal, 0, "ICU refused the encode callback"};
    return std::unique_ptr<byte_encoder>(std::move(d));
  } catch (const std::bad_alloc&) {
    return error{errc::internal, 0, "out of memory"};
  } catch (...) {
    return error{errc::internal, 0, "unexpected exception in the ICU bridge"};
  }
}

std::vector<dbcs_entry> icu_double_byte_codes(encoding e) {
  std::vector<dbcs_entry> out;
  try {
    auto c = open(e);
    if (!c || is_stateful(e)) return out;
    // One call per lead byte: every code of that lead, each followed by a
    // line feed (the decoder is back in step after it, whatever it made
    // of the code); a character whose offset is a code's first byte came
    // from that code. (An invalid code gives U+FFFD or 0x1A, or its trail
    // byte again as ASCII, at the trail's offset.)
    constexpr unsigned kTrails = 0xFE - 0x40 + 1;
    char bytes[kTrails * 3];
    UChar u[kTrails * 6];
    int32_t offsets[kTrails * 6];
    for (unsigned lead = 0x81; lead <= 0xFE; ++lead) {
      for (unsigned t = 0; t < kTrails; ++t) {
        bytes[3 * t] = static_cast<char>(lead);
        bytes[3 * t + 1] = static_cast<char>(0x40 + t);
        bytes[3 * t + 2] = '\n';
      }
      UChar* target = u;
      const char* source = bytes;
      UErrorCode err = U_ZERO_ERROR;
      ucnv_reset(c->get());
      ucnv_toUnicode(c->get(), &target, u + kTrails * 6, &source, bytes + sizeof bytes, offsets,
                     /*flush=*/true, &err);
      if (U_FAILURE(err)) continue;
      const std::size_t n = static_cast<std::size_t>(target - u);
      for (std::size_t i = 0; i < n; ++i) {
        const int32_t at = offsets[i];
        if (at < 0 || at % 3 != 0) continue;
        const char16_t x = u[i];
        // one BMP character: not a surrogate, U+FFFD or a substitute
        if (x < 0x80 || (x >= 0xD800 && x <= 0xDFFF) || x == 0xFFFD || x == 0x1A) continue;
        if ((i + 1 < n && offsets[i + 1] == at) || (i > 0 && offsets[i - 1] == at)) continue;
        out.push_back({static_cast<std::uint16_t>(lead << 8 | (0x40 + at / 3)), static_cast<char32_t>(x)});
      }
    }
  } catch (...) {
    out.clear();
  }
  return out;
}

}  // namespace norm::detail
