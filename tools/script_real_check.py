#!/usr/bin/env python3
"""False-repair check on real, clean text that Debian ships. Set `zh`
(default): every zh_CN / zh_TW / zh_HK gettext catalog under
/usr/share/locale (msgunfmt, the translations only; whole and in 8-line
chunks) and the zh_CN / zh_TW man pages (whole roff sources). Set `other`:
the ja and ko man pages and the catalogs of 13 more languages (ja ko ru uk
fr de es pt_BR pl tr vi el cs). These are written by translators, so every
change is a candidate false repair; the script prints each changed
document with its first changes in context.

Usage (repository root):

    python3 tools/script_real_check.py --norm build/norm [--base OTHER_NORM]
        [--set zh|other] [--mode script|fix]

--mode script (default) runs `norm fix --script=auto` with the other
stages off; --mode fix runs `norm fix` with its default options (changes
that are only NFC normalization are not counted). With --base, only
documents where the two builds differ are printed (old -> new). All
documents go through one `norm fix --jsonl` call per build. Needs gettext
(msgunfmt), manpages-zh, manpages-ja, manpages-ko.
"""
import argparse
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile

import unicodedata

SCRIPT_ARGS = ["fix", "--jsonl", "--field", "text", "--script=auto", "--no-repair", "--normalize=none",
               "--keep-pinyin", "--keep-markers", "--keep-entities"]
FIX_ARGS = ["fix", "--jsonl", "--field", "text"]
OTHER_LOCALES = ("ja", "ko", "ru", "uk", "fr", "de", "es", "pt_BR", "pl", "tr", "vi", "el", "cs")


def catalog_texts(path):
    po = subprocess.run(["msgunfmt", path], capture_output=True, text=True, errors="replace").stdout
    out, cur = [], None
    for line in po.split("\n"):
        if line.startswith("msgstr"):
            cur = line[line.index('"') + 1:-1]
            out.append(cur)
        elif line.startswith('"') and cur is not None:
            out[-1] += line[1:-1]
        else:
            cur = None
    return "\n".join(s.replace("\\n", "\n") for s in out if s)


def man_pages(locales):
    for loc in locales:
        for page in sorted(glob.glob(f"/usr/share/man/{loc}/man*/*.gz")):
            try:
                yield f"{loc}/{os.path.basename(page)}", gzip.open(page).read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue


def catalogs(locales):
    for loc in locales:
        for mo in sorted(glob.glob(f"/usr/share/locale/{loc}/LC_MESSAGES/*.mo")):
            yield f"{loc}/{os.path.basename(mo)}", catalog_texts(mo)


def other_documents():
    yield from man_pages(("ja", "ko"))
    for name, text in catalogs(OTHER_LOCALES):
        if len(text) > 20:
            yield name, text + "\n"


def documents():
    for name, text in catalogs(("zh_TW", "zh_HK", "zh_CN")):
        if len(text) < 20:
            continue
        yield name, text + "\n"
        lines = text.split("\n")
        for i in range(0, len(lines), 8):
            yield f"{name}#{i // 8}", "\n".join(lines[i:i + 8]) + "\n"
    yield from man_pages(("zh_TW", "zh_CN"))


def run(norm, path, args):
    out = subprocess.run([norm] + args + [path], capture_output=True, check=True).stdout
    return [json.loads(line)["text"] for line in out.decode("utf-8").splitlines()]


def changes(a, b):
    if len(a) != len(b):
        # the span between the common prefix and the common suffix
        i = 0
        while i < min(len(a), len(b)) and a[i] == b[i]:
            i += 1
        j = 0
        while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
            j += 1
        return [f"{a[max(0, i - 6):len(a) - j + 6][:80]!r} -> {b[max(0, i - 6):len(b) - j + 6][:80]!r}"]
    return [f"{a[max(0, i - 4):i + 4]!r}: {a[i]}->{b[i]}" for i in range(len(a)) if a[i] != b[i]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--norm", required=True)
    ap.add_argument("--base")
    ap.add_argument("--set", choices=("zh", "other"), default="zh")
    ap.add_argument("--mode", choices=("script", "fix"), default="script")
    args = ap.parse_args()
    docs = list(documents() if args.set == "zh" else other_documents())
    norm_args = SCRIPT_ARGS if args.mode == "script" else FIX_ARGS
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for name, text in docs:
            f.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
        path = f.name
    try:
        new = run(args.norm, path, norm_args)
        if args.base:
            old = run(args.base, path, norm_args)
        elif args.mode == "fix":
            old = [unicodedata.normalize("NFC", t) for _, t in docs]
        else:
            old = [t for _, t in docs]
    finally:
        os.unlink(path)
    changed = 0
    for (name, text), o, n in zip(docs, old, new):
        if o == n:
            continue
        changed += 1
        print(name, " | ".join(changes(o, n)[:8]))
    what = "differ between the builds" if args.base else "changed"
    print(f"{len(docs)} documents, {changed} {what}", file=sys.stderr)


if __name__ == "__main__":
    main()
