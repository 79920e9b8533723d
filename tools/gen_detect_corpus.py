#!/usr/bin/env python3
"""Generate the encoding-detection corpus corpora/detect/ from the TEST split
of .cache/text/ (see tools/extract_text.py; the language models in
libnorm/data/lang_models.inc never saw this text).

Run from the repository root (python3, standard library; glibc charmaps from
the Debian package `locales` for VISCII and EUC-TW):

    python3 tools/extract_text.py && python3 tools/gen_lang_models.py \
        && python3 tools/gen_detect_corpus.py

Deterministic: every random choice uses random.Random(<fixed string>).

Layout (the file name is the expected answer, norm's canonical name):
  <lang>/<encoding>.txt        2-8 KB of whole lines of natural text;
  <lang>/<encoding>.bom.txt    the same with a byte order mark (UTF-16/32);
  pieces/<size>/<lang>/<encoding>.hex   one piece per line in hex, cut at
      character boundaries, size-3 <= bytes <= size, >= 1 non-ASCII byte;
  binary/                      small non-text samples (answer: not text);
  manifest.tsv                 every text file with its size and the other
      encodings that decode its bytes to exactly the same text (an answer
      from that list is not wrong, e.g. ISO-8859-1 vs windows-1252 for text
      without 0x80-0x9F characters);
  known_failures.txt           maintained by hand.

Honesty rules: a line is used only if the target encoding can represent it;
labels of supersets are written only when the text needs them (GBK: at
least 3 characters outside GB2312, GB18030: outside GBK, windows-31j:
outside Shift_JIS, windows-949: outside EUC-KR, Big5-HKSCS: outside Big5,
windows-874: outside TIS-620, ISO-8859-15: outside Latin-1, windows-1252:
some 0x80-0x9F character; ISO-8859-10/-14 only when the bytes differ from
Latin-1). Files whose text does not reach 2 KB are written if >= 1 KB and
listed as short in manifest.tsv.
"""

import gzip
import os
import random
import re
import shutil
import struct
import sys
import unicodedata
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_lang_models import to_cp1258_form  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.join(ROOT, ".cache", "text")
OUT = os.path.join(ROOT, "corpora", "detect")
CHARMAPS = "/usr/share/i18n/charmaps"

TARGET_BYTES = 4096
MIN_BYTES = 2048
MIN_BYTES_SHORT = 1024
MAX_BYTES = 8192


# ---- codecs --------------------------------------------------------------
class CharmapCodec:
    """Encoder/decoder from a glibc charmap (VISCII, EUC-TW)."""

    def __init__(self, name):
        self.enc = {}
        self.dec = {}
        pat = re.compile(r"^(%IRREVERSIBLE%)?<U([0-9A-Fa-f]+)>\s+((?:/x[0-9a-fA-F]{2})+)")
        with gzip.open(os.path.join(CHARMAPS, name + ".gz"), "rt", encoding="ascii", errors="replace") as f:
            for line in f:
                m = pat.match(line)
                if not m:
                    continue
                ch = chr(int(m.group(2), 16))
                b = bytes(int(x, 16) for x in m.group(3).split("/x")[1:])
                self.dec.setdefault(b, ch)
                if not m.group(1) and (ch not in self.enc or len(b) < len(self.enc[ch])):
                    self.enc[ch] = b
        self.maxlen = max(len(b) for b in self.dec)

    def encode(self, s):
        out = []
        for ch in s:
            b = self.enc.get(ch)
            if b is None:
                raise UnicodeEncodeError("charmap", s, 0, 1, "unmappable")
            out.append(b)
        return b"".join(out)

    def decode(self, b):
        out, i = [], 0
        while i < len(b):
            for n in range(1, self.maxlen + 1):
                ch = self.dec.get(b[i:i + n])
                if ch is not None:
                    out.append(ch)
                    i += n
                    break
            else:
                raise UnicodeDecodeError("charmap", b, i, i + 1, "undefined")
        return "".join(out)


_charmaps = {}


def charmap(name):
    if name not in _charmaps:
        _charmaps[name] = CharmapCodec(name)
    return _charmaps[name]


# canonical name -> python codec (or charmap:NAME)
CODECS = {
    "US-ASCII": "ascii", "UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be",
    "UTF-32LE": "utf-32-le", "UTF-32BE": "utf-32-be", "GB18030": "gb18030", "GBK": "gbk",
    "GB2312": "gb2312", "HZ-GB-2312": "hz", "Big5": "big5", "Big5-HKSCS": "big5hkscs",
    "EUC-TW": "charmap:EUC-TW", "Shift_JIS": "shift_jis", "windows-31j": "cp932",
    "EUC-JP": "euc_jp", "ISO-2022-JP": "iso2022_jp", "EUC-KR": "euc_kr", "windows-949": "cp949",
    "Johab": "johab", "ISO-2022-KR": "iso2022_kr",
    "windows-1250": "cp1250", "windows-1251": "cp1251", "windows-1252": "cp1252",
    "windows-1253": "cp1253", "windows-1254": "cp1254", "windows-1255": "cp1255",
    "windows-1256": "cp1256", "windows-1257": "cp1257", "windows-1258": "cp1258",
    "ISO-8859-1": "latin-1", "ISO-8859-2": "iso8859_2", "ISO-8859-3": "iso8859_3",
    "ISO-8859-4": "iso8859_4", "ISO-8859-5": "iso8859_5", "ISO-8859-6": "iso8859_6",
    "ISO-8859-7": "iso8859_7", "ISO-8859-8": "iso8859_8", "ISO-8859-9": "iso8859_9",
    "ISO-8859-10": "iso8859_10", "ISO-8859-11": "iso8859_11", "ISO-8859-13": "iso8859_13",
    "ISO-8859-14": "iso8859_14", "ISO-8859-15": "iso8859_15", "ISO-8859-16": "iso8859_16",
    "KOI8-R": "koi8_r", "KOI8-U": "koi8_u", "macintosh": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic", "IBM866": "cp866", "IBM437": "cp437", "TIS-620": "tis_620",
    "windows-874": "cp874", "VISCII": "charmap:VISCII",
}
# For "is the text the same under another encoding": Big5 is read as cp950.
DECODE_CODECS = dict(CODECS, **{"Big5": "cp950"})
STATEFUL = {"HZ-GB-2312", "ISO-2022-JP", "ISO-2022-KR"}
WIDE = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}


def encode(text, enc):
    c = CODECS[enc]
    if enc == "windows-1258":
        text = to_cp1258_form(text)
    if c.startswith("charmap:"):
        return charmap(c[8:]).encode(text)
    return text.encode(c)


def decode(data, enc):
    c = DECODE_CODECS[enc]
    if c.startswith("charmap:"):
        return charmap(c[8:]).decode(data)
    return data.decode(c)


def can_encode(text, enc):
    try:
        encode(text, enc)
        return True
    except UnicodeError:
        return False


# ---- what to generate ------------------------------------------------------
def needs(enc_big, enc_small):
    """Line predicate: representable in enc_big but not in enc_small."""
    return lambda line: can_encode(line, enc_big) and not can_encode(line, enc_small)


def has_c1_char(enc):
    """Line predicate: uses a character that enc puts at 0x80-0x9F."""
    def pred(line):
        try:
            b = encode(line, enc)
        except UnicodeError:
            return False
        return any(0x80 <= x <= 0x9F for x in b)
    return pred


def differs_from(enc, other):
    def pred(line):
        try:
            return encode(line, enc) != encode(line, other)
        except UnicodeError:
            return True
    return pred


UNI = ["UTF-8"]
WIDE_ALL = ["UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"]
WESTERN = ["windows-1252", "ISO-8859-1", "ISO-8859-15", "macintosh", "UTF-8"]

# lang -> list of (encoding, preferred-line predicate or None, required)
# required: the file is written only if >= 3 preferred lines exist.
SPEC = {
    "zh-hans": [("GB2312", None, False), ("GBK", needs("GBK", "GB2312"), True),
                ("GB18030", needs("GB18030", "GBK"), True), ("HZ-GB-2312", None, False)]
    + [(e, None, False) for e in UNI + WIDE_ALL],
    "zh-hant": [("Big5", None, False), ("Big5-HKSCS", needs("Big5-HKSCS", "Big5"), True),
                ("EUC-TW", None, False), ("UTF-8", None, False)],
    "ja": [("Shift_JIS", None, False), ("windows-31j", needs("windows-31j", "Shift_JIS"), True),
           ("EUC-JP", None, False), ("ISO-2022-JP", None, False), ("UTF-8", None, False)],
    "ko": [("EUC-KR", None, False), ("windows-949", needs("windows-949", "EUC-KR"), True),
           ("Johab", None, False), ("ISO-2022-KR", None, False), ("UTF-8", None, False)],
    "ru": [(e, None, False) for e in ["windows-1251", "KOI8-R", "ISO-8859-5", "IBM866",
                                       "x-mac-cyrillic", "UTF-8"]],
    "uk": [(e, None, False) for e in ["windows-1251", "KOI8-U", "UTF-8"]],
    "bg": [(e, None, False) for e in ["windows-1251", "UTF-8"]],
    "sr": [(e, None, False) for e in ["windows-1251", "UTF-8"]],
    "el": [("windows-1253", differs_from("windows-1253", "ISO-8859-7"), False),
           ("ISO-8859-7", None, False), ("UTF-8", None, False)],
    "he": [("windows-1255", None, False), ("ISO-8859-8", None, False), ("UTF-8", None, False)],
    "ar": [("windows-1256", None, False), ("ISO-8859-6", None, False), ("UTF-8", None, False)],
    "th": [("TIS-620", None, False), ("windows-874", needs("windows-874", "TIS-620"), True),
           ("UTF-8", None, False)],
    "vi": [("windows-1258", None, False), ("VISCII", None, False), ("UTF-8", None, False)],
    "ro": [("ISO-8859-16", None, False), ("UTF-8", None, False)],
    "tr": [("windows-1254", has_c1_char("windows-1254"), False), ("ISO-8859-9", None, False),
           ("UTF-8", None, False)],
    "is": [("ISO-8859-10", differs_from("ISO-8859-10", "ISO-8859-1"), True),
           ("windows-1252", None, False), ("UTF-8", None, False)],
    "eo": [("ISO-8859-3", None, False), ("UTF-8", None, False)],
    "ga": [("ISO-8859-14", differs_from("ISO-8859-14", "ISO-8859-1"), True), ("UTF-8", None, False)],
    "cy": [("ISO-8859-14", differs_from("ISO-8859-14", "ISO-8859-1"), True), ("UTF-8", None, False)],
    "en": [("US-ASCII", None, False), ("UTF-8", lambda l: not l.isascii(), True)],
}
for _l in ["pl", "cs", "hu", "sk", "sl", "hr"]:
    SPEC[_l] = [("windows-1250", differs_from("windows-1250", "ISO-8859-2"), False),
                ("ISO-8859-2", differs_from("ISO-8859-2", "windows-1250"), False), ("UTF-8", None, False)]
for _l in ["lt", "lv", "et"]:
    SPEC[_l] = [("windows-1257", differs_from("windows-1257", "ISO-8859-13"), False),
                ("ISO-8859-13", differs_from("ISO-8859-13", "windows-1257"), False)]
    if _l != "et":
        SPEC[_l].append(("ISO-8859-4", None, False))
    SPEC[_l].append(("UTF-8", None, False))
for _l in ["de", "fr", "es", "it", "pt", "nl", "sv", "da", "fi", "ca"]:
    SPEC[_l] = [("windows-1252", has_c1_char("windows-1252"), True), ("ISO-8859-1", None, False),
                ("ISO-8859-15", needs("ISO-8859-15", "ISO-8859-1"), True),
                ("macintosh", None, False), ("UTF-8", None, False)]
    if _l in ("de", "fr", "es", "it"):
        SPEC[_l].append(("IBM437", None, False))

# Pieces: (lang, encoding) -> count; every other ASCII-compatible file
# encoding gets 50.
PIECES_CJK = {("zh-hans", "GBK"): 100, ("zh-hant", "Big5"): 100, ("ja", "Shift_JIS"): 100,
              ("ja", "EUC-JP"): 100, ("ko", "EUC-KR"): 100, ("zh-hans", "UTF-8"): 100,
              ("zh-hant", "UTF-8"): 100, ("ja", "UTF-8"): 100, ("ko", "UTF-8"): 100}
PIECE_SIZES = [16, 32, 64, 256]
PIECES_256_OTHER = 25  # 50 would put the corpus over its ~6 MB budget
CJK = {"zh-hans", "zh-hant", "ja", "ko"}


# ---- text ------------------------------------------------------------------
def read_sources(lang):
    path = os.path.join(TEXT, lang, "test.txt")
    sources, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("\x00"):
                cur = (line[1:], [])
                sources.append(cur)
            elif cur is not None and line:
                cur[1].append(unicodedata.normalize("NFC", line))
    return sources


def candidate_lines(lang, seed):
    """Test lines in a deterministic shuffled order of sources (lines of one
    source stay together and in order)."""
    sources = read_sources(lang)
    rng = random.Random(seed)
    rng.shuffle(sources)
    out = []
    for _, lines in sources:
        for line in lines:
            if lang != "en" and line.isascii():
                continue
            out.append(line)
    return out


def select_lines(lines, enc, pref, required):
    usable = []
    for i, line in enumerate(lines):
        try:
            b = encode(line + "\n", enc)
        except UnicodeError:
            continue
        usable.append((i, line, len(b)))
    chosen, size = set(), 0
    if pref is not None:
        prefs = [u for u in usable if pref(u[1])]
        if required and len(prefs) < 3:
            return None
        for i, line, n in prefs:
            if size + n > TARGET_BYTES // 3:
                if size:
                    break
                continue
            chosen.add(i)
            size += n
    for i, line, n in usable:
        if size >= TARGET_BYTES:
            break
        if i in chosen or size + n > MAX_BYTES:
            continue
        chosen.add(i)
        size += n
    return [line for i, line, _ in usable if i in chosen]


def same_text_as(data, text, own):
    out = []
    for enc in CODECS:
        if enc == own:
            continue
        try:
            if decode(data, enc) == text:
                out.append(enc)
        except (UnicodeError, LookupError):
            pass
    return out


# ---- pieces ------------------------------------------------------------------
def unit_bytes(ch, enc):
    return encode(ch, enc)


def make_pieces(lines, enc, size, count, lang, seed):
    rng = random.Random(seed)
    cjk = lang in CJK
    pieces, seen = [], set()

    def ok(units):
        b = b"".join(units)
        if not (size - 3 <= len(b) <= size) or b in seen:
            return None
        if not any(x >= 0x80 for x in b):
            return None
        return b

    encoded = []  # per line: list of per-character byte strings
    for line in lines:
        try:
            encoded.append([unit_bytes(ch, enc) for ch in line])
        except UnicodeError:
            continue
    # 1. whole short lines (titles, labels) that fit exactly
    whole = [u for u in encoded if size - 3 <= sum(map(len, u)) <= size]
    rng.shuffle(whole)
    for units in whole[: count // 2]:
        b = ok(units)
        if b:
            seen.add(b)
            pieces.append(b)
    # 2. windows cut from longer lines
    longer = [u for u in encoded if sum(map(len, u)) >= size - 3]
    tries = 0
    while len(pieces) < count and longer and tries < count * 200:
        tries += 1
        units = rng.choice(longer)
        start = rng.randrange(len(units))
        n, j = 0, start
        while j < len(units) and n + len(units[j]) <= size:
            n += len(units[j])
            j += 1
        win = units[start:j]
        if cjk and size <= 64:
            wide = sum(1 for u in win if len(u) > 1)
            if wide * 2 < len(win):
                continue  # prefer runs of CJK text
        b = ok(win)
        if b:
            seen.add(b)
            pieces.append(b)
    return pieces


# ---- binary samples ------------------------------------------------------------
def png_bytes():
    w = h = 8
    raw = b"".join(b"\x00" + b"".join(bytes((x * 32 % 256, y * 32 % 256, 128)) for x in range(w))
                   for y in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def write_binary(d):
    os.makedirs(d, exist_ok=True)
    rng = random.Random("binary")
    files = {}
    files["tiny.png"] = png_bytes()
    files["sample.gz"] = gzip.compress(("The quick brown fox jumps over the lazy dog.\n" * 40).encode(), mtime=0)
    elf = bytearray(64)
    elf[0:16] = b"\x7fELF\x02\x01\x01" + bytes(9)
    struct.pack_into("<HHIQQQIHHHHHH", elf, 16, 3, 0x3E, 1, 0x1040, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    files["sample.elf"] = bytes(elf) + rng.randbytes(1984)
    files["sample.pdf"] = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                           b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Length 64 "
                           b"/Filter /FlateDecode >>\nstream\n" + zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET" * 4)
                           + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    sq = bytearray(b"SQLite format 3\x00" + struct.pack(">HBBBBBBIIIIIIIIIIII", 4096, 1, 1, 0, 64, 32, 32,
                                                          1, 1, 0, 0, 1, 4, 0, 0, 0, 0, 0, 0))
    sq += bytes(100 - len(sq)) + b"\x0d\x00\x00\x00\x00\x10\x00\x00"
    sq += bytes(2048 - len(sq))
    files["sample.sqlite"] = bytes(sq)
    files["random.bin"] = rng.randbytes(1024)
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    return files


README = """# Encoding detection corpus

Generated by `tools/gen_detect_corpus.py` (run after `tools/extract_text.py`
and `tools/gen_lang_models.py`; deterministic, fixed seeds). Do not edit by
hand except `known_failures.txt`.

## Layout
- `<lang>/<encoding>.txt`: 2-8 KB of whole lines of natural text in one
  language, encoded in `<encoding>`. **The file name is the expected answer**:
  norm's canonical encoding name (`norm::name(encoding)`, see
  libnorm/src/encoding.cpp). `<encoding>.bom.txt` files carry a byte order
  mark (UTF-16/32 only). Lines the encoding cannot represent were dropped;
  windows-1258 text is in the decomposed form that code page needs (base
  letter + combining tone mark where no precomposed code exists).
- `pieces/<size>/<lang>/<encoding>.hex` (size 16, 32, 64, 256): short pieces
  of the same test text, one per line, in hex. Each piece has between
  size-3 and size bytes, is cut at character boundaries of its encoding
  and contains at least one non-ASCII byte. Short catalog strings (titles,
  labels) that fit are used whole; the rest are windows of longer lines (for
  CJK at <= 64 bytes, mostly CJK characters). 100 pieces per file for GBK,
  Big5, Shift_JIS, EUC-JP, EUC-KR and the CJK UTF-8 files, 50 otherwise
  (25 at 256 bytes; fewer when the text runs out). Stateful (HZ, ISO-2022) and UTF-16/32
  encodings have no pieces. Note: most GBK pieces fit in GB2312 and
  most Big5 pieces are also valid Big5-HKSCS; answers of a superset are
  right in those cases (see manifest rule below).
- `binary/`: small non-text samples (PNG, gzip, ELF, PDF, SQLite, random
  bytes); the expected answer is "not text".
- `manifest.tsv`: for each text file: path, expected encoding, size in
  bytes, number of lines, and `same_text`: the other encodings that decode
  the file's bytes to exactly the same text. An answer in that list is not
  a detection error (e.g. ISO-8859-1 vs windows-1252 for text with no
  0x80-0x9F characters, windows-1257 vs ISO-8859-13 for Baltic text without
  typographic quotes, GB2312 vs GBK vs GB18030). `short` marks files under
  2 KB (not enough test text).
- `known_failures.txt`: files or pieces the detector is known to get wrong
  (strict expected failures: a fix must remove the entry).

## Sources and the train/test split
Text from files Debian packages ship: gettext catalogs
(`/usr/share/locale/*/LC_MESSAGES/*.mo`), translated man pages
(`/usr/share/man/<locale>/`) and GNOME help pages (`/usr/share/help/`,
package gnome-user-docs); see `tools/extract_text.py`. Sources are split by
file: a catalog domain or page is in the test split when
`int(sha1(key)[:8], 16) % 100 >= 70` (key `mo:<domain>`,
`man:<section>/<page>` or `help:<doc>/<page>`), and test lines that also
occur in the training text are dropped. The language models
(`libnorm/data/lang_models.inc`) are trained on the other 70 % only, so
this corpus measures detection on unseen text.

Superset labels are used only when the text needs them: GBK has characters
outside GB2312, GB18030 characters outside GBK, windows-31j characters
outside Shift_JIS, windows-949 syllables outside EUC-KR, Big5-HKSCS
characters outside Big5, windows-874 characters outside TIS-620,
ISO-8859-15 characters outside Latin-1, windows-1252 at least one
0x80-0x9F character; ISO-8859-10/-14 files exist only where the bytes
differ from Latin-1.
"""


def main():
    if os.path.isdir(OUT):
        for name in os.listdir(OUT):
            p = os.path.join(OUT, name)
            if name == "known_failures.txt":
                continue
            if os.path.isdir(p):
                shutil.rmtree(p)
            else:
                os.remove(p)
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    skipped = []
    npieces = {}
    for lang, specs in SPEC.items():
        if not os.path.exists(os.path.join(TEXT, lang, "test.txt")):
            skipped.append(f"{lang}: no text")
            continue
        lines = candidate_lines(lang, "lines:" + lang)
        for enc, pref, required in specs:
            chosen = select_lines(lines, enc, pref, required)
            if chosen is None:
                skipped.append(f"{lang}/{enc}: text does not need this encoding")
                continue
            text = "".join(l + "\n" for l in chosen)
            data = encode(text, enc)
            if len(data) < MIN_BYTES_SHORT:
                skipped.append(f"{lang}/{enc}: only {len(data)} bytes of text")
                continue
            d = os.path.join(OUT, lang)
            os.makedirs(d, exist_ok=True)
            variants = [("", data, text if enc != "windows-1258" else to_cp1258_form(text))]
            if enc in WIDE:
                variants.append((".bom", encode("\ufeff", enc) + data, "\ufeff" + variants[0][2]))
            for suffix, blob, utext in variants:
                name = f"{lang}/{enc}{suffix}.txt"
                with open(os.path.join(OUT, name), "wb") as f:
                    f.write(blob)
                same = same_text_as(blob, utext, enc)
                flag = "short" if len(blob) < MIN_BYTES else ""
                manifest.append((name, enc, str(len(blob)), str(len(chosen)), ",".join(same), flag))
            if enc in STATEFUL or enc in WIDE:
                continue
            count = PIECES_CJK.get((lang, enc), 50)
            for size in PIECE_SIZES:
                if size == 256 and (lang, enc) not in PIECES_CJK:
                    count = PIECES_256_OTHER
                pieces = make_pieces(lines, enc, size, count, lang, f"pieces:{lang}:{enc}:{size}")
                if not pieces:
                    continue
                pd = os.path.join(OUT, "pieces", str(size), lang)
                os.makedirs(pd, exist_ok=True)
                with open(os.path.join(pd, enc + ".hex"), "w") as f:
                    for b in pieces:
                        f.write(b.hex() + "\n")
                npieces[(lang, enc, size)] = len(pieces)
    write_binary(os.path.join(OUT, "binary"))
    with open(os.path.join(OUT, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("# path\texpected\tbytes\tlines\tsame_text\tflags\n")
        for row in manifest:
            f.write("\t".join(row) + "\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(README)
    kf = os.path.join(OUT, "known_failures.txt")
    if not os.path.exists(kf):
        with open(kf, "w") as f:
            f.write("# Known detection failures: one path per line (relative to corpora/detect/),\n"
                    "# for pieces '<hex file>:<line number>'; maintained by hand.\n")
    print(f"{len(manifest)} text files, {sum(npieces.values())} pieces in {len(npieces)} files")
    for s in skipped:
        print("skipped", s)
    short = [m[0] for m in manifest if m[5]]
    if short:
        print("short:", " ".join(short))
    few = [f"{l}/{e}@{s}:{n}" for (l, e, s), n in npieces.items()
           if n < (PIECES_CJK.get((l, e)) or (PIECES_256_OTHER if s == 256 else 50))]
    if few:
        print("fewer pieces than asked:", " ".join(few))


if __name__ == "__main__":
    main()
