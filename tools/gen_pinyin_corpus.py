#!/usr/bin/env python3
"""Generates corpora/pinyin/*.jsonl: synthetic inline pinyin annotations on
clean Chinese text, and clean negatives with legitimate parentheses and
pinyin. Deterministic (fixed seed).

Usage:  python3 tools/gen_pinyin_corpus.py [--unihan FILE] [--out DIR]

Sources of clean Chinese text (whole lines with at least 8 Han characters):
  corpora/clean/zh-hans.jsonl, corpora/clean/zh-hant.jsonl  (Debian man
      pages and message catalogs, see their "origin")
  corpora/detect/zh-hans/UTF-8.txt, corpora/detect/zh-hant/UTF-8.txt
  corpora/seeds/000.input.txt, 002, 003 (real scraped articles, clean)
Readings: Unihan_Readings (Debian unicode-data 15.0.0), parsed the way
tools/gen_pinyin_table.py parses it (the table the fixer uses).

Files (one JSON object a line: id, input, expected, expect, annotations,
spans, comment, origin):
  annotated.jsonl  positives: 3..8 annotations per case (the fixer needs 3
                   to see the pattern), on a varying set of characters:
                   random positions, or every occurrence of 1-3 chosen
                   characters (what a converter does), or a block of
                   2-4 lines; readings in tone marks (kMandarin, the
                   converter's default), numbered ("jie2"), or another
                   valid reading of the character (any Unihan source).
                   `spans` lists the annotations' byte ranges in `input`
                   as "BEGIN-END BEGIN-END ..." (half-open), for counting
                   removals.
  negatives.jsonl  expected == input: the clean lines themselves (with
                   their real parentheses), language-lesson lines (a quoted
                   annotated character, reading cues, polyphones with two
                   readings), names and tickers, English in parentheses,
                   wrong readings (a syllable that is not a reading of the
                   character, tone-marked, 3+ per line), lines with only
                   one or two annotations (no pattern).
"""
import argparse
import bz2
import json
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_pinyin_table import FIELDS, canonical, readings_of  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TONE_MARK = {"1": "\u0304", "2": "\u0301", "3": "\u030c", "4": "\u0300"}


def load_readings(path):
    text = bz2.decompress(open(path, "rb").read()).decode("utf-8")
    marked = {}   # cp -> list of tone-marked readings, kMandarin first
    for line in text.splitlines():
        if not line.startswith("U+"):
            continue
        cp_s, field, value = line.split("\t", 2)
        if field not in FIELDS:
            continue
        ch = chr(int(cp_s[2:], 16))
        lst = marked.setdefault(ch, [])
        rs = [unicodedata.normalize("NFC", r) for r in readings_of(field, value)]
        for k, r in enumerate(rs):
            if canonical(r) is None:
                continue
            if field == "kMandarin" and k == 0:  # the default reading leads
                if r in lst:
                    lst.remove(r)
                lst.insert(0, r)
            elif r not in lst:
                lst.append(r)
    return marked


def numbered(reading):
    """'jie2' for the tone-marked reading; u-diaeresis as 'v' ('lv4', as
    people type it). e-circumflex has no ASCII spelling: kept marked."""
    c = canonical(reading)
    return reading if "E" in c else c


def source_lines():
    out = []
    for f in ("zh-hans", "zh-hant"):
        for line in open(os.path.join(ROOT, "corpora", "clean", f + ".jsonl"), encoding="utf-8"):
            out.append((json.loads(line)["input"], f"corpora/clean/{f}.jsonl"))
    for f in ("zh-hans", "zh-hant"):
        p = os.path.join(ROOT, "corpora", "detect", f, "UTF-8.txt")
        for line in open(p, encoding="utf-8"):
            out.append((line.rstrip("\n"), f"corpora/detect/{f}/UTF-8.txt"))
    for n in ("000", "002", "003"):
        p = os.path.join(ROOT, "corpora", "seeds", f"{n}.input.txt")
        for line in open(p, encoding="utf-8"):
            out.append((line.rstrip("\n").strip(), f"corpora/seeds/{n}.input.txt"))
    seen = set()
    keep = []
    for text, origin in out:
        if len(HAN.findall(text)) < 8 or text in seen:
            continue
        if re.search(r"[\u3400-\u9fff]\([a-z\u00e0-\u01dc]+\d?\)", text):
            continue  # never start from text that has annotations
        seen.add(text)
        keep.append((text, origin))
    return keep


def annotate(text, positions, style_of):
    """Inserts annotations after the characters at the given indices.
    Returns (input, spans)."""
    parts = []
    spans = []
    size = 0
    for i, ch in enumerate(text):
        parts.append(ch)
        size += len(ch.encode("utf-8"))
        if i in positions:
            ann = "(" + style_of(ch) + ")"
            spans.append([size, size + len(ann.encode("utf-8"))])
            parts.append(ann)
            size += len(ann.encode("utf-8"))
    return "".join(parts), spans


def annotatable(text, i, readings):
    ch = text[i]
    return HAN.match(ch) and ch in readings and readings[ch] and \
        not (i + 1 < len(text) and text[i + 1] == "(")


def make_positives(lines, readings, rng, count):
    cases = []
    tries = 0
    while len(cases) < count and tries < count * 20:
        tries += 1
        mode = rng.choice(["random", "random", "chars", "block"])
        if mode == "block":
            k = rng.randint(2, 4)
            start = rng.randrange(len(lines))
            chosen = lines[start:start + k]
            text = "\n".join(t for t, _ in chosen)
            origin = chosen[0][1]
        else:
            text, origin = lines[rng.randrange(len(lines))]
        cands = [i for i in range(len(text)) if annotatable(text, i, readings)]
        if len(cands) < 3:
            continue
        style = rng.choice(["marked", "marked", "marked", "numbered", "other"])
        fixed = {}  # a converter gives one character one reading

        def style_of(ch):
            if ch not in fixed:
                rs = readings[ch]
                r = rs[0]
                if style == "other" and len(rs) > 1:
                    r = rng.choice(rs[1:])
                fixed[ch] = numbered(r) if style == "numbered" else r
            return fixed[ch]

        if mode == "chars":
            chars = sorted({text[i] for i in cands})
            rng.shuffle(chars)
            picked = set()
            for ch in chars:
                picked |= {i for i in cands if text[i] == ch}
                if len(picked) >= 3:
                    break
            if len(picked) > 12:
                continue
            positions = picked
        else:
            n = min(len(cands), rng.randint(3, 8))
            positions = set(rng.sample(cands, n))
        inp, spans = annotate(text, positions, style_of)
        cases.append({
            "input": inp, "expected": text, "expect": "pass", "annotations": len(spans),
            "spans": " ".join(f"{b}-{e}" for b, e in spans),
            "comment": f"{len(spans)} annotations, {mode} positions, {style} readings",
            "origin": f"generated: {origin} + Unihan readings",
        })
    return cases


def wrong_reading(ch, readings, pool, rng):
    own = {canonical(r) for r in readings.get(ch, [])}
    while True:
        r = rng.choice(pool)
        if canonical(r) not in own and any(m in unicodedata.normalize("NFD", r)
                                           for m in TONE_MARK.values()):
            return r


def make_negatives(lines, readings, rng):
    cases = []

    def add(text, comment, origin="hand-written"):
        cases.append({"input": text, "expected": text, "expect": "pass", "annotations": 0,
                      "spans": "", "comment": comment, "origin": origin})

    for text, origin in lines:
        add(text, "clean line, real parentheses kept", f"generated: {origin}")
    # Hand-written: the forms named in issue 4 and their kin.
    hand = [
        ("\u9019\u500b\u5b57\u8b80\u4f5c\u300c\u884c(x\u00edng)\u300d", "lesson: one quoted annotated character"),
        ("\u8fd9\u4e2a\u5b57\u8bfb\u4f5c\u300c\u884c(x\u00edng)\u300d\uff0c\u4e0d\u8bfb\u4f5c\u300c\u884c(h\u00e1ng)\u300d", "lesson: polyphone, two readings"),
        ("\u300c\u9577\u300d\u6709\u5169\u500b\u8b80\u97f3\uff1a\u9577(ch\u00e1ng)\u548c\u9577(zh\u01ceng)\u3002", "lesson: polyphone"),
        ("\u300c\u884c(x\u00edng)\u300d\u300c\u8d70(z\u01d2u)\u300d\u300c\u8dd1(p\u01ceo)\u300d\u300c\u8df3(ti\u00e0o)\u300d\u90fd\u662f\u52d5\u8a5e\u3002", "lesson: quoted words"),
        ("\u8b80\u97f3\uff1a\u597d(h\u01ceo)\uff0c\u8b80\u4f5c\uff1a\u597d(h\u01ceo)\uff0c\u5ff5\uff1a\u597d(h\u01ceo)", "lesson: reading cues"),
        ("\u62fc\u97f3\uff1a\u4e2d(zh\u014dng)\uff0c\u6ce8\u97f3\uff1a\u570b(gu\u00f3)\uff0c\u767c\u97f3\uff1a\u4eba(r\u00e9n)", "lesson: reading cues"),
        ("\u82f1\u5049\u9054(Nasdaq:NVDA)\u80a1\u50f9\u66b4\u8dcc", "ticker"),
        ("\u6df1\u5ea6\u6c42\u7d22(DeepSeek)\u662f\u91cf\u5316\u5de8\u982d\u5e7b\u65b9\u91cf\u5316\u65d7\u4e0b\u5927\u6a21\u578b\u516c\u53f8", "name in parentheses"),
        ("\u4e9e\u6b77\u5c71\u5927\u00b7\u738b(Alexandr Wang)\u8a55\u50f9DeepSeek", "name in parentheses"),
        ("\u817e\u8baf(0700.HK)\u3001\u963f\u91cc\u5df4\u5df4(BABA)\u548c\u767e\u5ea6(BIDU)", "tickers"),
        ("\u738b(Wang)\u3001\u674e(Li)\u3001\u5f35(Zhang)\u4e09\u4f4d\u4f5c\u8005", "surnames romanized, capitalized"),
        ("\u9078\u9805(a)\u3001\u9078\u9805(b)\u3001\u9078\u9805(c)\u548c\u9078\u9805(d)", "list letters"),
        ("\u4eba\u5de5\u667a\u80fd(ai)\u548c\u6a5f\u5668\u5b78\u7fd2(ml)\u4ee5\u53ca\u6a21\u578b(model)", "English in parentheses"),
        ("\u51fd\u6578(fn)\u8207\u8b8a\u6578(var)\u548c\u5e38\u6578(const)", "English in parentheses"),
        ("\u4ed6\u8aaa(ta)\u3001\u5979\u8aaa(ta)\u3001\u5b83\u8aaa(ta)", "lowercase words not readings of the character"),
        ("\u5317\u4eac(Beijing)\u3001\u4e0a\u6d77(Shanghai)\u548c\u5ee3\u5dde(Guangzhou)", "place names"),
        ("\u6625\u7bc0(ji\u00e9)", "one annotation: no pattern"),
        ("\u9019\u500b\u6625\u7bc0(ji\u00e9)\u4e0d\u4e00\u822c\uff0c\u696d(y\u00e8)\u754c\u90fd\u8aaa", "two annotations: no pattern"),
        ("\u884c(x\u00edng) \u884c(h\u00e1ng) \u9577(ch\u00e1ng) \u9577(zh\u01ceng) \u597d(h\u01ceo)", "lesson: polyphones listed"),
        ("\u898b\u4e0b\u9762\u7684shell\u8a9e\u6cd5(SHELL GRAMMAR)\u548c\u4fdd\u7559\u5b57(RESERVED WORDS)", "upper case words"),
        ("\u50f9\u683c(\u7d04\u5408\u4eba\u6c11\u5e634.28\u842c\u5104\u5143)", "Chinese in parentheses"),
        ("\u53c3\u6578(n)\u5fc5\u9808\u5927\u65bc\u96f6(0)", "single letters and digits"),
    ]
    for text, comment in hand:
        add(text, comment)
    # Wrong readings: 3..6 tone-marked syllables that are not readings of
    # the character before them.
    pool = sorted({r for rs in readings.values() for r in rs if canonical(r)})
    made = 0
    for text, origin in lines:
        if made >= 60:
            break
        cands = [i for i in range(len(text)) if annotatable(text, i, readings)]
        if len(cands) < 3:
            continue
        positions = set(rng.sample(cands, min(len(cands), rng.randint(3, 6))))
        inp, _ = annotate(text, positions, lambda ch: wrong_reading(ch, readings, pool, rng))
        add(inp, "wrong readings: not readings of the characters", f"generated: {origin}")
        made += 1
    # Two annotations only (real readings): the document shows no pattern.
    made = 0
    for text, origin in lines[::3]:
        if made >= 40:
            break
        cands = [i for i in range(len(text)) if annotatable(text, i, readings)]
        if len(cands) < 2:
            continue
        positions = set(rng.sample(cands, rng.randint(1, 2)))
        inp, _ = annotate(text, positions, lambda ch: readings[ch][0])
        add(inp, "one or two annotations: no pattern", f"generated: {origin}")
        made += 1
    # Lessons built from polyphones: two readings of one character.
    poly = [ch for ch, rs in readings.items() if len(rs) >= 2 and "\u4e00" <= ch <= "\u9fff"]
    poly.sort()
    for k in range(30):
        ch = rng.choice(poly)
        r1, r2 = readings[ch][0], readings[ch][1]
        ch2 = rng.choice(poly)
        add(f"\u300c{ch}\u300d\u6709\u5169\u500b\u8b80\u97f3\uff1a{ch}({r1})\u548c{ch}({r2})\uff1b\u300c{ch2}\u300d\u8b80\u4f5c{ch2}({readings[ch2][0]})\u6216"
            f"{ch2}({readings[ch2][1]})\u3002", "lesson: polyphones with two readings each",
            "generated: Unihan readings")
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unihan", default="/usr/share/unicode/Unihan_Readings.txt.bz2")
    ap.add_argument("--out", default=os.path.join(ROOT, "corpora", "pinyin"))
    a = ap.parse_args()
    rng = random.Random(20250206)
    readings = load_readings(a.unihan)
    lines = source_lines()
    os.makedirs(a.out, exist_ok=True)
    pos = make_positives(lines, readings, rng, 600)
    neg = make_negatives(lines, readings, rng)
    for name, cases in (("annotated", pos), ("negatives", neg)):
        with open(os.path.join(a.out, name + ".jsonl"), "w", encoding="utf-8") as f:
            for k, c in enumerate(cases, 1):
                c = {"id": f"pinyin/{name}/{k}", **c}
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    total = sum(c["annotations"] for c in pos)
    print(f"{len(lines)} source lines; {len(pos)} positive cases ({total} annotations), "
          f"{len(neg)} negatives", file=sys.stderr)


if __name__ == "__main__":
    main()
