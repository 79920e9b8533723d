#!/usr/bin/env python3
"""Generates the golden-file corpus for script conversion (corpora/golden/).

Usage:  python3 tools/gen_golden.py [--out DIR]     (default corpora/golden)

Writes
  DIR/input/NAME.txt        inputs (UTF-8, lines of real text)
  DIR/CONFIG/NAME.txt       `opencc -c /usr/share/opencc/CONFIG.json` of it,
                            for each of OpenCC's 12 configurations that
                            norm::detail::opencc_config names
  DIR/MANIFEST.tsv          name, source, lines, bytes, sha256 of the input
tests/corpus/golden_test.cpp checks norm's output against every file, byte
for byte (convert_text for every configuration; norm::fix --script=... for
the configurations the targets use).

Where the inputs come from (Debian 12 packages, all installed here):
  man_zh_cn   manpages-zh 1.6.3.6: /usr/share/man/zh_CN/man*/*.gz (Simplified)
  man_zh_tw   manpages-zh:         /usr/share/man/zh_TW/man*/*.gz (Traditional)
  po_zh_cn    gettext catalogs /usr/share/locale/zh_CN/LC_MESSAGES/*.mo,
  po_zh_tw    .../zh_TW/..., po_zh_hk .../zh_HK/...: the translations
              (msgstr), read with `msgunfmt` (package gettext)
  clean_zh_hans, clean_zh_hant, clean_ja
              the "input" members of corpora/clean/{zh-hans,zh-hant,ja}.jsonl
              (Japanese: kana present; the CLI leaves it alone)
  mixed       lines of the above interleaved (Simplified next to
              Traditional, Japanese lines among them)
Lines are chosen deterministically (every k-th line holding a Han
character, sorted file lists), about 6 KB of text per input: 8 inputs x 12
configurations keep the corpus near 0.7 MB.

With --cli-fixtures it also writes the fixtures of tests/cli/cases_script_convert.tsv
(tests/cli/data/script_*), lines of the inputs above:
  script_hans.txt (Simplified) and its .s2t/.s2tw/.s2twp/.s2hk.txt
  script_hant.txt (Traditional) and its .t2s.txt
  script_ja.txt (Japanese) and its .t2jp.txt
  script_mixed.txt (Simplified lines, one Japanese line) and .hant.txt:
  s2t of each line, the Japanese line kept (norm never converts kana text
  unless the target is jp)
With --fuzz-seeds it writes fuzz/seeds/script_fuzzer/dict_CONFIG: bytes
0-2 select the target and configuration (see fuzz/script_fuzzer.cpp), then
about 3 KB of dictionary keys of that configuration that have a shorter key
as a prefix, or that overlap the next key (where maximum matching, group
order and segmentation show), separated now and then by a space or newline.
Standard library only (plus the `opencc`, `opencc_dict` and `msgunfmt` commands).
"""
import argparse
import glob
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys

CONFIGS = ["s2t", "t2s", "s2tw", "s2twp", "s2hk", "tw2s", "tw2sp", "hk2s",
           "t2tw", "t2hk", "t2jp", "jp2t"]
TARGET_BYTES = 6000
HAN = re.compile("[\u3400-\u9fff]")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def pick(lines, target=TARGET_BYTES):
    """Every k-th line with a Han character, about `target` bytes in all."""
    lines = [l.strip() for l in lines]
    lines = [l for l in lines if HAN.search(l) and "\0" not in l and len(l.encode()) < 400]
    total = sum(len(l.encode()) + 1 for l in lines)
    if not lines:
        sys.exit("no lines")
    step = max(1, total // target)
    out, size = [], 0
    for l in lines[::step]:
        if size >= target:
            break
        out.append(l)
        size += len(l.encode()) + 1
    return out


def man_lines(lang):
    lines = []
    for path in sorted(glob.glob("/usr/share/man/%s/man*/*.gz" % lang)):
        with gzip.open(path, "rb") as f:
            data = f.read().decode("utf-8", "replace")
        for l in data.splitlines():
            if l.startswith('.\\"'):
                continue  # roff comments
            l = re.sub(r"^\.[A-Za-z]+\s*", "", l)  # roff requests/macros
            l = l.replace("\ufffd", "")
            lines.append(l)
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
            s = s.replace("\\\\", "\\")
            lines.append(s)
    return lines


def jsonl_lines(name):
    lines = []
    with open(os.path.join(ROOT, "corpora", "clean", name + ".jsonl"), encoding="utf-8") as f:
        for l in f:
            lines.extend(json.loads(l)["input"].splitlines())
    return lines


def opencc(config, text):
    r = subprocess.run(["opencc", "-c", "/usr/share/opencc/%s.json" % config],
                       input=text.encode("utf-8"), capture_output=True, check=True)
    return r.stdout.decode("utf-8")


KANA = re.compile("[\u3041-\u30fa]")


def cli_fixtures(inputs, data):
    def write(name, text):
        with open(os.path.join(data, name), "wb") as f:
            f.write(text.encode("utf-8"))
    hans = "\n".join(inputs["po_zh_cn"][1][:8] + inputs["clean_zh_hans"][1][:4]) + "\n"
    hant = "\n".join(inputs["po_zh_tw"][1][:8] + inputs["clean_zh_hant"][1][:4]) + "\n"
    ja = "\n".join(inputs["clean_ja"][1][:4]) + "\n"
    write("script_hans.txt", hans)
    for c in ("s2t", "s2tw", "s2twp", "s2hk"):
        write("script_hans.%s.txt" % c, opencc(c, hans))
    write("script_hant.txt", hant)
    write("script_hant.t2s.txt", opencc("t2s", hant))
    write("script_ja.txt", ja)
    write("script_ja.t2jp.txt", opencc("t2jp", ja))
    lines = inputs["po_zh_cn"][1][8:14] + [l for l in inputs["clean_ja"][1] if KANA.search(l)][:1]
    mixed = "\n".join(lines) + "\n"
    write("script_mixed.txt", mixed)
    write("script_mixed.hant.txt", "".join(
        l + "\n" if KANA.search(l) else opencc("s2t", l + "\n") for l in lines))


# fuzz/script_fuzzer.cpp byte 0 (target) and byte 2 (configuration) per config.
FUZZ_TARGET = {"t2s": 2, "s2t": 3, "s2tw": 4, "s2twp": 5, "s2hk": 6, "t2jp": 7}


def fuzz_seeds(out_dir):
    import random
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import gen_opencc_tables as tables
    import tempfile
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for ci, c in enumerate(CONFIGS):
            with open("/usr/share/opencc/%s.json" % c, encoding="utf-8") as f:
                j = json.load(f)
            files = tables.dict_files(j["segmentation"]["dict"])
            for step in j["conversion_chain"]:
                files += tables.dict_files(step["dict"])
            keys = set()
            for n in dict.fromkeys(files):
                keys.update(k for k, _ in tables.load_dict("/usr/share/opencc/" + n, tmp))
            nested = sorted(k for k in keys if any(k[:i] in keys for i in range(1, len(k))))
            nested = nested or sorted(keys)
            rng = random.Random(ci)
            rng.shuffle(nested)
            text, size = [], 0
            for k in nested:
                if size > 3000:
                    break
                text.append(k + rng.choice(["", "", "", " ", "\n"]))
                size += len(k.encode()) + 1
            payload = "".join(text).encode("utf-8")
            head = bytes([FUZZ_TARGET.get(c, 3), 0, ci])
            with open(os.path.join(out_dir, "dict_" + c), "wb") as f:
                f.write(head + payload)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "corpora", "golden"))
    ap.add_argument("--cli-fixtures", action="store_true",
                    help="also write tests/cli/data/script_*")
    ap.add_argument("--fuzz-seeds", action="store_true",
                    help="also write fuzz/seeds/script_fuzzer/dict_*")
    args = ap.parse_args()
    if args.fuzz_seeds:
        fuzz_seeds(os.path.join(ROOT, "fuzz", "seeds", "script_fuzzer"))
    inputs = {
        "man_zh_cn": ("manpages-zh /usr/share/man/zh_CN", pick(man_lines("zh_CN"))),
        "man_zh_tw": ("manpages-zh /usr/share/man/zh_TW", pick(man_lines("zh_TW"))),
        "po_zh_cn": ("msgunfmt /usr/share/locale/zh_CN/LC_MESSAGES/*.mo", pick(po_lines("zh_CN"))),
        "po_zh_tw": ("msgunfmt /usr/share/locale/zh_TW/LC_MESSAGES/*.mo", pick(po_lines("zh_TW"))),
        "po_zh_hk": ("msgunfmt /usr/share/locale/zh_HK/LC_MESSAGES/*.mo", pick(po_lines("zh_HK"))),
        "clean_zh_hans": ("corpora/clean/zh-hans.jsonl", pick(jsonl_lines("zh-hans"))),
        "clean_zh_hant": ("corpora/clean/zh-hant.jsonl", pick(jsonl_lines("zh-hant"))),
        "clean_ja": ("corpora/clean/ja.jsonl", pick(jsonl_lines("ja"), 3000)),
    }
    mixed = []
    parts = [inputs[k][1] for k in ("man_zh_cn", "po_zh_tw", "clean_ja", "po_zh_hk")]
    for i in range(max(len(p) for p in parts)):
        for p in parts:
            if i < len(p) and i % 7 == 0:
                mixed.append(p[i])
    inputs["mixed"] = ("lines of the inputs above, interleaved", mixed)

    os.makedirs(os.path.join(args.out, "input"), exist_ok=True)
    manifest = ["# name\tsource\tlines\tbytes\tsha256 (generated by tools/gen_golden.py)"]
    for name, (source, lines) in sorted(inputs.items()):
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path = os.path.join(args.out, "input", name + ".txt")
        with open(path, "wb") as f:
            f.write(data)
        manifest.append("%s\t%s\t%d\t%d\t%s" % (name, source, len(lines), len(data),
                                                hashlib.sha256(data).hexdigest()))
        for c in CONFIGS:
            os.makedirs(os.path.join(args.out, c), exist_ok=True)
            subprocess.run(["opencc", "-c", "/usr/share/opencc/%s.json" % c, "-i", path,
                            "-o", os.path.join(args.out, c, name + ".txt")], check=True)
    with open(os.path.join(args.out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    if args.cli_fixtures:
        cli_fixtures(inputs, os.path.join(ROOT, "tests", "cli", "data"))
    print("wrote %d inputs x %d configurations under %s" % (len(inputs), len(CONFIGS), args.out))


if __name__ == "__main__":
    main()
