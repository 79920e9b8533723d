#!/usr/bin/env python3
"""Builds corpora/script/mixed.tsv: mixed-script documents for
`norm fix --script=auto` (tests/corpus/script_corpus_test.cpp).

  python3 tools/gen_script_corpus.py        (writes corpora/script/mixed.tsv)

Standard library only, plus the commands `opencc` (Debian package opencc),
`opencc_dict` and `msgunfmt` (gettext). Deterministic (fixed seed, sorted
file lists).

Sources of clean text (Debian 12 packages, installed here):
  hans  manpages-zh /usr/share/man/zh_CN/man*/*.gz (roff stripped), the
        zh_CN gettext catalogs /usr/share/locale/zh_CN/LC_MESSAGES/*.mo
        (msgstr, read with msgunfmt), corpora/clean/zh-hans.jsonl
  tw    /usr/share/man/zh_TW/..., zh_TW catalogs, corpora/clean/zh-hant.jsonl
  hk    zh_HK catalogs (human translations using Hong Kong forms)
  ja    /usr/share/man/ja/..., ja catalogs, corpora/clean/ja.jsonl
Lines with at least 4 Han characters (ja: at least one kana), at most 160
characters, deduplicated, shuffled, cut into documents of 5 to 10 lines.
Chinese lines must be clean text of their script: a Traditional line with an
S-form (the zh_TW man pages are partly half-converted: \u6bcf\u4e2a\u5efa\u7acb\u7684\u76ee\u5f55) or a
Simplified line with a T-form is left out, since its "expected" text would
keep the very strays --script=auto is there to repair.

"With phrase context": the other script's form of a character is taken
from OpenCC over the whole line (t2s for Traditional text, s2t for
Simplified), so a flipped character is what a converter writes there.
A flip is only made where it can be undone from context: where OpenCC back
toward the document's script and region (s2tw for Taiwan text, s2hk for
Hong Kong text, t2s for Simplified) gives the original character again
(positions where it does not -- \u7fa3 -> \u7fa4 -> \u7fa4, \u81fa -> \u53f0 -> \u53f0 in Taiwan
text -- are already valid text after the flip, nothing to repair).
In Traditional text a flip is also only made where a careful reader could
tell the original from the flipped text (determinable() in main):
  * not where the flipped one-to-many character reads as correct
    Traditional text in its OpenCC phrase, as real Traditional text (the
    zh_TW / zh_HK gettext catalogs) writes it: \u904a\u6a19 -> \u6e38\u6a19 gives \u6e38\u6a19,
    which zh_HK writes; the zh_TW man pages' \u904a\u6a19 cannot be told from it;
  * not a form that Taiwan and Hong Kong write differently (\u88e1 / \u88cf for
    \u91cc) unless the document keeps a form of that family unflipped: a short
    document that shows no region cannot say whether \u9019\u91cc was \u9019\u88e1 or \u9019\u88cf.
These leave the share flipped at random and the converter's leftovers
(every other one-to-many character) as they were.

Kinds (one row each; expected = what --script=auto must give back):
  leftover-tw, leftover-hk
        real Traditional text after a Simplified-to-Traditional converter
        that leaves every one-to-many character (\u540e \u4e8e \u91cc \u91c7 \u5e76 \u4e48 \u53d1 ...:
        keys of OpenCC's STCharacters with several values) in Simplified
        form, the way seed 004 shows; expected: the original
  s2tw-leftover
        Simplified text through s2tw with the same leftovers (seed 004's
        story); expected: s2tw's text, with \u53f0 and \u4e86 as written (\u53f0\u7063,
        \u4e86\u89e3 are standard Taiwan forms; s2tw's \u81fa / \u77ad are its opinion), and
        so is a one-to-many character whose own-form reading real
        Traditional text writes (\u6e38\u6807 -> s2tw \u904a\u6a19, but \u6e38\u6a19 is correct too)
  flip-tw, flip-hk, flip-hans
        real text with a random share (2-30 %) of the recoverable
        positions flipped to the other script; expected: the original
  bilingual-hant, bilingual-hans
        a document in one script with one clean paragraph (line) of the
        other inserted (12 Han characters at least, 4 of them with another
        form in the document's script), and 2-15 % flips in the document's
        own lines;
        expected: the flips repaired, the quotation untouched
  clean-hans, clean-tw, clean-hk, clean-ja
        unchanged text; expected: the same bytes
Each row also says whether OpenCC over the whole text with the right
target (s2tw / s2hk / t2s) gives the expected text: the baseline the issue
compares against.

Row format (tab-separated, \\ \\n \\t escaped): id, kind, input, expected
('=' when equal to the input), opencc_exact (1/0).
"""
import glob
import gzip
import json
import os
import random
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "corpora/script/mixed.tsv")
HAN = re.compile("[\u3400-\u9fff]")
KANA = re.compile("[\u3041-\u309f\u30a0-\u30fa]")
SEP = "\n\u2063\u2063\n"  # between documents in one opencc call (invisible separator)
DOCS_PER_KIND = 120  # 13 kinds: about 1 MB of corpus
KEEP_IN_TW = "\u53f0\u4e86"  # tai, liao: their own forms are standard Taiwan text


def opencc(cfg, texts):
    """OpenCC over many texts in one process (they hold no SEP)."""
    out = subprocess.run(["opencc", "-c", cfg + ".json"], input=SEP.join(texts).encode("utf-8"),
                         capture_output=True, check=True).stdout.decode("utf-8")
    parts = out.split(SEP)
    assert len(parts) == len(texts), cfg
    return parts


def load_dict(name):
    """An OpenCC dictionary as {key: [values]}."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, name + ".txt")
        subprocess.run(["opencc_dict", "-i", "/usr/share/opencc/%s.ocd2" % name, "-o", out,
                        "-f", "ocd2", "-t", "text"], check=True)
        d = {}
        for line in open(out, encoding="utf-8"):
            k, v = line.rstrip("\n").split("\t")
            d[k] = v.split(" ")
        return d


def one_to_many(st):
    """Keys of STCharacters with several Traditional values: what a
    character-by-character converter cannot decide and leaves."""
    return {k for k, vs in st.items() if len(vs) > 1}


def stray_forms(st, ts, tw, hk):
    """The characters that are strays in each script, as
    tools/gen_script_classes.py classes them (libnorm/data/script_classes.inc):
    in Traditional text a Simplified-only form (a key of STCharacters not
    among its own values and no Traditional form of anything: \u4e2a \u8fd9), in
    Simplified text a Traditional form with another Simplified one that is
    not a Simplified character itself (\u500b \u9019)."""
    trad_values = {v for d in (st, tw, hk) for vs in d.values() for v in vs if len(v) == 1}
    simp_only = {k for k, vs in st.items() if len(k) == 1 and k not in vs and k not in trad_values}
    trad_only = {k for k, vs in ts.items() if len(k) == 1 and vs[0] != k and k not in st}
    return simp_only, trad_only


def strip_roff(line):
    if line.startswith(".\\\"") or line.startswith("'\\\""):
        return ""
    line = re.sub(r"^\.[A-Za-z]+\s*", "", line)
    line = re.sub(r"\\f[BIRP1-4]|\\f\(..|\\s[-+]?\d|\\\(..|\\[-e&|^]|\\\*\(..|\\\*.", "", line)
    return line.replace("\ufffd", "").replace('"', "").strip()


def man_lines(lang):
    lines = []
    for path in sorted(glob.glob("/usr/share/man/%s/man*/*.gz" % lang)):
        with gzip.open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace")
        lines.extend(strip_roff(l) for l in data.splitlines())
    return lines


def po_lines(lang):
    lines = []
    for path in sorted(glob.glob("/usr/share/locale/%s/LC_MESSAGES/*.mo" % lang)):
        r = subprocess.run(["msgunfmt", path], capture_output=True)
        if r.returncode != 0:
            continue
        text = r.stdout.decode("utf-8", "replace")
        for m in re.finditer(r'^msgstr(?:\[\d+\])? "(.*)"$', text, re.M):
            s = m.group(1).replace("\\n", " ").replace('\\"', '"').replace("\\t", " ")
            lines.append(s.replace("\\\\", "\\").strip())
    return lines


def clean_lines(name):
    lines = []
    with open(os.path.join(ROOT, "corpora/clean", name + ".jsonl"), encoding="utf-8") as f:
        for l in f:
            lines.extend(json.loads(l)["input"].splitlines())
    return lines


def usable(lines, ja=False, strays=frozenset()):
    """strays: the other script's forms; a line holding one is not clean
    text of its script (see main) and is not used."""
    seen, out = set(), []
    for l in lines:
        l = l.strip()
        if not l or len(l) > 160 or l in seen or "\t" in l or "\u2063" in l or "\ufffd" in l:
            continue
        if len(HAN.findall(l)) < 4 or bool(KANA.search(l)) != ja:
            continue
        if any(c in strays for c in l):
            continue
        seen.add(l)
        out.append(l)
    return out


def documents(lines, rng, n):
    lines = list(lines)
    rng.shuffle(lines)
    docs, i = [], 0
    while len(docs) < n and i < len(lines):
        k = rng.randint(5, 10)
        docs.append("\n".join(lines[i:i + k]) + "\n")
        i += k
    return docs


def recoverable(orig, other, back):
    """Positions where the other script's form differs and OpenCC back
    toward the document's script restores the original (and the flip is
    not to \u53f0 or \u4e86, which Traditional text writes too)."""
    if not (len(orig) == len(other) == len(back)):
        return None
    return [i for i in range(len(orig))
            if other[i] != orig[i] and back[i] == orig[i] and other[i] not in KEEP_IN_TW]


def phrase_spans(text, phrases, longest):
    """OpenCC's segmentation of Simplified text, roughly: longest match of
    STPhrases keys from the left; spans (begin, end) of the phrases found."""
    spans, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i:i + n] in phrases:
                spans.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return spans


def attested_ngrams(lines, lo=2, hi=4, min_count=2):
    """Han n-grams (lo..hi characters) written at least min_count times in
    real Traditional text."""
    counts = {}
    for l in lines:
        for run in re.findall("[\u3400-\u9fff]+", l):
            for n in range(lo, hi + 1):
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    counts[g] = counts.get(g, 0) + 1
    return {g for g, c in counts.items() if c >= min_count}


def own_form_valid(orig, simp, i, spans, attested):
    """Whether the one-to-many character simp[i], written in orig's place,
    reads as correct Traditional text: the OpenCC phrase around it, with
    that character in it and the original's other characters, is written
    so in real Traditional text (\u6e38\u6a19, \u5e03\u666f, \u7cfb\u6578 in the zh_TW / zh_HK
    catalogs). Then which of the two the original had cannot be told from
    the input."""
    for a, b in spans:
        if a <= i < b:
            w = orig[a:i] + simp[i] + orig[i + 1:b]
            return w in attested
    return False


def apply(orig, other, positions):
    s = list(orig)
    for i in positions:
        s[i] = other[i]
    return "".join(s)


def main():
    rng = random.Random(20261122)
    st, ts = load_dict("STCharacters"), load_dict("TSCharacters")
    o2m = one_to_many(st)
    phrases = set(k for k in load_dict("STPhrases") if len(k) > 1)
    longest = max(len(k) for k in phrases)
    # Real Traditional text, to tell which own-form readings of a one-to-many
    # character are correct Traditional (own_form_valid): the zh_TW and
    # zh_HK gettext catalogs (human translations; the zh_TW man pages hold
    # converter leftovers of their own).
    attested = attested_ngrams(po_lines("zh_TW") + po_lines("zh_HK"))
    simp_only, trad_only = stray_forms(st, ts, load_dict("TWVariants"), load_dict("HKVariants"))
    # Only clean lines: a source line that already holds a form of the
    # other script (zh_TW man pages half converted from Simplified:
    # \u6bcf\u4e2a\u5efa\u7acb\u7684\u76ee\u5f55, \u52d5\u4f5c\u7fa4\u7ec4; a zh_CN line with \u500b) is not an original
    # the repair could be asked to give back: its "expected" text would keep
    # the very strays --script=auto exists to repair.
    src = {
        "hans": usable(man_lines("zh_CN") + po_lines("zh_CN") + clean_lines("zh-hans"), strays=trad_only),
        "tw": usable(man_lines("zh_TW") + po_lines("zh_TW") + clean_lines("zh-hant"), strays=simp_only),
        "hk": usable(po_lines("zh_HK"), strays=simp_only),
        "ja": usable(man_lines("ja") + po_lines("ja") + clean_lines("ja"), ja=True),
    }
    # Disjoint pools per use, so that no line is in two kinds' documents.
    pools = {k: documents(v, rng, 10 ** 9) for k, v in src.items()}
    rows = []

    def take(pool, n):
        docs, pools[pool][:] = pools[pool][:n], pools[pool][n:]
        return docs

    def add(kind, inp, exp, baseline):
        rows.append({"id": "%s/%d" % (kind, sum(1 for r in rows if r["kind"] == kind)), "kind": kind,
                     "input": inp, "expected": exp, "opencc": baseline == exp})

    def determinable(d, o, b, b2, cand, pos=None):
        """Traditional text: the positions of cand (flipped: pos) whose
        original a careful reader can tell from the flipped text.
        Left out:
          * an own-form reading that is itself correct Traditional text
            (own_form_valid: \u904a\u6a19 -> \u6e38\u6a19 is \u6e38\u6a19, which zh_HK writes);
          * a form that Taiwan and Hong Kong write differently (b: OpenCC
            toward the document's region, b2: toward the other; \u88cf / \u88e1 for
            \u91cc) unless the flipped document keeps a form of the same
            family unflipped: a document showing no region cannot say
            whether \u9019\u91cc was \u9019\u88cf or \u9019\u88e1."""
        if b2 is None:
            return cand
        spans = phrase_spans(o, phrases, longest)
        flipped = set(cand if pos is None else pos)
        out = []
        for i in cand:
            if o[i] in o2m and own_form_valid(d, o, i, spans, attested):
                continue
            if b[i] != b2[i]:
                fam = {b[i], b2[i]}
                if not any(d[j] in fam for j in range(len(d)) if j not in flipped):
                    continue
            out.append(i)
        return out

    def flips(kind, pool, region, pick, n=DOCS_PER_KIND):
        """Real text of `pool` with positions flipped (pick(orig, other,
        candidates) -> positions); expected: the original."""
        to_other, back_cfg = ("s2t", "t2s") if region == "hans" else ("t2s", "s2" + region)
        made = 0
        while made < n and pools[pool]:
            docs = take(pool, 2 * (n - made))
            other = opencc(to_other, docs)
            back = opencc(back_cfg, other)
            back2 = opencc({"tw": "s2hk", "hk": "s2tw"}[region], other) if region != "hans" else [None] * len(docs)
            inputs = []
            for d, o, b, b2 in zip(docs, other, back, back2):
                cand = recoverable(d, o, b)
                if not cand:
                    continue
                cand = determinable(d, o, b, b2, cand)
                if not cand:
                    continue
                pos = pick(d, o, cand)
                pos = determinable(d, o, b, b2, pos, pos) if pos else pos
                if pos and made < n:
                    inputs.append((apply(d, o, pos), d))
                    made += 1
            base = opencc(back_cfg, [i for i, _ in inputs])
            for (inp, d), bl in zip(inputs, base):
                add(kind, inp, d, bl)

    def leftovers(d, o, cand):
        return [i for i in cand if o[i] in o2m]

    def random_share(lo, hi):
        def pick(d, o, cand):
            k = max(1, round(len(cand) * rng.uniform(lo, hi)))
            return sorted(rng.sample(cand, min(k, len(cand))))
        return pick

    flips("leftover-tw", "tw", "tw", leftovers)
    flips("leftover-hk", "hk", "hk", leftovers)
    flips("flip-tw", "tw", "tw", random_share(0.02, 0.3))
    flips("flip-hk", "hk", "hk", random_share(0.02, 0.3))
    flips("flip-hans", "hans", "hans", random_share(0.02, 0.3))

    # Seed 004's story: Simplified text through s2tw, one-to-many left.
    docs = take("hans", 2 * DOCS_PER_KIND)
    conv = opencc("s2tw", docs)
    made = []
    for d, t in zip(docs, conv):
        if len(t) != len(d) or len(made) >= DOCS_PER_KIND:
            continue
        t = "".join(d[i] if d[i] in KEEP_IN_TW else t[i] for i in range(len(t)))
        # A one-to-many character whose own-form reading is correct
        # Traditional text (own_form_valid: \u6e38\u6807 -> s2tw \u904a\u6a19, but \u6e38\u6a19 is
        # written too) stays as written, like \u53f0 and \u4e86: s2tw's choice is
        # its opinion, not something the input can tell.
        spans = phrase_spans(d, phrases, longest)
        t = "".join(d[i] if d[i] in o2m and d[i] != t[i] and own_form_valid(t, d, i, spans, attested) else t[i]
                    for i in range(len(t)))
        keep = [i for i in range(len(d)) if d[i] != t[i] and d[i] in o2m]
        if keep:
            made.append((apply(t, d, keep), t))
    for (inp, exp), bl in zip(made, opencc("s2tw", [i for i, _ in made])):
        add("s2tw-leftover", inp, exp, bl)

    # Bilingual: a clean line of the other script amid flipped lines.
    for kind, pool, quote_pool, to_other, back_cfg in (("bilingual-hant", "tw", "hans", "t2s", "s2tw"),
                                                       ("bilingual-hans", "hans", "tw", "s2t", "t2s")):
        docs = take(pool, DOCS_PER_KIND)
        lines = [l for q in take(quote_pool, 2 * DOCS_PER_KIND) for l in q.split("\n") if len(HAN.findall(l)) >= 12]
        quotes = [q + "\n" for q, c in zip(lines, opencc(back_cfg, lines))
                  if sum(1 for x, y in zip(q, c) if x != y) >= 4]
        assert len(quotes) >= len(docs), kind
        other = opencc(to_other, docs)
        back = opencc(back_cfg, other)
        back2 = opencc("s2hk", other) if kind == "bilingual-hant" else [None] * len(docs)
        made = []
        for d, o, b, b2, q in zip(docs, other, back, back2, quotes):
            cand = recoverable(d, o, b)
            cand = determinable(d, o, b, b2, cand) if cand else cand
            if not cand:
                continue
            pos = random_share(0.02, 0.15)(d, o, cand)
            pos = determinable(d, o, b, b2, pos, pos)
            if not pos:
                continue
            inp = apply(d, o, pos)
            # The quotation goes after a line of the document (at a line start).
            starts = [0] + [i + 1 for i, c in enumerate(d) if c == "\n" and i + 1 < len(d)]
            at = starts[rng.randrange(1, len(starts))] if len(starts) > 1 else len(d)
            made.append((inp[:at] + q + inp[at:], d[:at] + q + d[at:]))
        for (inp, exp), bl in zip(made, opencc(back_cfg, [i for i, _ in made])):
            add(kind, inp, exp, bl)

    for kind, pool in (("clean-hans", "hans"), ("clean-tw", "tw"), ("clean-hk", "hk"), ("clean-ja", "ja")):
        docs = take(pool, DOCS_PER_KIND)
        cfg = {"hans": "t2s", "tw": "s2tw", "hk": "s2hk", "ja": None}[pool]
        base = opencc(cfg, docs) if cfg else docs
        for d, bl in zip(docs, base):
            add(kind, d, d, bl)

    os.makedirs(os.path.dirname(OUT), exist_ok=True)

    def esc(t):
        return t.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")

    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_script_corpus.py. id, kind, input, expected ('=': the input), "
                "opencc_exact\n")
        for r in rows:
            exp = "=" if r["expected"] == r["input"] else esc(r["expected"])
            f.write("\t".join([r["id"], r["kind"], esc(r["input"]), exp, "1" if r["opencc"] else "0"]) + "\n")
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print("script corpus: %d documents, %d bytes; %s" % (len(rows), os.path.getsize(OUT), kinds))


if __name__ == "__main__":
    main()
