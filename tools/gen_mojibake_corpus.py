#!/usr/bin/env python3
"""Generates the mojibake corpus (corpora/mojibake/*.jsonl) and the clean
negatives (corpora/clean/<lang>.jsonl) for `norm fix` from the TEST split of
.cache/text/ (made by tools/extract_text.py; run that first if it is missing).

Usage (repository root, python3, standard library only; `iconv` from
libc-bin is used to check the glibc "drop" variant):

    python3 tools/extract_text.py          # once, if .cache/text is missing
    python3 tools/gen_mojibake_corpus.py

Deterministic: every choice comes from random.Random seeded with a fixed
string per mechanism, and the source lines are read in file order.
corpora/mojibake/real.jsonl and corpora/clean/lookalikes.jsonl are written
from the hand-written lists at the end of this file (their expected values
are computed here, never typed in).

A case is one JSON object per line:
  {"id", "mechanism", "variant", "input", "expected", "expect", "lossy",
   "layers", "span", "lang", "comment", "origin"}
mechanism "A>B>C": the text encoded in A and decoded as B; that result
encoded in UTF-8 and decoded as C (each later layer is UTF-8 read as the
next name). "clean" for negatives. variant: "full" (the whole text garbled
by a reversible decoder), "span" (one clause or sentence garbled inside
clean text), "replace" / "question" / "drop" (lossy: bytes the wrong decoder
could not map became U+FFFD / '?' / nothing), "kunjinkao" (U+FFFD run read
as GBK). See corpora/mojibake/README.md for the decoder models and the lossy
convention.
"""

import codecs
import json
import os
import random
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.join(ROOT, ".cache", "text")
OUT_MOJIBAKE = os.path.join(ROOT, "corpora", "mojibake")
OUT_CLEAN = os.path.join(ROOT, "corpora", "clean")

CJK_LANGS = {"zh-hans", "zh-hant", "ja", "ko"}
MIN_LEN, MAX_LEN = 10, 200

# ---------------------------------------------------------------------------
# Decoder models ("real decoders garble differently", shared/FIELD.md).
#
# Single-byte windows-125x: bytes 0x80-0x9F that the code page leaves
# undefined are passed through as U+0080-U+009F (what Windows'
# MultiByteToWideChar and the WHATWG decoders do); any other undefined byte
# makes the text unusable for the exact variant (the case is skipped).
# GBK: Windows code page 936 as ICU implements it: Python's gbk, plus 0x80 ->
# U+20AC and the user-defined areas (AAA1-AFFE, F8A1-FEFE, A140-A7A0) -> the
# Private Use code points that GB18030 assigns them (reversible).
# Big5 (cp950), Shift_JIS, EUC-KR: the strict Python codec, and only texts on
# which it agrees with the Windows code page (cp950 / cp932 / cp949), so the
# expected answer does not depend on which of the two a decoder used.
# Big5 also leaves out C6A1-C8FE: Python's codecs give ETEN kana and
# Cyrillic there, Windows cp950 and ICU user-defined (Private Use) code
# points, browsers HKSCS characters.
# ---------------------------------------------------------------------------
PY = {
    "UTF-8": "utf-8", "windows-1250": "cp1250", "windows-1251": "cp1251",
    "windows-1252": "cp1252", "windows-1253": "cp1253", "windows-1254": "cp1254",
    "windows-1257": "cp1257", "ISO-8859-1": "latin-1", "ISO-8859-2": "iso8859_2",
    "ISO-8859-15": "iso8859_15", "KOI8-R": "koi8_r", "macintosh": "mac_roman",
    "IBM437": "cp437", "GBK": "gbk", "GB18030": "gb18030", "Big5": "big5",
    "Shift_JIS": "shift_jis", "EUC-JP": "euc_jp", "EUC-KR": "euc_kr",
}
WINDOWS_TWIN = {"Big5": "cp950", "Shift_JIS": "cp932", "EUC-KR": "cp949"}
SLOPPY_C1 = {"windows-1250", "windows-1251", "windows-1252", "windows-1253",
             "windows-1254", "windows-1257"}


def _sloppy_c1(exc):
    b = exc.object[exc.start]
    if 0x80 <= b <= 0x9F:
        return chr(b), exc.start + 1
    raise exc


def _sloppy_c1_encode(exc):
    c = exc.object[exc.start]
    if 0x80 <= ord(c) <= 0x9F:
        return bytes([ord(c)]), exc.start + 1
    raise exc


def _is_gbk_user_defined(b1, b2):
    return ((0xAA <= b1 <= 0xAF or 0xF8 <= b1 <= 0xFE) and 0xA1 <= b2 <= 0xFE) or \
           (0xA1 <= b1 <= 0xA7 and 0x40 <= b2 <= 0xA0 and b2 != 0x7F)


def _cp936(exc):
    data, i = exc.object, exc.start
    if data[i] == 0x80:
        return "\u20ac", i + 1
    if i + 1 < len(data) and _is_gbk_user_defined(data[i], data[i + 1]):
        return data[i:i + 2].decode("gb18030"), i + 2
    raise exc


def _cp936_encode(exc):
    c = exc.object[exc.start]
    if c == "\u20ac":
        return b"\x80", exc.start + 1
    if 0xE000 <= ord(c) <= 0xF8FF:
        b = c.encode("gb18030")
        if len(b) == 2 and _is_gbk_user_defined(b[0], b[1]):
            return b, exc.start + 1
    raise exc


codecs.register_error("norm_sloppy_c1", _sloppy_c1)
codecs.register_error("norm_sloppy_c1_encode", _sloppy_c1_encode)
codecs.register_error("norm_cp936", _cp936)
codecs.register_error("norm_cp936_encode", _cp936_encode)


def _big5_disputed(data):
    i = 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            i += 1
            continue
        t = data[i + 1] if i + 1 < len(data) else 0
        if (b == 0xC6 and t >= 0xA1) or b in (0xC7, 0xC8):
            return True
        i += 2
    return False


def decode(data, enc):
    """bytes -> str as the modelled real decoder does; raises if it would
    lose a byte."""
    if enc == "Big5" and _big5_disputed(data):
        raise UnicodeError("Big5 area C6A1-C8FE: decoders disagree")
    if enc in SLOPPY_C1:
        return data.decode(PY[enc], "norm_sloppy_c1")
    if enc == "GBK":
        return data.decode("gbk", "norm_cp936")
    s = data.decode(PY[enc])
    if enc in WINDOWS_TWIN and data.decode(WINDOWS_TWIN[enc]) != s:
        raise UnicodeError("differs from the Windows code page")
    return s


def encode(text, enc):
    """str -> bytes, the inverse of decode() (raises if not representable)."""
    if enc in SLOPPY_C1:
        return text.encode(PY[enc], "norm_sloppy_c1_encode")
    if enc == "GBK":
        return text.encode("gbk", "norm_cp936_encode")
    b = text.encode(PY[enc])
    if enc == "Big5" and _big5_disputed(b):
        raise UnicodeError("Big5 area C6A1-C8FE: decoders disagree")
    if enc in WINDOWS_TWIN and text.encode(WINDOWS_TWIN[enc]) != b:
        raise UnicodeError("differs from the Windows code page")
    return b


def garble(text, chain):
    """Applies mechanism chain ["UTF-8", "GBK", "windows-1252"]; None if a
    layer cannot be applied or undone exactly."""
    try:
        cur = text
        for i in range(1, len(chain)):
            true = chain[0] if i == 1 else "UTF-8"
            cur = decode(encode(cur, true), chain[i])
        back = cur
        for i in range(len(chain) - 1, 0, -1):
            true = chain[0] if i == 1 else "UTF-8"
            back = decode(encode(back, chain[i]), true)
    except (UnicodeError, LookupError):
        return None
    if back != text or cur == text:
        return None
    return cur


# ---------------------------------------------------------------------------
# Source text
# ---------------------------------------------------------------------------
def bad_char(c):
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"):
        return True
    return c in "\ufffd\u00a0\u3000" or (cat == "Zs" and c != " ")


def looks_garbled(s):
    """True when the line itself re-encodes into different valid UTF-8 (it
    may already be mojibake) or carries known garble characters."""
    if "\u951f\u65a4" in s or "\u00e2\u20ac" in s:  # the starts of kun-jin-kao and of cp1252 quotes
        return True
    for enc in ("cp1252", "latin-1", "gbk", "shift_jis", "cp1251", "big5", "euc_kr"):
        try:
            t = s.encode(enc).decode("utf-8")
        except UnicodeError:
            continue
        if t != s:
            return True
    return False


def usable(s):
    return (MIN_LEN <= len(s) <= MAX_LEN and s == s.strip() and "  " not in s
            and unicodedata.normalize("NFC", s) == s
            and not any(bad_char(c) for c in s)
            and "\\" not in s and "~" not in s and not looks_garbled(s))


def load_sources(lang):
    """[(key, [lines])] of the test split, in file order."""
    path = os.path.join(TEXT, lang, "test.txt")
    sources, key, lines = [], None, []
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if raw.startswith("\x00"):
                if key is not None:
                    sources.append((key, lines))
                key, lines = raw[1:], []
            elif raw:
                lines.append(raw)
    if key is not None:
        sources.append((key, lines))
    return sources


class Pool:
    """Deterministic supply of unused source snippets per language. Every
    snippet is used at most once in the whole corpus. A third of the
    snippets are 2-4 consecutive lines of one source joined (man pages wrap
    sentences), so that long cases exist next to the short UI strings."""

    def __init__(self):
        self.items = {}
        self.used = set()
        self.cursor = {}

    def _build(self, lang):
        rng = random.Random("pool:" + lang)
        joiner = "" if lang in ("zh-hans", "zh-hant", "ja") else " "
        single, joined = [], []
        for key, lines in load_sources(lang):
            for i, line in enumerate(lines):
                if usable(line):
                    single.append((key, line))
                if line.startswith("-") or i + 1 >= len(lines):
                    continue
                text = line
                for j in range(i + 1, min(i + 4, len(lines))):
                    text = text + joiner + lines[j]
                    if len(text) >= 100:
                        break
                if 100 <= len(text) <= MAX_LEN and usable(text) and rng.random() < 0.15:
                    joined.append((key, text))
        rng.shuffle(single)
        rng.shuffle(joined)
        # Interleave: 2 single lines, then 1 joined (long) one.
        out, a, b = [], 0, 0
        while a < len(single) or b < len(joined):
            for _ in range(2):
                if a < len(single):
                    out.append(single[a])
                    a += 1
            if b < len(joined):
                out.append(joined[b])
                b += 1
        self.items[lang] = out
        self.cursor[lang] = 0

    def take(self, langs, n, make, seed):
        """Up to n results of make(key, text, lang, rng) (None = skip), drawn
        round-robin over langs. Returns [(lang, key, text, result)]."""
        rng = random.Random(seed)
        for lang in langs:
            if lang not in self.items:
                self._build(lang)
        pos = {lang: 0 for lang in langs}
        out = []
        active = list(langs)
        while len(out) < n and active:
            for lang in list(active):
                items = self.items[lang]
                got = False
                while pos[lang] < len(items):
                    key, text = items[pos[lang]]
                    pos[lang] += 1
                    if text in self.used:
                        continue
                    r = make(key, text, lang, rng)
                    if r is None:
                        continue
                    self.used.add(text)
                    out.append((lang, key, text, r))
                    got = True
                    break
                if not got:
                    active.remove(lang)
                if len(out) >= n:
                    break
        return out


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def esc_char(c):
    o = ord(c)
    if o > 0xFFFF:
        o -= 0x10000
        return "\\u%04x\\u%04x" % (0xD800 + (o >> 10), 0xDC00 + (o & 0x3FF))
    return "\\u%04x" % o


def dump(obj):
    """JSON with UTF-8 text, but invisible characters (controls, C1,
    format, private use, non-ASCII spaces) written as \\u escapes."""
    s = json.dumps(obj, ensure_ascii=False)
    return "".join(esc_char(c) if ord(c) >= 0x7F and bad_char(c) and c != "\ufffd" else c
                   for c in s)


FIELDS = ["id", "mechanism", "variant", "input", "expected", "expect", "lossy",
          "layers", "span", "lang", "comment", "origin"]


def case(mechanism, inp, expected, lang, comment, origin, variant="full",
         lossy=False, span=False):
    layers = max(1, mechanism.count(">")) if mechanism != "clean" else 0
    return {"id": None, "mechanism": mechanism, "variant": variant, "input": inp,
            "expected": expected, "expect": "pass", "lossy": lossy,
            "layers": layers, "span": span, "lang": lang, "comment": comment,
            "origin": origin}


def write_jsonl(path, group, cases):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for n, c in enumerate(cases, 1):
            c["id"] = "%s/%d" % (group, n)
            f.write(dump({k: c[k] for k in FIELDS}) + "\n")
    return len(cases)


# ---------------------------------------------------------------------------
# Generators
# ---------------------------------------------------------------------------
LATIN = ["fr", "de", "es", "pt", "it", "pl"]


def full_cases(pool, mech, langs, n, comment=""):
    chain = mech.split(">")

    def make(key, text, lang, rng):
        if all(ord(c) < 0x80 for c in text):
            return None
        return garble(text, chain)

    out = []
    for lang, key, text, g in pool.take(langs, n, make, "full:" + mech):
        out.append(case(mech, g, text, lang, comment or ("%s read as %s" % (
            chain[0], " then as ".join(chain[1:]))), "generated: " + key))
    return out


def split_points(text, lang, rng):
    """A clause [a, b) of text to garble, at word or clause boundaries."""
    if lang in CJK_LANGS and lang != "ko":
        marks = [i + 1 for i, c in enumerate(text) if c in "\uff0c\u3002\u3001\uff1a\uff1b\uff01\uff1f,;:"]
        cuts = sorted(set([0] + [m for m in marks if m < len(text)] + [len(text)]))
        if len(cuts) >= 3:
            k = rng.randrange(len(cuts) - 1)
            return cuts[k], cuts[k + 1]
        if len(text) < 8:
            return None
        a = rng.randrange(1, len(text) // 2)
        return a, min(len(text), a + rng.randrange(3, 10))
    words = [i for i, c in enumerate(text) if c == " "]
    if len(words) < 3:
        return None
    bounds = [0] + [w + 1 for w in words]
    k = rng.randrange(len(bounds) - 1)
    m = min(len(bounds) - 1, k + rng.randrange(1, 4))
    a = bounds[k]
    b = bounds[m] - 1 if m < len(bounds) else len(text)
    if m == len(bounds) - 1 and rng.random() < 0.5:
        b = len(text)
    return a, b


def span_cases(pool, mech, langs, n):
    chain = mech.split(">")
    partner = {}

    def make(key, text, lang, rng):
        if rng.random() < 0.5:
            # A clause inside one sentence.
            pts = split_points(text, lang, rng)
            if pts is None:
                return None
            a, b = pts
            mid = text[a:b]
            if mid.strip() != mid or not mid or all(ord(c) < 0x80 for c in mid):
                return None
            g = garble(mid, chain)
            if g is None or (a == 0 and b == len(text)):
                return None
            return text[:a] + g + text[b:], text, "a garbled clause inside a clean sentence"
        # A garbled sentence between two clean ones of the same language.
        others = [t for t in partner.get(lang, []) if t != text]
        if len(others) < 2:
            partner.setdefault(lang, []).append(text)
            return None
        pre, post = others[-1], others[-2]
        partner[lang] = others[:-2]
        if pre in pool.used or post in pool.used:
            return None
        pool.used.update((pre, post))
        g = garble(text, chain)
        if g is None:
            return None
        sep = "" if lang in ("zh-hans", "zh-hant", "ja") else " "
        return (pre + sep + g + sep + post, pre + sep + text + sep + post,
                "a garbled sentence between two clean ones")

    out = []
    for lang, key, text, r in pool.take(langs, n, make, "span:" + mech):
        inp, exp, how = r
        out.append(case(mech, inp, exp, lang, how + " (%s read as %s)" % (
            chain[0], " then as ".join(chain[1:])), "generated: " + key,
            variant="span", span=True))
    return out


# --- lossy -----------------------------------------------------------------
def units_python(data, enc):
    """Decode with Python's errors='replace' semantics, returning units
    (start, end, text or None when the bytes were lost)."""
    units = []

    def handler(exc):
        units.append((exc.start, exc.end, None))
        return "\ufffd", exc.end

    name = "norm_record_%d" % id(units)
    codecs.register_error(name, handler)
    text = data.decode(PY[enc] if enc != "GBK" else "gbk", name)
    return text, sorted(units)


def glibc_gbk(data):
    """glibc's GBK decoder with iconv -c: returns (text, lost ranges)."""
    out, lost, i = [], [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        if b == 0x80 or b == 0xFF:
            lost.append((i, i + 1))
            i += 1
            continue
        if i + 1 >= len(data):
            return None, None  # iconv stops at an incomplete character
        b2 = data[i + 1]
        if b2 < 0x40 or (b == 0xFE and b2 > 0xA0):
            lost.append((i, i + 1))
            i += 1
            continue
        try:
            out.append(data[i:i + 2].decode("gbk"))
        except UnicodeError:
            lost.append((i, i + 2))
        i += 2
    return "".join(out), lost


def iconv_c(data, enc):
    p = subprocess.run(["iconv", "-c", "-f", enc, "-t", "UTF-8"], input=data,
                       capture_output=True)
    return p.stdout.decode("utf-8", "replace")


def lossy_expected(text, lost):
    """One U+FFFD per original character with at least one lost byte."""
    out, pos = [], 0
    for c in text:
        n = len(c.encode("utf-8"))
        hit = any(a < pos + n and pos < b for a, b in lost)
        out.append("\ufffd" if hit else c)
        pos += n
    return "".join(out)


def lossy_cases(pool, mech, variant, langs, n):
    true, wrong = mech.split(">")

    def make(key, text, lang, rng):
        data = encode(text, true) if true != "UTF-8" else text.encode("utf-8")
        if variant == "drop":
            if wrong != "GBK":
                raise ValueError(wrong)
            g, lost = glibc_gbk(data)
            if g is None or not lost or g != iconv_c(data, "GBK"):
                return None
        else:
            try:
                decoded, lost_units = units_python(data, wrong)
            except UnicodeError:
                return None
            lost = [(a, b) for a, b, _ in lost_units]
            if not lost:
                return None
            g = decoded if variant == "replace" else decoded.replace("\ufffd", "?")
            if variant == "question" and "?" in text:
                return None
        # Every surviving character must give back its own bytes.
        kept = bytearray()
        j = 0
        for a, b in sorted(lost):
            kept += data[j:a]
            j = b
        kept += data[j:]
        survivors = g.replace("\ufffd", "") if variant != "question" else g.replace("?", "")
        try:
            if encode(survivors, wrong) != bytes(kept):
                return None
        except UnicodeError:
            return None
        exp = lossy_expected(text, lost)
        if exp == text or g == text:
            return None
        return g, exp

    what = {"replace": "U+FFFD (Python errors='replace': one per invalid unit, one byte consumed)",
            "question": "'?' (as when the garble was saved through WideCharToMultiByte, which writes '?' for U+FFFD)",
            "drop": "nothing (glibc iconv -c: a bad lead skips 1 byte, an unmapped pair 2)"}[variant]
    out = []
    for lang, key, text, r in pool.take(langs, n, make, "lossy:%s:%s" % (mech, variant)):
        g, exp = r
        out.append(case(mech, g, exp, lang,
                        "%s read as %s; bytes it could not map became %s. Expected: the "
                        "original with U+FFFD for each character that lost a byte" % (
                            true, wrong, what),
                        "generated: " + key, variant=variant, lossy=True))
    return out


def kunjinkao_cases(pool, n, span):
    """Characters lost earlier (U+FFFD), then the UTF-8 read as GBK."""

    def make(key, text, lang, rng):
        han = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
        if len(han) < 4:
            return None
        k = rng.choice(han[:-1])
        run = 2 if span else rng.choice([1, 2, 2, 3, 4])
        lost = text[:k] + "\ufffd" * run + text[k + run:]
        if len(lost) != len(text):
            return None
        if span:
            g = decode(("\ufffd" * run).encode("utf-8"), "GBK")
            return lost[:k] + g + lost[k + run:], lost
        try:
            g = decode(lost.encode("utf-8"), "GBK")
        except UnicodeError:
            return None
        if encode(g, "GBK") != lost.encode("utf-8"):
            return None
        return g, lost

    out = []
    for lang, key, text, r in pool.take(["zh-hans", "zh-hant"], n, make,
                                        "kunjinkao:%s" % span):
        g, exp = r
        out.append(case("UTF-8>GBK", g, exp, lang,
                        ("U+FFFD U+FFFD in UTF-8 (EF BF BD EF BF BD) read as GBK is \u951f\u65a4\u62f7; "
                         + ("only the lost run is garbled, in clean text. " if span else
                            "the whole text, with its U+FFFD run, was read as GBK. ")
                         + "Expected: the text with its U+FFFD (what was lost cannot be known)"),
                        "generated: " + key, variant="kunjinkao", lossy=True, span=span))
    return out


# ---------------------------------------------------------------------------
# Hand-written cases
# ---------------------------------------------------------------------------
# (original, mechanism, lang, origin, comment); the input is computed.
REAL = [
    ("caf\u00e9", "UTF-8>windows-1252", "fr", "FIELD.md / issue 3", "the classic: cafe with e-acute"),
    ("Un caf\u00e9 cr\u00e8me, s\u2019il vous pla\u00eet.", "UTF-8>windows-1252", "fr", "issue 3",
     "right single quote U+2019 -> a-circumflex, euro sign, trade mark"),
    ("It\u2019s \u201cquoted\u201d \u2013 done\u2026", "UTF-8>windows-1252", "en", "issue 3",
     "typographic quotes, en dash and ellipsis through cp1252"),
    ("\u4e2d", "UTF-8>windows-1252>windows-1252", "zh-hans", "issue 3",
     "Chinese UTF-8 read as cp1252 twice (the last character is a soft hyphen U+00AD)"),
    ("\u4e2d\u6587", "UTF-8>windows-1252>windows-1252", "zh-hans", "issue 3", "twice, two characters"),
    ("\u53c2\u6570", "UTF-8>GBK", "zh-hans", "FIELD.md / issue 3", "parameter"),
    ("\u30b3\u30f3", "UTF-8>Shift_JIS", "ja", "issue 3", "half-width katakana in the garble"),
    ("\u30b3\u30f3\u30d4\u30e5\u30fc\u30bf", "UTF-8>Shift_JIS", "ja", "issue 3", "computer"),
    ("\u4e2d\u6587", "GBK>ISO-8859-1", "zh-hans", "issue 3", "GBK bytes read as Latin-1"),
    ("\u4e2d\u6587", "GBK>windows-1252", "zh-hans", "issue 3", "GBK bytes read as cp1252"),
    ("\u7e41\u9ad4\u4e2d\u6587", "Big5>ISO-8859-1", "zh-hant", "issue 3", "Big5 bytes read as Latin-1"),
    ("\ud55c\uae00", "EUC-KR>ISO-8859-1", "ko", "issue 3", "EUC-KR bytes read as Latin-1"),
    ("\u6e2c\u8a66JSON\u8cc7\u6599", "Big5>GBK", "zh-hant", "issue 3",
     "Big5 read as GBK; AE C6 falls in GBK's user-defined area and becomes the invisible U+E19D, as Windows cp936 and ICU decode it"),
    ("\u6b63\u5728", "UTF-8>GBK", "zh-hans", "FIELD.md",
     "contains a full-width letter; ftfy's width fold would make it unrepairable"),
    ("\u3002\u53ef\u4ee5\u8aaa", "UTF-8>GBK", "zh-hant", "common",
     "Traditional text read as GBK; the last byte pair falls in the user-defined area (PUA U+E009)"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!", "UTF-8>windows-1251", "ru", "common",
     "Russian UTF-8 read as cp1251"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!", "UTF-8>windows-1252", "ru", "common",
     "Russian UTF-8 read as cp1252"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!", "windows-1251>windows-1252", "ru", "common",
     "cp1251 bytes read as cp1252"),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!", "KOI8-R>windows-1251", "ru", "common",
     "KOI8-R bytes read as cp1251"),
    ("Gr\u00fc\u00dfe aus M\u00fcnchen", "UTF-8>windows-1252", "de", "common", "German umlauts and sharp s"),
    ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144", "UTF-8>windows-1250", "pl", "common",
     "Polish pangram read as cp1250"),
    ("Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144", "UTF-8>windows-1252", "pl", "common",
     "Polish pangram read as cp1252"),
    ("\u00c1rv\u00edzt\u0171r\u0151 t\u00fck\u00f6rf\u00far\u00f3g\u00e9p", "UTF-8>ISO-8859-2", "hu", "common",
     "Hungarian pangram read as Latin-2"),
    ("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8", "UTF-8>GBK", "ja", "common", "Japanese UTF-8 read as GBK"),
    ("\u6587\u5b57\u5316\u3051", "Shift_JIS>windows-1252", "ja", "common", "mojibake, in Shift_JIS read as cp1252"),
    ("\u00e9", "UTF-8>windows-1252>windows-1252>windows-1252", "fr", "common", "three layers"),
]


def real_cases():
    out = []
    for text, mech, lang, origin, comment in REAL:
        chain = mech.split(">")
        g = garble(text, chain)
        if g is None:
            raise SystemExit("real case does not garble reversibly: %r %s" % (text, mech))
        out.append(case(mech, g, text, lang, comment, origin))
    # Lossy real cases: U+FFFD pairs read as GBK.
    for text, lang, comment in [
            ("\ufffd\ufffd", "zh-hans", "U+FFFD U+FFFD in UTF-8 read as GBK: the famous kun-jin-kao"),
            ("\u6587\u4ef6\ufffd\ufffd\ufffd\ufffd\u6253\u5f00", "zh-hans",
             "four lost characters inside text, the whole read as GBK"),
            ("abc \ufffd\ufffd def", "en", "between ASCII")]:
        g = decode(text.encode("utf-8"), "GBK")
        out.append(case("UTF-8>GBK", g, text, lang, comment + "; expected keeps U+FFFD",
                        "FIELD.md / issue 3", variant="kunjinkao", lossy=True))
    # Python's replace on an odd byte count.
    text = "\u4e2d\u6587"
    decoded, units = units_python(text.encode("utf-8"), "GBK")
    out.append(case("UTF-8>GBK", decoded, lossy_expected(text, [(a, b) for a, b, _ in units]),
                    "zh-hans", "FIELD.md: Python decode('gbk', 'replace'); the second character lost a byte",
                    "FIELD.md", variant="replace", lossy=True))
    return out


LOOKALIKES = [
    # accented names and places
    "Zo\u00eb Saldana and Chlo\u00eb Grace Moretz", "Anders \u00c5ngstr\u00f6m measured 1 \u00c5 = 0.1 nm",
    "Jos\u00e9 \u00d1\u00fa\u00f1ez gan\u00f3 el premio", "Anton\u00edn Dvo\u0159\u00e1k: Symfonie \u010d. 9",
    "\u0141\u00f3d\u017a i Wroc\u0142aw le\u017c\u0105 w Polsce", "Bj\u00f8rn Borg vant Wimbledon",
    "Fran\u00e7ois Truffaut, na\u00efve, co\u00f6perate, r\u00e9sum\u00e9", "S\u00f8ren Kierkegaard (1813\u20131855)",
    "Ren\u00e9e Fleming sang at the Th\u00e9\u00e2tre du Ch\u00e2telet", "Ji\u0159\u00ed Mucha \u2013 secese",
    "\u00c9mile Zola, \u00c9douard Manet, \u00c9tienne", "S\u00c3O PAULO (capital do estado)",
    "M\u00c3E E FILHO \u2013 LOJA DE ROUPAS", "\u00c5SA LINDGREN, Stockholm", "\u00cENC\u00c2NTAT DE CUNO\u0218TIN\u021a\u0102",
    "Rom\u00e2nia \u0219i Rep\u00fablica Moldova", "C\u00c2MARA MUNICIPAL DE S\u00c3O JO\u00c3O",
    "Ana Lu\u00edsa Ara\u00fajo, Jo\u00e3o Gon\u00e7alves", "\u00c4RZTEKAMMER \u00d6STERREICH",
    "\u00c5LESUND og \u00c6R\u00d8", "\u00d0\u00f3r \u00deorsteinsson, Reykjav\u00edk",
    "Stra\u00dfe, GRO\u1e9eE STRA\u00dfE, Fu\u00dfball", "\u0130stanbul'da \u0131l\u0131k bir g\u00fcn, \u00e7ay i\u00e7tik",
    "T\u00dcRK\u0130YE B\u00dcY\u00dcK M\u0130LLET MECL\u0130S\u0130", "Ka\u017edodenn\u00ed \u017eivot v \u010cesk\u00e9 republice",
    "Ti\u1ebfng Vi\u1ec7t c\u00f3 nhi\u1ec1u d\u1ea5u: \u1eadu, \u1eb1ng, \u1ee9ng, \u1ef1a",
    "Ng\u01b0\u1eddi Vi\u1ec7t Nam y\u00eau n\u01b0\u1edbc", "Kh\u00f4ng c\u00f3 g\u00ec qu\u00fd h\u01a1n \u0111\u1ed9c l\u1eadp t\u1ef1 do",
    # pinyin
    "Zh\u014dngw\u00e9n (\u4e2d\u6587) is written in H\u00e0nz\u00ec", "n\u01da (\u5973) and l\u01dc (\u7eff)",
    "B\u011bij\u012bng, Sh\u00e0ngh\u01cei, Gu\u01cengzh\u014du", "p\u012bny\u012bn: m\u0101 m\u00e1 m\u01ce m\u00e0 ma",
    "\u4f60\u597d (n\u01d0 h\u01ceo) means hello", "Xi\u00e0nd\u00e0i H\u00e0ny\u01d4 C\u00eddi\u01cen",
    # math, symbols, currency
    "x \u00b1 \u03c3, a \u00d7 b \u00f7 c \u2264 d", "\u2211\u1d62 x\u1d62\u00b2 \u2265 0 for all x \u2208 \u211d",
    "Temperatur: 23 \u00b0C, Luftfeuchte 45 %", "1 \u00b5m = 10\u207b\u2076 m; \u00bd + \u00bc = \u00be",
    "Preis: 12,50 \u20ac (inkl. MwSt.)", "\u00a3100 or \u00a5 15000 or $120", "N\u00b0 12, \u00d8 12 mm, 90\u00b0",
    "\u00a9 2024 Example GmbH. Alle Rechte vorbehalten.", "NESTL\u00c9\u00ae and CAF\u00c9\u2122 are trade marks",
    "\u00c9DITIONS GALLIMARD\u00a9 1998", "CR\u00c8ME BR\u00dbL\u00c9E\u00ae Dessert", "SOCI\u00c9T\u00c9\u00ae G\u00c9N\u00c9RALE",
    "Sch\u00d6N\u00ae Kosmetik", "\u00c5KERLUND & RAUSING\u2122", "\u00a7 5 Abs. 2 \u2013 \u00b6 3",
    "\u00bfQu\u00e9 hora es? \u00a1Hola!", "\u00ab Bonjour \u00bb, dit-il \u2014 puis il partit\u2026",
    "\u201eAnf\u00fchrungszeichen\u201c und \u201aeinfache\u2018", "\u2018single\u2019 and \u201cdouble\u201d quotes",
    "A\u2192B, B\u21d2C, \u221e, \u2260, \u2248, \u221a2", "\u2460 \u2461 \u2462 \u2605 \u2606 \u2661 \u266a",
    "\u00bc cup sugar, \u00be cup flour, 350 \u00b0F", "Pr\u00eat-\u00e0-porter \u00e0 \u00a3 1 200",
    # kaomoji
    "(\u256f\u00b0\u25a1\u00b0)\u256f\ufe35 \u253b\u2501\u253b", "\u00af\\_(\u30c4)_/\u00af",
    "(\uff61\u25d5\u203f\u25d5\uff61)", "( \u0361\u00b0 \u035c\u0296 \u0361\u00b0)", "\u0ca0_\u0ca0",
    "(\u3065\uff61\u25d5\u203f\u203f\u25d5\uff61)\u3065", "\u30fd(\u00b4\u30fc\uff40)\u30ce",
    "(^_^;) \u3088\u308d\u3057\u304f\uff01", "\uff3c(^o^)\uff0f", "(\u00b4\uff65\u03c9\uff65`)",
    # rare CJK
    "\u9955\u992e\u4e4b\u5f92", "\u9b51\u9b45\u9b4d\u9b49", "\u8004\u800b\u4e4b\u5e74",
    "\u6d9b\u6d9b\u7ec6\u6d41\uff0c\u6c47\u6210\u6c5f\u6d77", "\u6d60\u6c34\u53bf\u4f4d\u4e8e\u6e56\u5317\u7701",
    "\u6d93\u6d93\u7ec6\u6d41", "\u5357\u6c49\u9ad8\u7956\u5218\u4dae", "\U00020bb7\u91ce\u5bb6\u306e\u725b\u4e3c",
    "\u3400\u3401\u3402 \u662f CJK \u6269\u5c55 A \u533a\u7684\u5b57", "\U00020000 \u662f CJK \u6269\u5c55 B \u7684\u7b2c\u4e00\u4e2a\u5b57",
    "\u9f98\u9f98\u9f98", "\u72c7\u7f8a\u9c7b", "\u93d6\u89d2\u5ea6", "\u942b\u9510\u7684\u950b\u5203",
    "\u5f20\u4e09\u4e30\u5728\u6b66\u5f53\u5c71", "\u9521\u5170\u6e56\uff0c\u5ca1\u6c34\u6cb3", "\u9e57\u7a9d\u5c71\u3068\u93d1\u5c71",
    "\u53c2\u6570\u9519\u8bef\uff1a\u8bf7\u68c0\u67e5\u914d\u7f6e", "\u6b63\u5728\u8fde\u63a5\u670d\u52a1\u5668\u2026",
    "\u8f6f\u4ef6\u7248\u672c\uff1av2.3.1\uff08\u7a33\u5b9a\u7248\uff09", "\u9019\u662f\u7e41\u9ad4\u4e2d\u6587\u7684\u53e5\u5b50\u3002",
    # full-width punctuation, mixed scripts
    "\u8bf7\u8f93\u5165\u5bc6\u7801\uff08\u81f3\u5c11 8 \u4f4d\uff09\uff1a", "\u300c\u6ce8\u610f\u300d\uff1a\u8acb\u52ff\u95dc\u9589\u96fb\u6e90\uff01",
    "\uff21\uff22\uff23\uff11\uff12\uff13 \u5168\u89d2\u6587\u5b57", "\u6771\u4eac\uff08\u3068\u3046\u304d\u3087\u3046\uff09\u90fd",
    "\u30c7\u30fc\u30bf\u3092\u4fdd\u5b58\u3057\u307e\u3057\u305f\u3002", "\u30d5\u30a1\u30a4\u30eb\u540d\uff1areport_2024.pdf",
    "iPhone 15 Pro \u306e\u65b0\u6a5f\u80fd", "Windows 11 \u3067\u52d5\u4f5c\u3057\u307e\u3059",
    "\uc548\ub155\ud558\uc138\uc694, \uc138\uacc4! Hello, world!", "\ud55c\uad6d\uc5b4(\u97d3\u570b\u8a9e)\uc640 \ud55c\uc790",
    "\uc11c\uc6b8\ud2b9\ubcc4\uc2dc \uac15\ub0a8\uad6c \ud14c\ud5e4\ub780\ub85c 123",
    "\u0421\u043c\u0430\u0440\u0442\u0444\u043e\u043d Apple iPhone 15 Pro \u0432 \u043d\u0430\u043b\u0438\u0447\u0438\u0438",
    "\u041d\u043e\u0443\u0442\u0431\u0443\u043a Lenovo ThinkPad \u0441 Linux", "\u0412\u0435\u0440\u0441\u0438\u044f Python 3.11 \u0438 GCC 12",
    "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430 \u043c\u043e\u0432\u0430: \u0457, \u0454, \u0456, \u0491",
    "\u041a\u0430\u043b\u0438\u043c\u0435\u0301\u0440\u0430 and \u0451\u043b\u043a\u0430", "\u0411\u044a\u043b\u0433\u0430\u0440\u0441\u043a\u0438 \u0435\u0437\u0438\u043a",
    "\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1, \u03c4\u03b9 \u03ba\u03ac\u03bd\u03b5\u03b9\u03c2;", "\u0391\u03b8\u03ae\u03bd\u03b1 \u03ba\u03b1\u03b9 \u0398\u03b5\u03c3\u03c3\u03b1\u03bb\u03bf\u03bd\u03af\u03ba\u03b7",
    "\u03ca\u03cb \u0390 \u03b0 \u2014 \u03b4\u03b9\u03b1\u03bb\u03c5\u03c4\u03b9\u03ba\u03ac", "\u0394\u03b9\u03b5\u03cd\u03b8\u03c5\u03bd\u03c3\u03b7 IP: 192.168.1.1",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd", "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645",
    "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u0e04\u0e23\u0e31\u0e1a", "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e",
    # half-width katakana (legit in receipts, bank records)
    "\uff83\uff9e\uff70\uff80", "\uff76) \uff94\uff8f\uff80\uff9e \uff80\uff9b\uff73", "\uff7a\uff9d\uff8b\uff9f\uff6d\uff70\uff80 \uff7c\uff7d\uff83\uff91",
    "\uff8c\uff9e\uff97\uff73\uff7b\uff9e \u00a5 1,280", "\uff76\uff9e\uff72\uff7c\uff9e\uff6e\uff73 \uff7d\uff72\uff72\uff80\uff9e\uff7f\uff73",
    # text about encodings, in words
    "The file is UTF-8, not Windows-1252 or ISO-8859-1.", "Save the file as UTF-8 without BOM.",
    "\u8bf7\u5c06\u6587\u4ef6\u53e6\u5b58\u4e3a UTF-8 \u7f16\u7801\uff0c\u800c\u4e0d\u662f GBK\u3002", "Shift_JIS \u3068 UTF-8 \u306e\u9055\u3044\u306b\u3064\u3044\u3066",
    "\u300c\u4e82\u78bc\u300d\u662f\u6307\u7de8\u78bc\u932f\u8aa4\u9020\u6210\u7684\u7121\u6cd5\u95b1\u8b80\u7684\u6587\u5b57\u3002",
    "\u300c\u6587\u5b57\u5316\u3051\u300d\u306f\u6587\u5b57\u30b3\u30fc\u30c9\u306e\u4e0d\u4e00\u81f4\u3067\u8d77\u3053\u308a\u307e\u3059\u3002",
    "Mojibake happens when bytes are decoded with the wrong code page.", "EUC-KR \ub610\ub294 CP949 \ub300\uc2e0 UTF-8\uc744 \uc0ac\uc6a9\ud558\uc138\uc694.",
    "\u041a\u043e\u0434\u0438\u0440\u043e\u0432\u043a\u0430 KOI8-R \u0443\u0441\u0442\u0430\u0440\u0435\u043b\u0430, \u0438\u0441\u043f\u043e\u043b\u044c\u0437\u0443\u0439\u0442\u0435 UTF-8.",
    "Das Zeichen \u00e4 ist in Latin-1 das Byte E4.", "Le caract\u00e8re \u00e9 s\u2019\u00e9crit C3 A9 en UTF-8.",
    "U+FEFF is the byte order mark; U+FFFD is the replacement character.",
    # emoji
    "Great job! \U0001f44d\U0001f3fd\U0001f389", "\U0001f1ef\U0001f1f5 \U0001f1e8\U0001f1f3 \U0001f1e9\U0001f1ea flags",
    "Family: \U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f I \u2665 NY \u2615",
    "\u6211\u7231\u4f60 \u2764\ufe0f \U0001f60a", "\u304a\u306f\u3088\u3046\U0001f305\u4eca\u65e5\u3082\u9811\u5f35\u308d\u3046\uff01",
    "\U0001f600\U0001f601\U0001f602\U0001f923", "Weather: \u2600\ufe0f 25\u00b0C, \U0001f327\ufe0f tomorrow",
]

# Latin-1 symbols and letters inside CJK text (legacy CJK read as Latin-1
# looks like this, one character at a time): must stay as they are.
CJK_LATIN1_LOOKALIKES = [
    "\u6e29\u5ea6\u4fdd\u6301\u5728\u00b15\u00b0C\u4ee5\u5185\u3002",
    "\u4ef7\u683c\uff1a\u00a5199\uff0c\u7ea6\u5408\u20ac25\u3002",
    "\u7ea6\u7ff0\u00b7\u53f2\u5bc6\u65af\u8bf4\uff1a\u201c\u597d\u7684\u3002\u201d",
    "\u7248\u6743\u6240\u6709\u00a92024\uff0c\u4fdd\u7559\u6240\u6709\u6743\u5229\u00ae\u3002",
    "\u89d2\u5ea6\u4e3a45\u00b0\uff0c\u8bef\u5dee\u00b10.5\u00b0\u3002",
    "\u7b2c\u00bd\u90e8\u5206\uff0c\u5171\u00be\u3002",
    "\u00b5s\u7ea7\u5ef6\u8fdf\uff0c\u00b1\u00b5s\u6296\u52a8",
    "\u9762\u79ef\u4e3a10m\u00b2\uff0c\u4f53\u79ef\u4e3a2m\u00b3\u3002",
    "\u6cd5\u56fd\u4eba\u8bf4\u00ab bonjour \u00bb\u3002",
    "\u6e29\u5ea6\uff1a\u00b1\u00b0C",
    "\u5355\u4ef7\u00a5\u00b15",
    "\u00d1and\u00fa\u662f\u4e00\u79cd\u9e1f\uff08\u7f8e\u6d32\u9e35\uff09\u3002",
    "\u5496\u5561\u9928\u53ebCaf\u00e9 M\u00fcller\u3002",
    "\u3053\u306e\u6587\u66f8\u306fUTF-8\u3067\u3059\u3002\u00c4 \u00d6 \u00dc \u306e\u4f8b\u3002",
    "\u982d\u90e8tag\u7684RPMTAG\u90e8\u5206\u4e5f\u88ab\u5ffd\u7565",
    # a troff escape after Japanese text: '?' + '\\' is no Shift_JIS character with a lost lead byte
    "\u73fe\u5728\u306b\u4e00\u756a\u8fd1\u3044 \\fB!?\\fP\\fIstring\\fP\\fB[?]\\fP \u306e\u691c\u7d22\u3067",
]

# Clean Chinese from Debian's gettext catalogs (tools/script_real_check.py's
# documents) that earlier builds changed: rare characters in words (the
# screen's word-pair veto), two ordinary characters as another double-byte
# code's reading, EUC-TW as a target.
REAL_CJK_CLEAN = [
    "\u6587\u4ef6\u63cf\u8ff0\u7b26 %d \u6cc4\u6f0f; \u8bf7\u4e0a\u62a5 bug",
    "\u5bc6\u94a5\u5df2\u6cc4\u6f0f\n\u5bc6\u94a5\u53ea\u6709\u5b58\u6839\u6216\u8005\u662f\u5361\u4e0a\u5bc6\u94a5",
    "\u65b0\u897f\u5170\u5143\n\u52aa\u5c14\u7279\u9c81\u59c6\n\u5317\u671d\u9c9c\u5706",
    "CSS \u7bc0\u9ede\n\u9298\u8b1d(_R)\n\u76ee\u524d\u9801",
    "AppInfo\n\u9298\u8b1d\n\u526a\u4e0b(_T)",
    "\u62ff\u74dc\n\u66fc\u5c3c\u6258\u5df4\n\u66fc\u7386\u5c3c\n\u99ac\u5e03\u591a",
    "\u4f2f\u5229\u5179\n\u8d1d\u5362\u8bfa\n\u8d1d\u5c14\u5ef7\u9f50",
    "\u6d1b\u96f7\u6258\u533a\u57df\n\u7f57\u5362\u59c6\n\u6e56\u5927\u533a",
    "\u5362\u987f\n\u5362\u97e6\u7f57\n\u5362\u68ee\u5821",
    "\u7b7e\u4e00\u6837, \u4ec5\u5305\u542b\u5c0f\u5199\u5b57\u6bcd\u7684\u88f8\u8bcd\u6709\u53ef\u80fd",
    # ... and from the ja and ko catalogs and man pages
    "\u30b5\u30f3\u30fb\u30eb\u30a4\n\u57fc\u7389\n\u30b5\u30ab\u30eb\u30e4",
    "\u30b8\u30a2\u30e9\u30a4\n\u5c90\u961c\n\u30ae\u30eb\u30d0\u30fc\u30c8\u8af8\u5cf6",
    "\uc628\ub450\ub77c\uc2a4\n\ud64d\ucf69\n\ud64d\ucf69, \uc911\uad6d",
    "\u30d7\u30ec\u30a4\u30e4\u306e\n.B \u5263\n\u306e\u5024\u30d7\u30e9\u30b9",
    "1000000000000000000000\nZ\t\u30bc\u30bf(zetta)",
    "\u042d\u0431\u0438\u0442\n\u042d\u0438\u0411\n\u042d\u0438\u0431\u0438",
    "\u30b9\u30fc\u30d1\u30fc\u30d0\u30a4\u30b6\u30fc\u3092\u547c\u3073\u51fa\u3059\u6a5f\u80fd "
    "[\u79c1\u304c IBM \u4e0a\u304c\u308a\u3060\u3063\u3066\u30d0\u30ec\u3061\u3083\u3063\u305f?])",
    # ... and Latin and Cyrillic ones (fr dpkg-dev, gtk30; cs gnupg2; uk gtk30; es apt)
    "sont \u00ab\u00a0commit\u00e9\u00a0\u00bb, modifi\u00e9s",
    "la valeur \u00ab\u00a0d\u00e9termin\u00e9\u00a0\u00bb\nIndique",
    "fronta je pln\u00e1\u00a0\u2013 \u010dek\u00e1 se",
    "\u043b\u0456\u043d\u0456\u0457 \u0491\u0440\u0430\u0442\u043e\u043a \u0443",
    "Correcta, \u00a1\u00bfpero no",
    "...\n^[nN\u043d\u041d]\n^[yY\u0442\u0422]",
    "\u0417\u0430\u0434\u0430\u0442\u044c \u0440\u0430\u0437\u043c\u0435\u0440 \u0445\u044d\u0448 \u0442\u0430\u0431\u043b\u0438\u0446\u044b \u0431\u043b\u0438\u0437\u043a\u0438\u043c \u043a <\u0427\u0418\u0421\u041b\u0423>",
    "\u042f\u0443\u043d\u043f\u0456\u0454\u0431\u0430\u043b\u0433\u0441\u044c\u043a\u0438\u0439 \u043a\u0440\u0430\u0439\n\u042f\u0443\u043d\u043f\u0456\u043b\u0441\u044c\u043a\u0438\u0439 \u043a\u0440\u0430\u0439",
    # Latin letters beside Han and katakana (zh_TW man pages: variables
    # and names; Japanese e-mail), found while widening the misalign
    # fixer's lone-letter rules: the lost-lead readings are wrong here
    "\u986f\u793a\u5e36\u6709c\u51fd\u5f0f\u7684\u6539\u8b8a\n\u9577\u5ea6\u8a2d\u70baW\u4f4d\u5143\u7d44",
    "\u6b04\u4f4d\u6578,\u800cC\u70ba\u6b04\u4f4d\u865f\n\u7b26\u865f\u7684a\u8f49\u63db\u70ba",
    "\u4ee3\u5b57\u5143~\u6307\u5411\u4f7f\u7528\u8005\u7684\u5bb6\u76ee\u9304",
    "\u6c92\u6709\u66ff\u4ee3\n<\u62d2\u7d55_\u671f\u9593> \u5206\u9418\u3002",
    "\u3053\u306ee\u30e1\u30fc\u30eb\u3092\u9001\u308b\u3002\n\u300ce\u30e1\u30fc\u30eb\u300d\u3092\u8aad\u3080\u3002",
]


def lookalike_cases():
    texts = list(LOOKALIKES)
    # Generated from templates: names and places in sentences (real names).
    names = ["Zo\u00eb", "Ren\u00e9e", "Ch\u00e2teau Lafite", "Dvo\u0159\u00e1k", "\u0141\u00f3d\u017a",
             "Bj\u00f8rn", "\u00c5ngstr\u00f6m", "Jos\u00e9 \u00d1\u00fa\u00f1ez", "Fran\u00e7oise",
             "G\u00f6del", "Schr\u00f6dinger", "Erd\u0151s P\u00e1l", "Sm\u00f6rg\u00e5sbord",
             "Cura\u00e7ao", "M\u00e1laga", "Gda\u0144sk", "Pl\u00e1cido Domingo", "Bront\u00eb",
             "Beyonc\u00e9", "Pok\u00e9mon", "Citro\u00ebn", "H\u00e4agen-Dazs", "Mot\u00f6rhead",
             "Sigur R\u00f3s", "Mi\u00f0b\u00e6r", "\u00c9cole Polytechnique", "\u00c1ngel Di Mar\u00eda",
             "\u00d6sterreich", "\u00dcberlingen", "\u00c4lmhult", "\u00c5rhus", "\u00c9vora",
             "\u00cele-de-France", "\u00d3bidos", "\u00dabeda", "\u0160koda", "\u017dilina",
             "\u010cesk\u00fd Krumlov", "\u015awinouj\u015bcie", "Ta\u015fk\u00f6pr\u00fc"]
    frames = ["{} \u2013 see p. 12", "Visit {} in June.", "{}: 3 results found",
              "\u00ab{}\u00bb was the answer.", "From {} with love \u2665"]
    for i, n in enumerate(names):
        texts.append(frames[i % len(frames)].format(n))
        texts.append(n.upper() + " \u2014 " + ["\u00a9 2023", "\u00ae", "\u2122", "N\u00b0 7", "\u00b1 0,5 mm"][i % 5])
    texts += CJK_LATIN1_LOOKALIKES
    texts += REAL_CJK_CLEAN
    seen, out = set(), []
    for t in texts:
        if t in seen:
            raise SystemExit("duplicate lookalike: %r" % t)
        seen.add(t)
        out.append(case("clean", t, t, "mul", "lookalike: correct text that must stay byte-identical",
                        "hand-written (tools/gen_mojibake_corpus.py)"))
    return out


# ---------------------------------------------------------------------------
MECHANISMS_UTF8_SB = [
    ("UTF-8>windows-1252", ["fr", "de", "es", "pt", "it", "pl", "cs", "tr", "ru", "zh-hans", "ja", "el", "vi", "ko"], 240),
    ("UTF-8>ISO-8859-1", ["fr", "de", "es", "pt", "it", "sv", "ru", "zh-hans"], 80),
    ("UTF-8>macintosh", ["fr", "de", "es", "pt", "it"], 60),
    ("UTF-8>IBM437", ["de", "fr", "es", "it", "pt"], 60),
    ("UTF-8>windows-1250", ["pl", "cs", "sk", "hu", "de"], 60),
    ("UTF-8>windows-1251", ["ru", "uk", "bg"], 80),
    ("UTF-8>windows-1253", ["el"], 60),
    ("UTF-8>windows-1254", ["tr", "de", "fr"], 60),
    ("UTF-8>windows-1257", ["lt", "lv", "et", "de", "pl"], 60),
    ("UTF-8>ISO-8859-2", ["pl", "cs", "hu", "sk"], 60),
    ("UTF-8>ISO-8859-15", ["fr", "de", "es", "fi"], 60),
    ("UTF-8>KOI8-R", ["ru", "uk", "fr"], 60),
]
MECHANISMS_UTF8_CJK = [
    ("UTF-8>GBK", ["zh-hans", "zh-hant", "ja", "ko", "ru", "fr", "de"], 200),
    ("UTF-8>GB18030", ["zh-hans", "zh-hant", "ja", "ru", "fr"], 60),
    ("UTF-8>Big5", ["zh-hant", "zh-hans", "ja", "ko", "ru", "fr", "es", "de"], 60),
    ("UTF-8>Shift_JIS", ["ja", "zh-hans", "zh-hant", "ko", "ru", "fr"], 100),
    ("UTF-8>EUC-JP", ["ja", "zh-hans", "zh-hant", "ru", "fr", "de"], 60),
    ("UTF-8>EUC-KR", ["ko", "zh-hans", "zh-hant", "ja", "ru", "fr", "es", "de"], 60),
]
MECHANISMS_CJK_LATIN = [
    ("GBK>ISO-8859-1", ["zh-hans"], 50), ("GBK>windows-1252", ["zh-hans"], 60),
    ("GBK>windows-1254", ["zh-hans"], 40),
    ("Big5>ISO-8859-1", ["zh-hant"], 50), ("Big5>windows-1252", ["zh-hant"], 50),
    ("Big5>windows-1254", ["zh-hant"], 40),
    ("Shift_JIS>ISO-8859-1", ["ja"], 40), ("Shift_JIS>windows-1252", ["ja"], 50),
    ("EUC-JP>ISO-8859-1", ["ja"], 40), ("EUC-JP>windows-1252", ["ja"], 40),
    ("EUC-KR>ISO-8859-1", ["ko"], 50), ("EUC-KR>windows-1252", ["ko"], 50),
]
MECHANISMS_CJK_CJK = [
    ("Big5>GBK", ["zh-hant"], 60), ("GBK>Big5", ["zh-hans"], 50),
    ("Shift_JIS>GBK", ["ja"], 50), ("EUC-KR>GBK", ["ko"], 50),
]
MECHANISMS_CYRILLIC = [
    ("windows-1251>windows-1252", ["ru", "uk", "bg"], 50),
    ("KOI8-R>windows-1251", ["ru"], 50),
    ("windows-1251>KOI8-R", ["ru", "uk", "bg"], 50),
]
MECHANISMS_LAYERED = [
    ("UTF-8>windows-1252>windows-1252", ["fr", "de", "es", "pt", "it", "pl", "zh-hans", "ru", "ja"], 80),
    ("UTF-8>windows-1252>windows-1252>windows-1252", ["fr", "de", "es", "pt", "zh-hans"], 50),
    ("UTF-8>ISO-8859-1>windows-1252", ["fr", "de", "es", "it"], 40),
    ("UTF-8>GBK>windows-1252", ["zh-hans", "zh-hant"], 40),
    ("UTF-8>windows-1252>GBK", ["fr", "de", "es", "pt"], 40),
    ("UTF-8>GBK>GBK", ["zh-hans", "zh-hant", "ja"], 40),
    ("UTF-8>Shift_JIS>windows-1252", ["ja"], 40),
    ("UTF-8>windows-1251>windows-1252", ["ru", "uk"], 40),
    ("UTF-8>GBK>windows-1252>windows-1252", ["zh-hans", "zh-hant"], 40),
    ("UTF-8>windows-1250>windows-1250", ["pl", "cs"], 40),
]
MECHANISMS_SPAN = [
    ("UTF-8>windows-1252", LATIN, 60), ("UTF-8>GBK", ["zh-hans", "zh-hant"], 60),
    ("UTF-8>Shift_JIS", ["ja"], 40), ("UTF-8>windows-1251", ["ru", "uk"], 40),
    ("GBK>ISO-8859-1", ["zh-hans"], 40), ("EUC-KR>windows-1252", ["ko"], 40),
    ("UTF-8>windows-1252>windows-1252", LATIN, 40),
]
MECHANISMS_LOSSY = [
    ("UTF-8>GBK", "replace", ["zh-hans", "zh-hant", "ja", "ru", "fr"], 60),
    ("UTF-8>GBK", "question", ["zh-hans", "zh-hant", "ja"], 40),
    ("UTF-8>GBK", "drop", ["zh-hans", "zh-hant", "ja"], 40),
    ("UTF-8>Big5", "replace", ["zh-hant", "zh-hans"], 40),
    ("UTF-8>Shift_JIS", "replace", ["ja", "zh-hans"], 40),
    ("UTF-8>EUC-KR", "replace", ["ko"], 40),
    ("UTF-8>windows-1252", "replace", ["es", "fr", "ru", "zh-hans", "is"], 40),
]
CLEAN_LANGS = [("zh-hans", 90), ("zh-hant", 90), ("ja", 90), ("ko", 80), ("ru", 80),
               ("uk", 60), ("el", 60), ("tr", 60), ("pl", 60), ("cs", 60), ("de", 70),
               ("fr", 70), ("es", 60), ("pt", 60), ("it", 60), ("vi", 60), ("en", 40)]


def main():
    if not os.path.isdir(TEXT):
        raise SystemExit(".cache/text is missing: run python3 tools/extract_text.py")
    pool = Pool()
    counts = {}

    def note(cases):
        for c in cases:
            label = c["mechanism"] + ("" if c["variant"] == "full" else " [%s]" % c["variant"]) + \
                (" [span]" if c["span"] and c["variant"] != "span" else "")
            counts[label] = counts.get(label, 0) + 1
        return cases

    groups = {}
    groups["utf8_as_single_byte"] = [c for m, l, n in MECHANISMS_UTF8_SB for c in note(full_cases(pool, m, l, n))]
    groups["utf8_as_cjk"] = [c for m, l, n in MECHANISMS_UTF8_CJK for c in note(full_cases(pool, m, l, n))]
    groups["cjk_as_latin"] = [c for m, l, n in MECHANISMS_CJK_LATIN for c in note(full_cases(pool, m, l, n))]
    groups["cjk_as_cjk"] = [c for m, l, n in MECHANISMS_CJK_CJK for c in note(full_cases(pool, m, l, n))]
    groups["cyrillic"] = [c for m, l, n in MECHANISMS_CYRILLIC for c in note(full_cases(pool, m, l, n))]
    groups["layered"] = [c for m, l, n in MECHANISMS_LAYERED for c in note(full_cases(pool, m, l, n))]
    groups["spans"] = [c for m, l, n in MECHANISMS_SPAN for c in note(span_cases(pool, m, l, n))]
    lossy = [c for m, v, l, n in MECHANISMS_LOSSY for c in note(lossy_cases(pool, m, v, l, n))]
    lossy += note(kunjinkao_cases(pool, 40, False)) + note(kunjinkao_cases(pool, 40, True))
    groups["lossy"] = lossy
    groups["real"] = note(real_cases())

    total = 0
    for g, cs in groups.items():
        total += write_jsonl(os.path.join(OUT_MOJIBAKE, g + ".jsonl"), g, cs)

    clean_total = 0
    for lang, n in CLEAN_LANGS:
        def make(key, text, lang, rng):
            return True
        cs = [case("clean", t, t, lg, "clean text from the test split", "generated: " + k)
              for lg, k, t, _ in pool.take([lang], n, make, "clean:" + lang)]
        clean_total += write_jsonl(os.path.join(OUT_CLEAN, lang + ".jsonl"), "clean/" + lang, cs)
        counts["clean " + lang] = len(cs)
    look = lookalike_cases()
    clean_total += write_jsonl(os.path.join(OUT_CLEAN, "lookalikes.jsonl"), "clean/lookalikes", look)
    counts["clean lookalikes"] = len(look)

    for k in sorted(counts):
        print("%-55s %5d" % (k, counts[k]))
    print("mojibake cases: %d, clean cases: %d" % (total, clean_total))
    short = [k for k, v in counts.items() if v < 40 and not k.startswith("clean") and "real" not in k]
    if short:
        print("WARNING: fewer than 40 cases: " + ", ".join(short), file=sys.stderr)


if __name__ == "__main__":
    main()
