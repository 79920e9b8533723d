#!/usr/bin/env python3
"""Generates libnorm/data/opencc_tables.inc from OpenCC's own dictionaries.

Usage:  python3 tools/gen_opencc_tables.py [--opencc-dir DIR] [--out FILE]
        (defaults: /usr/share/opencc, libnorm/data/opencc_tables.inc)

Where the data comes from: Debian 12's `libopencc-data` 1.1.6 installs the
configurations (/usr/share/opencc/<config>.json) and the compiled
dictionaries (*.ocd2, marisa tries). The `opencc` package's `opencc_dict`
dumps each dictionary as text:
    opencc_dict -i X.ocd2 -o X.txt -f ocd2 -t text
one entry a line, `KEY<TAB>VALUE1 VALUE2 ...`. OpenCC converts with the
first value only (DictEntry::GetDefault), so only that one is kept.

What is written (read by libnorm/src/fix/script_convert.cpp):
  * kOpenccDicts[]: per dictionary its name, entry count and one blob.
    Entries are sorted by the UTF-8 bytes of the key (OpenCC's order).
    Each code point is 3 characters of the alphabet kAlphabet (18 bits; the
    largest code point in the 1.1.6 data is U+3129C, checked below). An
    entry is  P KEY-SUFFIX ' ' VALUE ','  where P is one alphabet character
    giving how many leading code points the key shares with the previous
    key (front coding), and in VALUE a '.' stands for "the key's code point
    at this index" (most phrase values differ from the key in one or two
    characters). About 3 bytes per stored code point, as UTF-8 would take.
  * kOpenccConfigs[]: per configuration (in the order of
    norm::detail::opencc_config) the segmentation dictionaries (a group:
    the first dictionary with any match wins, as OpenCC's DictGroup) and
    the conversion chain, each step a group of dictionary indices.
  * kOpenccDataFingerprint: sha256 of the .ocd2 files, to tell which data
    the tables were made from.
Standard library only.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile

# The order of norm::detail::opencc_config (libnorm/src/fix/script_convert.hpp).
CONFIGS = ["s2t", "t2s", "s2tw", "s2twp", "s2hk", "tw2s", "tw2sp", "hk2s",
           "t2tw", "t2hk", "t2jp", "jp2t"]

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
assert len(ALPHABET) == 64


def enc_cp(cp):
    assert 0 <= cp < 1 << 18, "code point above U+3FFFF: widen the encoding"
    return ALPHABET[cp >> 12] + ALPHABET[(cp >> 6) & 63] + ALPHABET[cp & 63]


def dict_files(d):
    """The .ocd2 file names of a JSON dict node, in group order."""
    if d["type"] == "group":
        out = []
        for sub in d["dicts"]:
            out.extend(dict_files(sub))
        return out
    if d["type"] != "ocd2":
        sys.exit("unsupported dict type %r" % d["type"])
    return [d["file"]]


def load_dict(path, tmp):
    txt = os.path.join(tmp, os.path.basename(path) + ".txt")
    subprocess.run(["opencc_dict", "-i", path, "-o", txt, "-f", "ocd2", "-t", "text"],
                   check=True)
    entries = {}
    with open(txt, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            key, values = line.split("\t", 1)
            assert key and "\n" not in key and "\0" not in key, line
            entries[key] = values.split(" ")[0]  # DictEntry::GetDefault
    return sorted(entries.items(), key=lambda kv: kv[0].encode("utf-8"))


def encode_dict(entries):
    parts = []
    prev = ""
    for key, value in entries:
        shared = 0
        while shared < min(len(prev), len(key), 63) and prev[shared] == key[shared]:
            shared += 1
        s = [ALPHABET[shared]]
        s.extend(enc_cp(ord(c)) for c in key[shared:])
        s.append(" ")
        for i, c in enumerate(value):
            s.append("." if i < len(key) and key[i] == c else enc_cp(ord(c)))
        s.append(",")
        parts.append("".join(s))
        prev = key
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--opencc-dir", default="/usr/share/opencc")
    ap.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "libnorm", "data", "opencc_tables.inc"))
    args = ap.parse_args()

    configs = []
    names = []  # dictionaries, in first-use order
    for c in CONFIGS:
        with open(os.path.join(args.opencc_dir, c + ".json"), encoding="utf-8") as f:
            j = json.load(f)
        if j["segmentation"]["type"] != "mmseg":
            sys.exit("%s: unsupported segmentation %r" % (c, j["segmentation"]["type"]))
        seg = dict_files(j["segmentation"]["dict"])
        chain = [dict_files(step["dict"]) for step in j["conversion_chain"]]
        for n in seg + [x for step in chain for x in step]:
            if n not in names:
                names.append(n)
        configs.append((c, seg, chain))

    sha = hashlib.sha256()
    dicts = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted(names):
            path = os.path.join(args.opencc_dir, n)
            with open(path, "rb") as f:
                data = f.read()
            sha.update(n.encode() + b"\0" + data)
            dicts[n] = load_dict(path, tmp)

    max_groups = max(len(chain) for _, _, chain in configs)
    max_group = max(len(g) for _, seg, chain in configs for g in [seg] + chain)
    out = []
    out.append("// GENERATED by tools/gen_opencc_tables.py -- do not edit.")
    out.append("// Regenerate: python3 tools/gen_opencc_tables.py (reads /usr/share/opencc/*.json and")
    out.append("// *.ocd2 of Debian's libopencc-data 1.1.6 through `opencc_dict`; see the generator).")
    out.append("// Format: see the generator's docstring.")
    out.append("")
    out.append('inline constexpr char kOpenccAlphabet[] = "%s";' % ALPHABET)
    out.append('inline constexpr char kOpenccDataFingerprint[] = "%s";' % sha.hexdigest())
    out.append("inline constexpr int kOpenccMaxGroup = %d;" % max_group)
    out.append("inline constexpr int kOpenccMaxChain = %d;" % max_groups)
    out.append("")
    out.append("struct opencc_table_dict {")
    out.append("  const char* name;")
    out.append("  unsigned entries;")
    out.append("  const char* blob;")
    out.append("  unsigned blob_size;")
    out.append("};")
    out.append("struct opencc_table_group {")
    out.append("  signed char dicts[kOpenccMaxGroup];  // -1: unused")
    out.append("};")
    out.append("struct opencc_table_config {")
    out.append("  const char* name;")
    out.append("  opencc_table_group segmentation;")
    out.append("  int chain_length;")
    out.append("  opencc_table_group chain[kOpenccMaxChain];")
    out.append("};")
    out.append("")
    for i, n in enumerate(names):
        blob = encode_dict(dicts[n])
        out.append("// %s: %d entries" % (n, len(dicts[n])))
        out.append("inline constexpr char kOpenccBlob%d[] =" % i)
        for k in range(0, len(blob), 100):
            out.append('    "%s"' % blob[k:k + 100])
        if not blob:
            out.append('    ""')
        out[-1] += ";"
    out.append("")
    out.append("inline constexpr opencc_table_dict kOpenccDicts[] = {")
    for i, n in enumerate(names):
        out.append('    {"%s", %d, kOpenccBlob%d, sizeof(kOpenccBlob%d) - 1},' % (
            n[:-len(".ocd2")], len(dicts[n]), i, i))
    out.append("};")
    out.append("")

    def group(files):
        idx = [names.index(f) for f in files] + [-1] * (max_group - len(files))
        return "{{%s}}" % ", ".join(str(x) for x in idx)

    out.append("inline constexpr opencc_table_config kOpenccConfigs[] = {")
    for c, seg, chain in configs:
        groups = [group(g) for g in chain] + [group([])] * (max_groups - len(chain))
        out.append('    {"%s", %s, %d, {%s}},' % (c, group(seg), len(chain), ", ".join(groups)))
    out.append("};")
    text = "\n".join(out) + "\n"
    with open(args.out, "w", encoding="ascii") as f:
        f.write(text)
    print("wrote %s (%d bytes, %d dictionaries, %d configurations)" % (
        args.out, len(text), len(names), len(configs)))


if __name__ == "__main__":
    main()
