#!/usr/bin/env python3
"""Generates libnorm/data/pinyin.inc: the Mandarin readings of Han characters.

Usage:  python3 tools/gen_pinyin_table.py [--unihan FILE] [--out FILE]
        (defaults: /usr/share/unicode/Unihan_Readings.txt.bz2,
         libnorm/data/pinyin.inc)

Where the data comes from: Debian 12's `unicode-data` 15.0.0-1 installs
/usr/share/unicode/Unihan_Readings.txt.bz2 (Unihan database, Unicode 15.0.0,
dated 2022-08-01). A character's readings are the union of the fields
  kMandarin     the customary reading(s); the first is the PRC one, a second
                one (when present) the Taiwan one
  kHanyuPinyin  Hanyu Da Zidian readings  ("10019.020:tian,dian ...")
  kXHC1983      Xiandai Hanyu Cidian 1983 ("0442.080:hang ...", '*' marks)
  kTGHZ2013     Tongyong Guifan Hanzi Zidian 2013 ("131.140:hang ...")
  kHanyuPinlu   readings with their frequency ("xing(2943) hang(218)")
(the examples above are written without tone marks only to keep this file
ASCII; Unihan writes tone marks). The libnorm pinyin fixer
(libnorm/src/fix/pinyin.cpp) removes an inline annotation only when its
reading is one of these.

Every reading is written in one canonical "numbered" form, the same form the
fixer turns a candidate annotation into before the lookup:
  * letters a-z; u-with-diaeresis is 'v'; e-with-circumflex is 'E';
  * then one tone digit: 1 macron, 2 acute, 3 caron, 4 grave, 5 none
    (neutral tone).
So "jie" with an acute accent is "jie2", "lu" with diaeresis and grave is
"lv4", "de" without a mark is "de5". Syllabic m/n with marks ("m2", "n3")
occur for a few interjections.

What is written:
  * kPinyinSyllables[]: every canonical syllable, sorted (byte order);
  * kPinyinChars[]: {code point, first, count} sorted by code point: the
    character's readings are kPinyinReadings[first .. first+count), the
    kMandarin reading first (the reading a converter applies by default);
  * kPinyinReadings[]: syllable indices (uint16_t);
  * kPinyinSourceSha256: sha256 of the Unihan file read, to tell which data
    the table was made from.
"""
import argparse
import bz2
import hashlib
import os
import re
import sys
import unicodedata

FIELDS = ("kMandarin", "kHanyuPinyin", "kXHC1983", "kTGHZ2013", "kHanyuPinlu")
TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def canonical(reading):
    """Tone-marked Unihan reading -> canonical numbered form, or None."""
    d = unicodedata.normalize("NFD", reading.strip().lower())
    letters = []
    tone = "5"
    for ch in d:
        if ch in TONES:
            tone = TONES[ch]
        elif ch == "\u0308":  # diaeresis: only on u
            if not letters or letters[-1] != "u":
                return None
            letters[-1] = "v"
        elif ch == "\u0302":  # circumflex: only on e
            if not letters or letters[-1] != "e":
                return None
            letters[-1] = "E"
        elif "a" <= ch <= "z":
            letters.append(ch)
        else:
            return None
    if not letters or len(letters) > 6:
        return None
    return "".join(letters) + tone


def readings_of(field, value):
    out = []
    if field == "kMandarin":
        out = value.split()
    elif field == "kHanyuPinlu":
        out = [re.sub(r"\(\d+\)$", "", v) for v in value.split()]
    else:  # LOCATION(S):READING[,READING...] groups, space-separated
        for group in value.split():
            _, _, rs = group.rpartition(":")
            out.extend(rs.split(","))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unihan", default="/usr/share/unicode/Unihan_Readings.txt.bz2")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "libnorm",
                                                  "data", "pinyin.inc"))
    a = ap.parse_args()
    raw = open(a.unihan, "rb").read()
    sha = hashlib.sha256(raw).hexdigest()
    text = (bz2.decompress(raw) if a.unihan.endswith(".bz2") else raw).decode("utf-8")
    version = re.search(r"# Unicode version: (\S+)", text)
    readings = {}  # cp -> ordered list of canonical readings
    bad = 0
    for line in text.splitlines():
        if not line.startswith("U+"):
            continue
        cp_s, field, value = line.split("\t", 2)
        if field not in FIELDS:
            continue
        cp = int(cp_s[2:], 16)
        lst = readings.setdefault(cp, [])
        for r in readings_of(field, value):
            c = canonical(r)
            if c is None:
                bad += 1
                continue
            if c not in lst:
                lst.append(c)
    # kMandarin first: reorder so that the first kMandarin reading leads.
    for line in text.splitlines():
        if line.startswith("U+") and "\tkMandarin\t" in line:
            cp_s, _, value = line.split("\t", 2)
            cp = int(cp_s[2:], 16)
            first = canonical(value.split()[0])
            lst = readings[cp]
            if first in lst:
                lst.remove(first)
                lst.insert(0, first)
    syllables = sorted({r for lst in readings.values() for r in lst})
    index = {s: i for i, s in enumerate(syllables)}
    assert len(syllables) < 65536
    cps = sorted(cp for cp, lst in readings.items() if lst)
    assert max(cps) < (1 << 21)
    entries = []
    flat = []
    for cp in cps:
        lst = readings[cp]
        assert len(lst) < 256
        entries.append((cp, len(flat), len(lst)))
        flat.extend(index[r] for r in lst)
    assert len(flat) < (1 << 32)

    out = []
    out.append("// Generated by tools/gen_pinyin_table.py -- do not edit.")
    out.append(f"// Source: {os.path.basename(a.unihan)} (Unicode "
               f"{version.group(1) if version else '?'}), fields {', '.join(FIELDS)}.")
    out.append(f"// {len(cps)} characters, {len(syllables)} syllables, {len(flat)} readings; "
               f"{bad} unparsable readings skipped.")
    out.append(f'inline constexpr char kPinyinSourceSha256[] = "{sha}";')
    out.append(f"inline constexpr std::size_t kPinyinSyllableCount = {len(syllables)};")
    out.append("inline constexpr const char* kPinyinSyllables[] = {")
    line = " "
    for s in syllables:
        item = f' "{s}",'
        if len(line) + len(item) > 98:
            out.append(line)
            line = " "
        line += item
    out.append(line)
    out.append("};")
    out.append(f"inline constexpr std::size_t kPinyinCharCount = {len(entries)};")
    out.append("inline constexpr pinyin_char kPinyinChars[] = {")
    line = " "
    for cp, first, count in entries:
        item = f" {{0x{cp:X},{first},{count}}},"
        if len(line) + len(item) > 98:
            out.append(line)
            line = " "
        line += item
    out.append(line)
    out.append("};")
    out.append("inline constexpr std::uint16_t kPinyinReadings[] = {")
    line = " "
    for v in flat:
        item = f"{v},"
        if len(line) + len(item) > 98:
            out.append(line)
            line = " "
        line += item
    out.append(line)
    out.append("};")
    with open(a.out, "w", encoding="ascii") as f:
        f.write("\n".join(out) + "\n")
    print(f"{a.out}: {len(cps)} characters, {len(syllables)} syllables, {len(flat)} readings, "
          f"{bad} skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
