#!/usr/bin/env python3
"""Prints the misalign corpus cases the fixer does not recover exactly, with
the bytes around the damage, for classifying why they fail.

Usage (repository root, after a build):

    NORM_MISALIGN_FAILURES=/tmp/fail.jsonl \\
        build/tests/norm_tests --gtest_filter=MisalignCorpus.Table
    python3 tools/misalign_failures.py /tmp/fail.jsonl [ID-SUBSTRING...]

For each case: the region where input, expected and the fixer's output
differ (a few characters of context), the original text's bytes in the
page's encoding there, and what the fixer's trace says it did. Standard
library only.
"""

import difflib
import json
import sys

CODECS = {"gbk": "gbk", "gbk_hant": "gbk", "big5": "big5", "shift_jis": "cp932"}
CONTEXT = 4


def span(a, b):
    """(first, last) character range of a where a and b differ, or None."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    if not ops:
        return None
    return ops[0][1], ops[-1][2]


def hexbytes(text, codec):
    out = []
    for c in text:
        try:
            out.append(c.encode(codec).hex(" ").upper())
        except UnicodeError:
            out.append("<%04X>" % ord(c))
    return " | ".join(out)


def show(case):
    stem = case["id"].split("/")[1]
    codec = CODECS.get(stem, "gbk")
    exp, got, inp, orig = case["expected"], case["got"], case["input"], case["original"]
    region = span(exp, inp) or (0, len(exp))
    r2 = span(exp, got) or region
    lo = max(0, min(region[0], r2[0]) - CONTEXT)
    hi = min(len(exp), max(region[1], r2[1]) + CONTEXT)
    print("==", case["id"], "(dropped)" if case["dropped"] else "")
    print("  orig :", orig[lo:hi])
    print("  exp  :", exp[lo:hi])
    # input/got: map the region through the diff to their own indices
    def cut(s):
        sm = difflib.SequenceMatcher(None, exp, s, autojunk=False)
        a = b = None
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if a is None and i2 >= lo:
                a = j1 + max(0, lo - i1) if tag == "equal" else j1
            if b is None and i2 >= hi:
                b = j1 + (hi - i1) if tag == "equal" else j2
        return s[a or 0:b if b is not None else len(s)]
    print("  in   :", cut(inp))
    print("  got  :", cut(got))
    print("  bytes:", hexbytes(orig[lo:hi], codec))
    print("  trace:", case["trace"] or "-")


def main():
    path = sys.argv[1]
    wants = sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            if wants and not any(w in case["id"] for w in wants):
                continue
            show(case)


if __name__ == "__main__":
    main()
