#!/usr/bin/env python3
"""Builds corpora/script/mixed.jsonl: mixed-script documents for
`norm fix --script=auto` (tests/corpus/script_corpus_test.cpp).

Sources: the clean inputs of the golden corpus (corpora/golden/input/, from
manpages-zh and the zh_CN / zh_TW / zh_HK gettext catalogs, see
tools/gen_golden.py), cut into documents of 6 lines. Conversions by the
opencc CLI (Debian package opencc). Kinds:

  leftover-tw   Simplified source -> s2tw, then every character whose
                Simplified form is one-to-many (\u540e, \u4e8e, \u91cc, \u91c7, \u5e76, ...) left
                unconverted, and one in five of the others (what a careless
                converter leaves, as in seed 004); expected: the s2tw text
                (\u53f0 and \u4e86 kept as written).
  flip-hant     real Traditional text (zh_TW, zh_HK) with a share (5-30 %)
                of its convertible characters flipped to their t2s form (in
                context); expected: the original.
  flip-hans     real Simplified text with a share of characters flipped to
                their s2t form; expected: the original.
  clean-hans, clean-tw, clean-hk, clean-ja: unchanged text; expected: same.

Each row also carries "opencc": OpenCC over the whole text with the right
target (s2tw / s2hk / t2s), the baseline the issue compares against.
  tools/gen_script_corpus.py   (writes corpora/script/mixed.jsonl and .tsv)
"""
import json
import os
import random
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLD = os.path.join(ROOT, "corpora/golden/input")
OUT = os.path.join(ROOT, "corpora/script/mixed.jsonl")


def one_to_many():
    """Simplified characters a one-to-one converter leaves (see below)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "st.txt")
        subprocess.run(["opencc_dict", "-i", "/usr/share/opencc/STCharacters.ocd2", "-o", out,
                        "-f", "ocd2", "-t", "text"], check=True)
        keys = set()
        for line in open(out, encoding="utf-8"):
            k, v = line.rstrip("\n").split("\t")
            vals = v.split(" ")
            # Valid in both scripts (\u540e: \u5f8c \u540e), the kind a one-to-one
            # converter leaves alone.
            if len(vals) > 1 and k in vals:
                keys.add(k)
        # ... and those seed 004's converter left too.
        return keys | set("\u5e76\u53d1\u4e48\u4e91\u7b51\u6e38")


ONE_TO_MANY = one_to_many()


def opencc(cfg, text):
    return subprocess.run(["opencc", "-c", cfg + ".json"], input=text.encode("utf-8"),
                          capture_output=True, check=True).stdout.decode("utf-8")


def docs(name, size=6):
    lines = [l for l in open(os.path.join(GOLD, name), encoding="utf-8").read().split("\n") if l.strip()]
    for i in range(0, len(lines) - size + 1, size):
        yield "\n".join(lines[i:i + size]) + "\n"


def flip(orig, conv, rng, share):
    """orig with a random share of the positions where conv differs taken from conv."""
    if len(orig) != len(conv):
        return None
    diff = [i for i, (a, b) in enumerate(zip(orig, conv)) if a != b]
    if len(diff) < 2:
        return None
    k = max(1, int(len(diff) * share))
    pick = set(rng.sample(diff, k))
    return "".join(conv[i] if i in pick else orig[i] for i in range(len(orig)))


def main():
    rng = random.Random(20261122)
    rows = []

    def add(kind, src, text, expected, baseline):
        rows.append({"id": "%s/%d" % (kind, sum(1 for r in rows if r["kind"] == kind)),
                     "kind": kind, "source": src, "input": text, "expected": expected,
                     "opencc": baseline})

    for src in ("man_zh_cn.txt", "po_zh_cn.txt", "clean_zh_hans.txt"):
        for d in docs(src):
            t = opencc("s2tw", d)
            if len(t) == len(d):
                # Leftovers: every one-to-many character the converter
                # changed is left in its Simplified form (as in seed 004),
                # and one in five of the others. Expected: s2tw's text, but
                # \u53f0 and \u4e86 as written (their own forms are standard in
                # Taiwan: \u53f0\u7063, \u4e86\u89e3; s2tw's \u81fa/\u77ad is its opinion).
                t = "".join(d[i] if d[i] in "\u53f0\u4e86" else t[i] for i in range(len(t)))
                diff = [i for i, (a, b) in enumerate(zip(d, t)) if a != b]
                keep = set(i for i in diff if d[i] in ONE_TO_MANY or rng.random() < 0.2)
                if len(diff) >= 3 and keep:
                    g = "".join(d[i] if i in keep else t[i] for i in range(len(t)))
                    add("leftover-tw", src, g, t, opencc("s2tw", g))
            s2t = opencc("s2t", d)
            f = flip(d, s2t, rng, rng.uniform(0.05, 0.30))
            if f:
                add("flip-hans", src, f, d, opencc("t2s", f))
            add("clean-hans", src, d, d, d)
    for src, region in (("man_zh_tw.txt", "tw"), ("po_zh_tw.txt", "tw"), ("clean_zh_hant.txt", "tw"),
                        ("po_zh_hk.txt", "hk")):
        for d in docs(src):
            t2s = opencc("t2s", d)
            f = flip(d, t2s, rng, rng.uniform(0.05, 0.30))
            if f:
                add("flip-hant", src, f, d, opencc("s2" + region, f))
            add("clean-" + region, src, d, d, d)
    for d in docs("clean_ja.txt", 3):
        add("clean-ja", "clean_ja.txt", d, d, d)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # The same rows for the C++ runner: id, kind, input, expected, opencc,
    # tab-separated, with \\, \n and \t escaped.
    def esc(t):
        return t.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
    with open(OUT.replace(".jsonl", ".tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(esc(r[k]) for k in ("id", "kind", "input", "expected", "opencc")) + "\n")
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print("script corpus:", len(rows), "documents", kinds)


if __name__ == "__main__":
    main()
