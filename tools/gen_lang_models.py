#!/usr/bin/env python3
"""Generate libnorm/data/lang_models.inc: the language models that score
decoded text during encoding detection (interface:
libnorm/src/detail/lang_model.hpp, implementation lang_model.cpp).

Regenerate (python3, standard library only; the text comes from
tools/extract_text.py, which needs the opencc CLI for zh-hant):

    python3 tools/extract_text.py && python3 tools/gen_lang_models.py \
        && python3 tools/gen_detect_corpus.py
    python3 tools/gen_lang_models.py --check   # classify() == CP_CLASSES

Models are trained on the TRAIN split of .cache/text/<lang>/ only (split by
source file, see tools/extract_text.py); the detection corpus
(corpora/detect/) is cut from the TEST split.

Costs are in half-bits: round(-2 * log2(p)), clipped to 1..250.

Ideographic models (zh-hans, zh-hant, ja, ko): unigram over code points.
  zh-hans: Han characters from 60 % jieba dictionary (characters weighted by
  word frequency) + 40 % zh_CN catalogs/man pages; every other character
  from the catalogs/man pages. zh-hant: the same with the jieba words
  converted by `opencc -c s2twp` and zh_TW/zh_Hant/zh_HK text. ja, ko:
  catalogs and man pages. A character is listed when it was seen >= 2 times;
  any other character costs `unseen[cp_class]`: 4 more than the most
  expensive listed character of its class, or a fixed default for classes
  the language does not use. Forced: kana >= 40 (listed) / 60 (unseen) in
  zh and ko, hangul >= 40 / 60 outside ko, half-width katakana
  U+FF61-U+FF9F >= 60 in ja, PUA and controls 250 everywhere.

Alphabetic models: a character maps to a class (0 separator: ASCII space,
punctuation, digit, \\t \\n \\r; 1 non-ASCII punctuation/symbol/space; 2
control, DEL, C1, PUA, unassigned, U+FFFD; 3 letter not in the alphabet;
4..127 the alphabet, both cases of a letter sharing one class; that is
cp_class -> class: digit, ascii_other -> 0; symbol, cjk_symbol -> 1;
control, pua -> 2; any letter class -> 3 unless in the alphabet).
The alphabet is a-z plus every non-ASCII letter (lower-cased) of the
language's script that makes up >= 0.005 % of the letters of the training
text (for th every Thai
character seen; for vi also the combining tone marks U+0300 U+0301 U+0303
U+0309 U+0323, and vi trains on NFC text plus a windows-1258-style
decomposed copy). bigram[prev * 128 + next] = round(-2 * log2 p(next|prev)),
add-k smoothing (k = 0.5) over the classes in use, start of text = class 0;
transitions into class 2 cost at least 100; rows and columns of unused
classes cost 250.
"""

import collections
import math
import os
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.join(ROOT, ".cache", "text")
OUT = os.path.join(ROOT, "libnorm", "data", "lang_models.inc")

IDEOGRAPHIC = ["zh-hans", "zh-hant", "ja", "ko"]
ALPHABETIC = ["ru", "uk", "bg", "sr", "el", "he", "ar", "th", "vi", "pl", "cs", "sk", "hu",
              "sl", "hr", "ro", "lt", "lv", "et", "tr", "de", "fr", "es", "it", "pt", "nl",
              "sv", "da", "fi", "ca", "is", "ga", "cy", "eo", "en"]
# mt is left out: Debian ships < 2 KB of Maltese catalog text.
SCRIPT_RANGES = {
    "cyrl": [(0x400, 0x52F)], "grek": [(0x370, 0x3FF), (0x1F00, 0x1FFF)],
    "hebr": [(0x591, 0x5F4)], "arab": [(0x600, 0x6FF), (0x750, 0x77F)],
    "thai": [(0xE00, 0xE7F)], "latn": [(0x80, 0x24F), (0x1E00, 0x1EFF)],
}
LANG_SCRIPT = {"ru": "cyrl", "uk": "cyrl", "bg": "cyrl", "sr": "cyrl", "el": "grek",
               "he": "hebr", "ar": "arab", "th": "thai"}
MAX_TRAIN_CHARS = 4_000_000  # per language; more changes costs by < 1 half-bit

# Must match enum class cp_class in libnorm/src/detail/lang_model.hpp.
CP_CLASSES = ["ascii_letter", "digit", "ascii_other", "control", "latin_letter",
              "other_letter", "han", "kana", "hangul", "cjk_symbol", "symbol", "pua"]
C = {name: i for i, name in enumerate(CP_CLASSES)}

HAN_RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)]
KANA_RANGES = [(0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF61, 0xFF9F),
               (0x1AFF0, 0x1B16F)]
HANGUL_RANGES = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF),
                 (0xFFA0, 0xFFDC)]
CJK_SYMBOL_RANGES = [(0x3000, 0x303F), (0xFF00, 0xFF60), (0xFFE0, 0xFFEF)]


def _in(cp, ranges):
    return any(a <= cp <= b for a, b in ranges)


def cp_class(cp):
    """The class of a code point; lang_model.cpp's classify() uses the range
    table generated from this function, so the two agree by construction
    (and `--check` verifies it)."""
    if cp < 0x80:
        if 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A:
            return C["ascii_letter"]
        if 0x30 <= cp <= 0x39:
            return C["digit"]
        if cp in (0x09, 0x0A, 0x0D) or 0x20 <= cp <= 0x7E:
            return C["ascii_other"]
        return C["control"]  # other C0 (\f \v too), DEL
    if cp <= 0x9F or cp > 0x10FFFF or cp == 0xFFFD:
        return C["control"]  # C1; U+FFFD marks a decoding failure
    if _in(cp, HAN_RANGES):
        return C["han"]
    if _in(cp, KANA_RANGES):
        return C["kana"]
    if _in(cp, HANGUL_RANGES):
        return C["hangul"]
    if _in(cp, CJK_SYMBOL_RANGES):
        return C["cjk_symbol"]
    cat = unicodedata.category(chr(cp))
    if cat == "Co":
        return C["pua"]
    if cat in ("Cn", "Cs", "Cc"):
        return C["control"]  # unassigned, noncharacter, surrogate
    if cat[0] in "LM":
        if cp <= 0x24F or 0x1E00 <= cp <= 0x1EFF:
            return C["latin_letter"]
        return C["other_letter"]
    return C["symbol"]  # P*, S*, Z*, N* (non-ASCII), Cf


def class_ranges():
    out = []
    start, cur = 0x80, cp_class(0x80)
    for cp in range(0x81, 0x110000):
        c = cp_class(cp)
        if c != cur:
            out.append((start, cp - 1, cur))
            start, cur = cp, c
    out.append((start, 0x10FFFF, cur))
    return out


def cost(p):
    if p <= 0:
        return 250
    return max(1, min(250, round(-2 * math.log2(p))))


def read_lines(lang, split="train"):
    path = os.path.join(TEXT, lang, split + ".txt")
    out, n = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("\x00"):
                continue
            out.append(line.rstrip("\n"))
            n += len(line)
            if n >= MAX_TRAIN_CHARS:
                break
    return out


def read_words(lang):
    path = os.path.join(TEXT, lang, "words.tsv")
    if not os.path.exists(path):
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 2 and p[1].isdigit():
                out.append((p[0], int(p[1])))
    return out


# ---- windows-1258 decomposition (shared with gen_detect_corpus.py) -------
def to_cp1258_form(text):
    """Vietnamese NFC text in the form windows-1258 can encode: a character
    with no code is decomposed, keeping the longest encodable precomposed
    base (e.g. U+1EA7 -> U+00E2 U+0300). Characters that cannot be encoded
    either way are returned unchanged (callers check encodability)."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        done = False
        for i in range(len(d), 0, -1):
            base = unicodedata.normalize("NFC", d[:i])
            rest = d[i:]
            try:
                (base + rest).encode("cp1258")
            except UnicodeEncodeError:
                continue
            if len(base) == 1:
                out.append(base + rest)
                done = True
                break
        if not done:
            out.append(ch)
    return "".join(out)


# ---- ideographic -----------------------------------------------------------
def build_ideographic(lang):
    lines = read_lines(lang)
    text_counts = collections.Counter()
    for line in lines:
        text_counts.update(line)
        text_counts["\n"] += 1
    words = read_words(lang) if lang in ("zh-hans", "zh-hant") else []
    word_counts = collections.Counter()
    for w, f in words:
        for ch in w:
            if cp_class(ord(ch)) == C["han"]:
                word_counts[ch] += f
    n_text = sum(text_counts.values())
    han_text = sum(n for ch, n in text_counts.items() if cp_class(ord(ch)) == C["han"])
    n_words = sum(word_counts.values())
    han_share = han_text / n_text
    w_words = 0.6 if n_words else 0.0
    probs = {}
    for ch in set(text_counts) | set(word_counts):
        cls = cp_class(ord(ch))
        if cls in (C["pua"], C["control"]):
            continue
        if text_counts[ch] + min(word_counts[ch], 2) < 2:
            continue
        if cls == C["han"]:
            p = han_share * (w_words * word_counts[ch] / max(1, n_words)
                             + (1 - w_words) * text_counts[ch] / han_text)
        else:
            p = text_counts[ch] / n_text
        probs[ord(ch)] = p
    costs = {cp: cost(p) for cp, p in probs.items()}
    zh = lang.startswith("zh")
    for cp in list(costs):
        cls = cp_class(cp)
        if cls == C["kana"] and lang != "ja":
            costs[cp] = max(costs[cp], 40)
        if cls == C["hangul"] and lang != "ko":
            costs[cp] = max(costs[cp], 40)
    if lang == "ja":
        for cp in range(0xFF61, 0xFFA0):
            costs[cp] = max(costs.get(cp, 0), 60)
    defaults = {"ascii_letter": 30, "digit": 30, "ascii_other": 30, "control": 250,
                "latin_letter": 40, "other_letter": 44, "han": 60, "kana": 60,
                "hangul": 60, "cjk_symbol": 36, "symbol": 40, "pua": 250}
    unseen = []
    for i, name in enumerate(CP_CLASSES):
        seen = [c for cp, c in costs.items() if cp_class(cp) == i]
        if name in ("control", "pua"):
            u = 250
        elif name == "kana" and lang != "ja" or name == "hangul" and lang != "ko":
            u = 60
        elif seen:
            u = min(250, max(seen) + 4)
        else:
            u = defaults[name]
        unseen.append(u)
    del zh
    return {"name": lang, "ideographic": True,
            "unigram": sorted(costs.items()), "unseen": unseen}


# ---- alphabetic ------------------------------------------------------------
VI_TONES = "\u0300\u0301\u0303\u0309\u0323"


def letter_key(ch):
    lo = ch.lower()
    return lo if len(lo) == 1 else ch


def is_letter(ch):
    return unicodedata.category(ch)[0] in "LM"


def build_alphabetic(lang):
    lines = read_lines(lang)
    if lang == "vi":
        lines = lines + [to_cp1258_form(l) for l in lines]
    counts = collections.Counter()
    for line in lines:
        for ch in line:
            if ord(ch) >= 0x80 and is_letter(ch) and cp_class(ord(ch)) not in (C["control"], C["pua"]):
                counts[letter_key(ch)] += 1
    total_letters = sum(counts.values()) + sum(
        sum(1 for ch in line if ch.isascii() and ch.isalpha()) for line in lines)
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    threshold = max(5, 5e-5 * total_letters)
    extra = []
    for ch, n in counts.most_common():
        if not _in(ord(ch), SCRIPT_RANGES[LANG_SCRIPT.get(lang, "latn")]):
            continue
        if lang == "th":
            extra.append(ch)
        elif n >= threshold:
            extra.append(ch)
    if lang == "vi":
        for t in VI_TONES:
            if t not in extra:
                extra.append(t)
    extra = [ch for ch in extra if ch not in letters]
    letters += extra[: 124 - len(letters)]
    index = {}
    for i, l in enumerate(letters):
        index[l] = 4 + i
    for i, l in enumerate(letters):
        up = l.upper()
        if len(up) == 1 and up not in index:
            index[up] = 4 + i
        ti = l.title()
        if len(ti) == 1 and ti not in index:
            index[ti] = 4 + i
    # other cased forms that lower-case to an alphabet letter (e.g. U+1E9E)
    n_used = 4 + len(letters)

    special = {C["digit"]: 0, C["ascii_other"]: 0, C["symbol"]: 1, C["cjk_symbol"]: 1,
               C["control"]: 2, C["pua"]: 2}
    cache = {}

    def cls(ch):
        r = cache.get(ch)
        if r is None:
            r = index.get(ch)
            if r is None:
                r = special.get(cp_class(ord(ch)), 3)
            cache[ch] = r
        return r

    pair = collections.Counter()
    for line in lines:
        seq = [0] + [cls(ch) for ch in line] + [0]
        pair.update(zip(seq, seq[1:]))
    k = 0.5
    big = bytearray([250]) * (128 * 128)
    for a in range(n_used):
        row = sum(pair[(a, b)] for b in range(n_used))
        for b in range(n_used):
            c = cost((pair[(a, b)] + k) / (row + k * n_used))
            if b == 2:
                c = max(c, 100)
            big[a * 128 + b] = c
    alphabet = sorted((ord(ch), i) for ch, i in index.items())
    return {"name": lang, "ideographic": False, "alphabet": alphabet, "bigram": bytes(big),
            "letters": "".join(letters)}


# ---- output ----------------------------------------------------------------
def c_string(data, per_line=16):
    lines = []
    for i in range(0, len(data), per_line):
        s = []
        for b in data[i:i + per_line]:
            if 0x20 <= b < 0x7F and b not in (0x22, 0x5C, 0x3F):
                s.append(chr(b))
            else:
                s.append("\\%03o" % b)
        lines.append('    "' + "".join(s) + '"')
    return "\n".join(lines)


def ident(name):
    return name.replace("-", "_")


def write_inc(models, ranges):
    o = []
    o.append("// Generated by tools/gen_lang_models.py -- do not edit.")
    o.append("//")
    o.append("// Regenerate: python3 tools/extract_text.py && python3 tools/gen_lang_models.py")
    o.append("// Sources: gettext catalogs /usr/share/locale/*/LC_MESSAGES/*.mo, translated")
    o.append("// man pages /usr/share/man/<locale>/, the jieba dictionary (zh-hans) and its")
    o.append("// OpenCC s2twp conversion (zh-hant); TRAIN split only: a source file (catalog")
    o.append("// domain or man page) is train when int(sha1(key)[:8], 16) % 100 < 70, see")
    o.append("// tools/extract_text.py. corpora/detect/ is cut from the other 30 %.")
    o.append("// Costs in half-bits: round(-2 * log2 p), clipped to 1..250.")
    o.append("// Included by libnorm/src/detail/lang_model.cpp inside namespace")
    o.append("// norm::detail::{anonymous}, after the definition of cp_range.")
    o.append("")
    for i, n in enumerate(CP_CLASSES):
        o.append(f"static_assert(static_cast<int>(cp_class::{n}) == {i});")
    o.append(f"static_assert(kNumCpClasses == {len(CP_CLASSES)});")
    o.append("")
    o.append("// cp_class of every code point >= 0x80, as ranges {first, last, class}.")
    o.append("constexpr cp_range kCpRanges[] = {")
    row = []
    for a, b, c in ranges:
        row.append(f"{{0x{a:X},0x{b:X},{c}}}")
        if len(row) == 6:
            o.append("    " + ",".join(row) + ",")
            row = []
    if row:
        o.append("    " + ",".join(row) + ",")
    o.append("};")
    o.append("")
    entries = []
    for m in models:
        nm = ident(m["name"])
        if m["ideographic"]:
            o.append(f"// {m['name']}: {len(m['unigram'])} characters")
            o.append(f"constexpr cp_cost kUnigram_{nm}[] = {{")
            row = []
            for cp, c in m["unigram"]:
                row.append(f"{{0x{cp:X},{c}}}")
                if len(row) == 10:
                    o.append("    " + ",".join(row) + ",")
                    row = []
            if row:
                o.append("    " + ",".join(row) + ",")
            o.append("};")
            unseen = ",".join(str(u) for u in m["unseen"])
            entries.append(f'    {{"{m["name"]}", true, kUnigram_{nm}, {{{unseen}}}, {{}}, nullptr}},')
        else:
            o.append(f"// {m['name']}: alphabet a-z + " + "".join(
                ch if ch.isprintable() and not unicodedata.category(ch).startswith("M")
                else "U+%04X " % ord(ch) for ch in m["letters"][26:]).encode(
                    "ascii", "backslashreplace").decode())
            o.append(f"constexpr cp_index kAlphabet_{nm}[] = {{")
            row = []
            for cp, i in m["alphabet"]:
                row.append(f"{{0x{cp:X},{i}}}")
                if len(row) == 10:
                    o.append("    " + ",".join(row) + ",")
                    row = []
            if row:
                o.append("    " + ",".join(row) + ",")
            o.append("};")
            o.append(f"constexpr std::uint8_t kBigram_{nm}[128 * 128 + 1] =")
            o.append(c_string(m["bigram"]) + ";")
            entries.append(f'    {{"{m["name"]}", false, {{}}, {{}}, kAlphabet_{nm}, kBigram_{nm}}},')
        o.append("")
    o.append("constexpr lang_model kLangModels[] = {")
    o += entries
    o.append("};")
    with open(OUT, "w", encoding="ascii") as f:
        f.write("\n".join(o) + "\n")


def check():
    """Compiles a tiny program against lang_model.cpp and compares its
    classify() with cp_class() on a sample of code points."""
    sample = list(range(0, 0x3000)) + list(range(0x3000, 0x10000, 7)) + \
        list(range(0x10000, 0x110000, 997)) + [0xFFFD, 0xFF61, 0xFF9F, 0xFFA0, 0xE000, 0x10FFFF, 0x110000]
    prog = r'''
#include <cstdio>
#include "detail/lang_model.hpp"
int main() {
  unsigned cp;
  while (std::scanf("%x", &cp) == 1)
    std::printf("%d\n", static_cast<int>(norm::detail::classify(static_cast<char32_t>(cp))));
  auto m = norm::detail::find_lang_model("ru");
  std::printf("%d\n", m && !m->ideographic && m->bigram ? 1 : 0);
}
'''
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "check.cpp")
        exe = os.path.join(d, "check")
        with open(src, "w") as f:
            f.write(prog)
        subprocess.run(["g++", "-std=c++20", "-O1", "-I" + os.path.join(ROOT, "libnorm/include"),
                        "-I" + os.path.join(ROOT, "libnorm/src"), "-I" + os.path.join(ROOT, "libnorm/data"),
                        src, os.path.join(ROOT, "libnorm/src/detail/lang_model.cpp"), "-o", exe],
                       check=True)
        inp = "\n".join("%x" % cp for cp in sample) + "\n"
        res = subprocess.run([exe], input=inp.encode(), capture_output=True, check=True)
        got = res.stdout.decode().split()
    bad = 0
    for cp, g in zip(sample, got):
        want = cp_class(cp) if cp <= 0x10FFFF else C["control"]
        if int(g) != want:
            bad += 1
            if bad < 10:
                print(f"mismatch U+{cp:04X}: C++ {g}, python {want}")
    if got[-1] != "1":
        print("find_lang_model(\"ru\") failed")
        bad += 1
    print(f"checked {len(sample)} code points: {bad} mismatches")
    return 1 if bad else 0


def main():
    if "--check" in sys.argv:
        sys.exit(check())
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    models = []
    for lang in IDEOGRAPHIC + ALPHABETIC:
        if only and lang not in only:
            continue
        if not os.path.exists(os.path.join(TEXT, lang, "train.txt")):
            print(f"skipping {lang}: no text (run tools/extract_text.py)", file=sys.stderr)
            continue
        m = build_ideographic(lang) if lang in IDEOGRAPHIC else build_alphabetic(lang)
        models.append(m)
        if m["ideographic"]:
            print(f"{lang:8s} {len(m['unigram'])} chars, unseen {m['unseen']}")
        else:
            print(f"{lang:8s} {len(m['letters'])} letters: {m['letters'][26:]}")
    write_inc(models, class_ranges())
    print("wrote", os.path.relpath(OUT, ROOT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
