#!/usr/bin/env python3
"""False-repair check for the misalign fixer's lone-letter rules on real,
clean text: every ASCII letter (or a ']' / '}' that closes nothing on its
line) standing beside Han text -- Han on one side, Han, a space or CJK
punctuation on the other (kana too in Japanese; a '(' before a bracket)
-- in the Chinese and Japanese documents Debian ships (zh_TW / zh_HK /
zh_CN gettext catalogs and man pages; ja man pages and catalogs: the
walkers of tools/script_real_check.py); in Japanese, what the katakana
rules take (kana_letters, halfwidth_between, katakana_heads); and a '?'
before a trail byte (question_trails: what search_question_trail reads as
a lead byte replaced by '?'). Each line holding one goes through `norm
fix` (default options); a changed line is printed. These letters are
variables, names and options (`\u5e36\u6709c\u51fd\u5f0f`, `\u70baW\u4f4d\u5143\u7d44`): the
lost-byte readings of search_lone_trail must leave them.

Usage (repository root; needs gettext, manpages-zh, manpages-ja):

    python3 tools/lone_letters_check.py --norm build/norm
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import script_real_check as real  # noqa: E402

QUIET = set(" \n\t\r\u3000\uff0c\u3002\u3001\uff1b\uff1a\uff08\uff09\u300c\u300d")


def han(c):
    return "\u3400" <= c <= "\u9fff"


def kana(c):
    return "\u3041" <= c <= "\u30ff"


def lone_letters(line, japanese):
    """Indexes of the lone letters of `line` (see the module text)."""
    out = []
    for i, c in enumerate(line):
        if not ("\x40" <= c <= "\x7e"):
            continue
        if not c.isalnum():
            opener = {"]": "[", "}": "{"}.get(c)
            if opener is None or opener in line[:i]:
                continue
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        quiet = lambda x: x in QUIET or (japanese and kana(x))  # noqa: E731
        bracket_head = not c.isalnum() and prev == "(" and han(nxt)
        if (han(prev) and (han(nxt) or quiet(nxt))) or (han(nxt) and quiet(prev)) or bracket_head:
            out.append(i)
    return out


def katakana(c):
    return "\u30a1" <= c <= "\u30fa" or c == "\u30fc"


def kana_letters(line):
    """Indexes of what search_lone_katakana reads as a lost lead in
    Japanese: a byte 0x40-0x7E between two katakana, a small letter before
    a small kana or the prolonged mark, a symbol after a katakana before
    hiragana or after a space before a katakana; one half-width katakana
    between a space and a kanji."""
    out = []
    for i, c in enumerate(line):
        prev = line[i - 1] if i > 0 else " "
        nxt = line[i + 1] if i + 1 < len(line) else " "
        if "\uff61" <= c <= "\uff9f":
            if prev in " \t" and han(nxt):
                out.append(i)
            continue
        if not ("\x40" <= c <= "\x7e") or c in "@[]{}|`":
            continue
        symbol = not c.isalnum()
        if ((katakana(prev) and katakana(nxt)) or ("a" <= c <= "z" and nxt in "\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7\u30ee\u30fc")
                or (symbol and katakana(prev) and "\u3041" <= nxt <= "\u309f")
                or (symbol and prev in " \t" and katakana(nxt))):
            out.append(i)
    return out


def wide(c):
    return ord(c) >= 0x2E80 and c != "\ufffd"


def japanese_wide(c):
    return "\u3000" <= c <= "\u30ff" or han(c) or "\uff01" <= c <= "\uff60"


def question_trails(line, japanese):
    """Indexes of what search_question_trail reads as a lead byte replaced
    by '?': '?' after a wide character or a space, then one byte 0x40-0x7E
    (or, in Japanese, a half-width katakana), then a wide character."""
    out = []
    for i, c in enumerate(line):
        if c != "?" or i + 2 >= len(line):
            continue
        prev = line[i - 1] if i > 0 else " "
        x = line[i + 1]
        trail = "\x40" <= x <= "\x7e" or (japanese and "\uff61" <= x <= "\uff9f")
        if trail and wide(line[i + 2]) and (wide(prev) or prev in " \t"):
            out.append(i)
    return out


def halfwidth_between(line):
    """Indexes of what search_lone_katakana reads as a hiragana's or kanji's
    trail byte: one half-width katakana (not the middle dot) between two
    wide Japanese characters, not both katakana."""
    out = []
    for i in range(1, len(line) - 1):
        c, prev, nxt = line[i], line[i - 1], line[i + 1]
        if ("\uff61" <= c <= "\uff9f" and c != "\uff65" and japanese_wide(prev) and japanese_wide(nxt)
                and not (katakana(prev) and katakana(nxt))):
            out.append(i)
    return out


def katakana_heads(line):
    """Indexes of a byte 0x40-0x7E (not a bracket, '@', '|' or '`') right
    before a katakana, not after a letter, digit, '?' or a character of
    paths and options: where search_lone_katakana asks the katakana words
    of ja_words.hpp (`t\u30e9\u30b0` for \u30d5\u30e9\u30b0)."""
    out = []
    for i, c in enumerate(line):
        if not ("\x40" <= c <= "\x7e") or c in "@[]{}|`" or i + 1 >= len(line) or not katakana(line[i + 1]):
            continue
        prev = line[i - 1] if i > 0 else " "
        if prev.isascii() and (prev.isalnum() or prev in "\\-%./_?"):
            continue
        out.append(i)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--norm", required=True)
    args = ap.parse_args()
    docs = [(n, t, False) for n, t in real.catalogs(("zh_TW", "zh_HK"))]
    docs += [(n, t, False) for n, t in real.man_pages(("zh_TW",))]
    docs += [(n, t, True) for n, t in real.man_pages(("ja",))]
    docs += [(n, t, True) for n, t in real.catalogs(("ja",))]
    simplified = [(n, t, False) for n, t in real.catalogs(("zh_CN",))]
    simplified += [(n, t, False) for n, t in real.man_pages(("zh_CN",))]
    lines, letters = [], {"zh": 0, "ja": 0, "kana": 0, "question": 0}
    for name, text, japanese in docs + simplified:
        for line in text.split("\n"):
            found = lone_letters(line, japanese)
            kana_found = (kana_letters(line) + halfwidth_between(line) + katakana_heads(line)) if japanese else []
            questions = question_trails(line, japanese)
            if found or kana_found or questions:
                letters["ja" if japanese else "zh"] += len(found)
                letters["kana"] += len(kana_found)
                letters["question"] += len(questions)
                lines.append((name, line))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for _, line in lines:
            f.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
        path = f.name
    try:
        got = real.run(args.norm, path, real.FIX_ARGS)
    finally:
        os.unlink(path)
    changed = 0
    for (name, line), out in zip(lines, got):
        if real.unicodedata.normalize("NFC", line) != out:
            changed += 1
            print(name, " | ".join(real.changes(line, out)))
    print("lone letters beside Han: %d in Chinese, %d in Japanese; at or in katakana words: %d; "
          "'?' before a trail byte: %d (%d lines); lines changed: %d"
          % (letters["zh"], letters["ja"], letters["kana"], letters["question"], len(lines), changed))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
