#!/usr/bin/env python3
"""Generates the byte-misalignment corpus corpora/misalign/<encoding>.jsonl
(and corpora/misalign/clean.jsonl, the undamaged source lines as negatives)
for the misalign fixer (libnorm/src/fix/misalign.cpp).

Usage (repository root, python3, standard library only):

    python3 tools/gen_misalign_corpus.py

Deterministic: every choice comes from random.Random seeded with a fixed
string per file and mechanism; source lines are read in file order.
corpora/misalign/seed004.jsonl (the real lines of seed 004 with their
hand-checked repairs) is written by hand and left alone.

Sources: clean text of the TEST split that the repository already holds
(corpora/clean/<lang>.jsonl inputs, corpora/detect/<lang>/UTF-8.txt lines;
both made by tools/gen_mojibake_corpus.py / gen_detect_corpus.py from
Debian man pages and catalogs the language models were NOT trained on):
Simplified Chinese for GBK, Traditional Chinese for Big5 (and for GBK, as in
seed 004: a Traditional page in GBK), Japanese for Shift_JIS.

What happens to a line (one damage per case):
  * encode it (the page's encoding);
  * damage the bytes -- mechanism:
      lost-lead      the lead byte of one double-byte character is lost
      lost-trail     its trail byte is lost
      question-lead  its lead byte is replaced by '?' (0x3F)
      utf8-insert    the UTF-8 bytes of a 3-byte character (CJK
                     punctuation) are inserted before one character
                     (kept only when the decoder kept all three bytes)
  * decode the damaged bytes with the page's decoder, which now runs one
    byte out of step until an ASCII byte puts it back -- variant:
      reversible  Windows code page as ICU decodes it (GBK: the user-defined
                  areas become Private Use characters); bytes it cannot map
                  become U+FFFD, one per byte, the next byte read again
                  (Python's 'replace')
      drop        glibc `iconv -c`: bytes it cannot map vanish
  * expected: the original line where every character whose bytes are all
    still in the garbled text comes back, and each character with a byte
    gone (lost by the mechanism or by the decoder) is one U+FFFD; an
    inserted UTF-8 character is expected in place. "original" keeps the
    undamaged line (the corpus test accepts the right character where
    "expected" has U+FFFD: a confident restoration).
Only damage that leaves a misaligned run of at least 2 characters is kept
(the damaged character must be followed by 2 or more double-byte characters
before the next ASCII byte): a run of one character carries no evidence a
repair could use, and leaves nothing but the lost character itself.

Pair validity for the decoders: a two-byte code is a character when
Python's strict codec and the Windows twin agree on it (gbk/cp936, big5/cp950
outside the disputed C6A1-C8FE area, shift_jis/cp932), plus for the
reversible GBK decoder the user-defined areas -> PUA (as GB18030 maps them,
= ICU's cp936).

A case: {"id", "mechanism", "variant", "encoding", "lang", "input",
"expected", "original", "dropped", "comment", "origin"}; "dropped" is true
when the decoder silently dropped bytes (variant drop, and it met bytes it
could not map): then even the number of characters lost is unknown. Where
nothing was dropped every byte left a trace (a character or U+FFFD) and the
expected text is fully determined by the input: the corpus test asks for
exact recovery there.
"""

import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "corpora", "misalign")

# (file stem, norm encoding name, Python codec, Windows twin, language)
TARGETS = [
    ("gbk", "GBK", "gbk", "cp936", "zh-hans"),
    ("gbk_hant", "GBK", "gbk", "cp936", "zh-hant"),
    ("big5", "Big5", "big5", "cp950", "zh-hant"),
    ("shift_jis", "Shift_JIS", "shift_jis", "cp932", "ja"),
]
MECHANISMS = ["lost-lead", "lost-trail", "question-lead", "utf8-insert"]
VARIANTS = ["reversible", "drop"]
CASES_PER_ROW = 30  # per mechanism and variant: 4 x 2 x 30 = 240 per file
MIN_RUN = 2         # double-byte characters after the damage, before ASCII
# 3-byte UTF-8 characters a page might carry pasted in: CJK punctuation.
INSERTS = "\u201c\u201d\u3001\u3002\uff0c\uff1a\uff1b\uff01\u2014\u2026\u300a\u300b\u300c\u300d"


def user_defined_gbk(b1, b2):
    return ((0xAA <= b1 <= 0xAF or 0xF8 <= b1 <= 0xFE) and 0xA1 <= b2 <= 0xFE) or \
           (0xA1 <= b1 <= 0xA7 and 0x40 <= b2 <= 0xA0 and b2 != 0x7F)


class Codec:
    def __init__(self, enc, py, twin):
        self.enc, self.py, self.twin = enc, py, twin
        self.cache = {}

    def pair(self, b1, b2, reversible):
        """The character of bytes b1 b2, or None."""
        key = (b1, b2, reversible)
        if key in self.cache:
            return self.cache[key]
        ch = None
        data = bytes([b1, b2])
        try:
            a = data.decode(self.py)
            b = data.decode(self.twin)
            if a == b and len(a) == 1:
                ch = a
        except UnicodeError:
            pass
        if ch is None and self.enc == "GBK" and reversible and user_defined_gbk(b1, b2):
            ch = data.decode("gb18030")
        if ch is not None and self.enc == "Big5" and (
                (b1 == 0xC6 and b2 >= 0xA1) or b1 in (0xC7, 0xC8)):
            ch = None
        self.cache[key] = ch
        return ch

    def single(self, b):
        if b < 0x80:
            return chr(b)
        if self.enc == "Shift_JIS" and 0xA1 <= b <= 0xDF:
            return chr(0xFF61 + b - 0xA1)
        return None

    def is_lead(self, b):
        if self.enc == "Shift_JIS":
            return 0x81 <= b <= 0x9F or 0xE0 <= b <= 0xFC
        if self.enc == "Big5":
            return 0x81 <= b <= 0xFE
        return 0x81 <= b <= 0xFE

    def encode_char(self, c):
        """Bytes of one character, or None (not in both codecs alike)."""
        try:
            a = c.encode(self.py)
            b = c.encode(self.twin)
        except UnicodeError:
            return None
        if a != b:
            return None
        if len(a) == 2 and self.pair(a[0], a[1], False) != c:
            return None
        if len(a) == 1 and self.single(a[0]) != c:
            return None
        return a

    def decode(self, data, variant):
        """Returns (text, lost) where lost[i] is True when byte i did not
        reach the text as part of a character."""
        out, lost = [], [False] * len(data)
        i = 0
        while i < len(data):
            b = data[i]
            s = self.single(b)
            if s is not None:
                out.append(s)
                i += 1
                continue
            if self.is_lead(b) and i + 1 < len(data):
                ch = self.pair(b, data[i + 1], variant == "reversible")
                if ch is not None:
                    out.append(ch)
                    i += 2
                    continue
            lost[i] = True
            if variant == "reversible":
                out.append("\ufffd")
            i += 1
        return "".join(out), lost


def source_lines(lang):
    lines = []
    with open(os.path.join(ROOT, "corpora", "clean", lang + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            lines.append((o["input"], o["id"]))
    path = os.path.join(ROOT, "corpora", "detect", lang, "UTF-8.txt")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f.read().splitlines(), 1):
            lines.append((line, "detect/%s/UTF-8.txt:%d" % (lang, n)))
    return lines


def encode_line(codec, text):
    """(bytes, spans) with spans[k] = (start, end) of character k, or None
    when a character cannot be encoded."""
    data, spans = bytearray(), []
    for c in text:
        b = codec.encode_char(c)
        if b is None:
            return None
        spans.append((len(data), len(data) + len(b)))
        data += b
    return bytes(data), spans


def run_after(data, spans, k):
    """Double-byte characters after character k before the next ASCII byte."""
    n = 0
    for s, e in spans[k + 1:]:
        if e - s != 2:
            break
        n += 1
    return n


def make_case(codec, text, data, spans, k, mechanism, variant, rng):
    """Damages character k; returns (input, expected, dropped) or None."""
    s, e = spans[k]
    if e - s != 2:
        return None
    owner = []  # original character of each damaged byte (-1: inserted)
    damaged = bytearray()
    gone = set()  # characters the mechanism took a byte of
    insert_char = None
    for j, (a, b) in enumerate(spans):
        if j == k:
            if mechanism == "lost-lead":
                damaged.append(data[b - 1]); owner.append(j); gone.add(j)
                continue
            if mechanism == "lost-trail":
                damaged.append(data[a]); owner.append(j); gone.add(j)
                continue
            if mechanism == "question-lead":
                damaged.append(0x3F); owner.append(-2)
                damaged.append(data[b - 1]); owner.append(j); gone.add(j)
                continue
            if mechanism == "utf8-insert":
                insert_char = rng.choice(INSERTS)
                for x in insert_char.encode("utf-8"):
                    damaged.append(x); owner.append(-1)
        for x in data[a:b]:
            damaged.append(x); owner.append(j)
    garbled, lost = codec.decode(bytes(damaged), variant)
    lost_chars = set(gone)
    insert_lost = False
    dropped = False
    for i, flag in enumerate(lost):
        if not flag:
            continue
        if owner[i] >= 0:
            lost_chars.add(owner[i])
        elif owner[i] == -1:
            insert_lost = True
        if variant == "drop":
            dropped = True
    if insert_lost:
        # the decoder lost bytes of the inserted sequence itself (Big5
        # reads E2 80 as an invalid pair): lossy decoding, no misalignment
        return None
    out, orig = [], []
    for j, c in enumerate(text):
        if j == k and insert_char is not None:
            out.append("\ufffd" if insert_lost else insert_char)
            orig.append(insert_char)
        out.append("\ufffd" if j in lost_chars else c)
        orig.append(c)
    expected = "".join(out)
    original = "".join(orig)
    if garbled == expected:
        return None
    return garbled, expected, original, dropped


def generate(stem, enc, py, twin, lang):
    codec = Codec(enc, py, twin)
    lines = []
    for text, origin in source_lines(lang):
        enc_line = encode_line(codec, text)
        if enc_line is None:
            continue
        data, spans = enc_line
        # positions with a long enough run after them
        ks = [k for k in range(len(spans))
              if spans[k][1] - spans[k][0] == 2 and run_after(data, spans, k) >= MIN_RUN]
        if ks:
            lines.append((text, origin, data, spans, ks))
    cases = []
    for mechanism in MECHANISMS:
        for variant in VARIANTS:
            rng = random.Random("misalign:%s:%s:%s" % (stem, mechanism, variant))
            order = list(range(len(lines)))
            rng.shuffle(order)
            made = 0
            for li in order:
                if made >= CASES_PER_ROW:
                    break
                text, origin, data, spans, ks = lines[li]
                k = rng.choice(ks)
                case = make_case(codec, text, data, spans, k, mechanism, variant, rng)
                if case is None:
                    continue
                garbled, expected, original, dropped = case
                made += 1
                cases.append({
                    "id": "misalign/%s/%s/%s/%d" % (stem, mechanism, variant, made),
                    "mechanism": mechanism,
                    "variant": variant,
                    "encoding": enc,
                    "lang": lang,
                    "input": garbled,
                    "expected": expected,
                    "original": original,
                    "dropped": dropped,
                    "comment": "%s text in %s, %s at character %d, decoded %s" % (
                        lang, enc, mechanism, k, variant),
                    "origin": "generated: " + origin,
                })
    return cases, [(t, o) for t, o, _, _, _ in lines]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    clean, seen = [], set()
    for stem, enc, py, twin, lang in TARGETS:
        cases, sources = generate(stem, enc, py, twin, lang)
        write_jsonl(os.path.join(OUT, stem + ".jsonl"), cases)
        print("%s: %d cases" % (stem, len(cases)))
        for text, origin in sources:
            if text in seen:
                continue
            seen.add(text)
            clean.append({"id": "misalign/clean/%d" % (len(clean) + 1), "mechanism": "clean",
                          "variant": "clean", "encoding": "-", "lang": lang, "input": text,
                          "expected": text, "original": text, "dropped": False,
                          "comment": "a source line, undamaged", "origin": origin})
    write_jsonl(os.path.join(OUT, "clean.jsonl"), clean)
    print("clean: %d cases" % len(clean))


if __name__ == "__main__":
    main()
