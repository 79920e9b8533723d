#!/usr/bin/env python3
"""Collect clean natural-language text per language from files that Debian
packages ship, split it into train and test, and write it to .cache/text/.

Run from the repository root (python3, standard library only):

    python3 tools/extract_text.py && python3 tools/gen_lang_models.py \
        && python3 tools/gen_detect_corpus.py

Sources (nothing is downloaded):
  * gettext catalogs  /usr/share/locale/<locale>/LC_MESSAGES/*.mo
    (translated msgstr values; for "en" the msgid values of all catalogs plus
    the en@quot catalogs, which carry typographic quotes);
  * translated man pages  /usr/share/man/<locale>/man*/*.gz (troff stripped);
    English man pages from /usr/share/man/man{1,5,7,8} for "en";
  * Mallard help pages /usr/share/help/<locale>/<doc>/*.page (Debian package
    gnome-user-docs; paragraph and title text; "C" is the English original);
  * for zh-hans the jieba dictionary
    /usr/lib/python3/dist-packages/jieba/dict.txt (word, frequency, POS) and
    for zh-hant the same word list converted with `opencc -c s2twp`.
    The word lists are TRAIN-only (they are not running text).

Train/test split (deterministic, by source file, never by line):
  key = "mo:<domain>"             for a catalog (<domain> = file name without
                                  .mo, so one domain is on the same side for
                                  every language), or
        "man:<section dir>/<page>" for a man page (e.g. "man:man1/ls.1.gz"),
        "help:<doc>/<page>"        for a help page (e.g. "help:gnome-help/net.page");
  bucket = int(sha1(key)[:8], 16) % 100;  bucket < 70 -> train, else test.
  Every test line that also occurs in the train text of the same language is
  dropped, and lines are de-duplicated, so the test split never contains text
  a model was trained on.

Output:  .cache/text/<lang>/train.txt, test.txt (one text line per line, in
source order, each source preceded by a line "\\x00<key>" -- a NUL then the
key -- so that consumers can keep sources apart), and for zh-hans/zh-hant
words.tsv ("word<TAB>frequency").

Filters: catalog strings with format specifiers (%s, %1$d, {0}, {name}),
markup (<b>, &amp;), escapes or paths are dropped; accelerator marks (_File,
(_F), &File) are removed; strings shorter than 4 characters (CJK) or 8
characters (others), strings identical to their msgid (untranslated) and
lines without any character of the language's script are dropped; for Latin
languages other than English, lines that look English (>= 2 English function
words) are dropped.
"""

import gettext
import glob
import gzip
import hashlib
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, ".cache", "text")
TRAIN_PERCENT = 70
JIEBA = "/usr/lib/python3/dist-packages/jieba/dict.txt"

# lang -> (catalog locales, man page locales, script)
LANGS = {
    "zh-hans": (["zh_CN", "zh_Hans"], ["zh_CN"], "han"),
    "zh-hant": (["zh_TW", "zh_Hant", "zh_HK"], ["zh_TW"], "han"),
    "ja": (["ja"], ["ja"], "ja"),
    "ko": (["ko"], ["ko"], "hangul"),
    "ru": (["ru"], ["ru"], "cyrl"),
    "uk": (["uk"], ["uk"], "cyrl"),
    "bg": (["bg"], [], "cyrl"),
    "sr": (["sr"], ["sr"], "cyrl"),
    "el": (["el"], [], "grek"),
    "he": (["he"], [], "hebr"),
    "ar": (["ar"], [], "arab"),
    "th": (["th"], [], "thai"),
    "vi": (["vi"], [], "latn"),
    "pl": (["pl"], ["pl"], "latn"),
    "cs": (["cs"], ["cs"], "latn"),
    "sk": (["sk"], [], "latn"),
    "hu": (["hu"], ["hu"], "latn"),
    "sl": (["sl"], ["sl"], "latn"),
    "hr": (["hr"], ["hr"], "latn"),
    "ro": (["ro"], ["ro"], "latn"),
    "lt": (["lt"], [], "latn"),
    "lv": (["lv"], [], "latn"),
    "et": (["et"], [], "latn"),
    "tr": (["tr"], ["tr"], "latn"),
    "de": (["de"], ["de"], "latn"),
    "fr": (["fr"], ["fr"], "latn"),
    "es": (["es"], ["es"], "latn"),
    "it": (["it"], ["it"], "latn"),
    "pt": (["pt", "pt_BR"], ["pt", "pt_BR"], "latn"),
    "nl": (["nl"], ["nl"], "latn"),
    "sv": (["sv"], ["sv"], "latn"),
    "da": (["da"], ["da"], "latn"),
    "fi": (["fi"], ["fi"], "latn"),
    "ca": (["ca"], [], "latn"),
    "is": (["is"], [], "latn"),
    "ga": (["ga"], [], "latn"),
    "cy": (["cy"], [], "latn"),
    "mt": (["mt"], [], "latn"),
    "eo": (["eo"], [], "latn"),
    "en": (["en@quot", "en_GB"], [], "latn"),
}
CJK = {"zh-hans", "zh-hant", "ja", "ko"}
EN_MAN_SECTIONS = ["man1", "man5", "man7", "man8"]
EN_MAN_MAX_PAGES = 500  # ~10 MB of troff; plenty next to the msgids


def bucket(key):
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 100


def is_train(key):
    return bucket(key) < TRAIN_PERCENT


def in_script(ch, script):
    o = ord(ch)
    if script == "han":
        return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
    if script == "ja":
        return 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF
    if script == "hangul":
        return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F
    if script == "cyrl":
        return 0x400 <= o <= 0x52F
    if script == "grek":
        return 0x370 <= o <= 0x3FF or 0x1F00 <= o <= 0x1FFF
    if script == "hebr":
        return 0x590 <= o <= 0x5FF
    if script == "arab":
        return 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F
    if script == "thai":
        return 0xE00 <= o <= 0xE7F
    if script == "latn":
        return ch.isalpha() and o < 0x250 or 0x1E00 <= o <= 0x1EFF
    return False


FORMAT_RE = re.compile(r"%[-+ #0-9.*]*(?:l|ll|h|hh|z|j|t|L|q|I64)?[sdiouxXcpeEfgGaAn%]|%\d+\$|%\(|\{[\w.:!]*\}|\$\{|\$\w")
MARKUP_RE = re.compile(r"</?[A-Za-z][^>]*>|&[a-z]+;|&#\d+;|\\[a-z\\]|\bhttps?://|[\w.-]+@[\w-]+\.|\s/[a-z]+/")
ACCEL_RE = re.compile(r"\s*\(_?&?[A-Za-z0-9]\)|_(?=\w)|&(?=\w)")
EN_WORDS = re.compile(r"\b(?:the|and|of|to|is|are|this|with|for|that|be)\b")
SPACE_RE = re.compile(r"[ \t]+")


def clean_catalog_string(s, lang, script):
    """Returns a list of clean lines from one catalog string."""
    if FORMAT_RE.search(s) or MARKUP_RE.search(s):
        return []
    s = ACCEL_RE.sub("", s)
    out = []
    for line in s.split("\n"):
        line = SPACE_RE.sub(" ", line).strip()
        if keep_line(line, lang, script):
            out.append(line)
    return out


def keep_line(line, lang, script):
    if len(line) < (4 if lang in CJK else 8):
        return False
    if any(unicodedata.category(c) in ("Cc", "Co", "Cs") for c in line):
        return False
    if "\ufffd" in line:
        return False
    if lang == "en":
        letters = sum(c.isalpha() for c in line)
        return letters >= len(line) / 2 and len(line.split()) >= 2
    n = sum(in_script(c, script) for c in line)
    if n == 0:
        return False
    if script == "latn":
        if len(EN_WORDS.findall(line)) >= 2:
            return False
        return len(line.split()) >= 2
    return True


def read_catalog(path):
    try:
        with open(path, "rb") as f:
            t = gettext.GNUTranslations(f)
    except Exception:
        return {}
    return t._catalog


def catalog_pairs(cat):
    for k, v in cat.items():
        msgid = k[0] if isinstance(k, tuple) else k
        if not msgid or not isinstance(v, str):
            continue
        yield msgid, v


# ---- troff --------------------------------------------------------------
TROFF_CHARS = {"em": "\u2014", "en": "\u2013", "lq": "\u201c", "rq": "\u201d", "oq": "\u2018",
               "cq": "\u2019", "aq": "'", "dq": '"', "co": "\u00a9", "rg": "\u00ae",
               "bu": "\u2022", "hy": "-", "mi": "-", "ti": "~", "ha": "^", "dg": "\u2020",
               "fo": "\u00ab", "fc": "\u00bb", "Fo": "\u00ab", "Fc": "\u00bb", "tm": "\u2122",
               "de": "\u00b0", "+-": "\u00b1", "mu": "\u00d7", "di": "\u00f7", "ra": "\u2192",
               "la": "\u2190", "->": "\u2192", "<-": "\u2190", "ba": "|", "rs": "\\", "sl": "/"}
ESC_RE = re.compile(r"\\(?:f(?:\[[^\]]*\]|\(..|.)|\((..)|\[([^\]]*)\]|\*(?:\[[^\]]*\]|\(..|.)|s[-+]?\d+|"
                    r"[nmgk](?:\[[^\]]*\]|\(..|.)|[hvwlLxNbodDzXYZ]'[^']*'|"
                    r"[-e&|^ 0~:c%!\"'`.,/]|.)")


def troff_escape(m):
    t = m.group(0)
    if m.group(1):
        return TROFF_CHARS.get(m.group(1), "")
    if m.group(2) is not None:
        g = m.group(2)
        if g in TROFF_CHARS:
            return TROFF_CHARS[g]
        if g.startswith("u") and re.fullmatch(r"u[0-9A-Fa-f]{4,6}", g):
            return chr(int(g[1:], 16))
        return ""
    if t in ("\\-",):
        return "-"
    if t == "\\e":
        return "\\"
    if t in ("\\ ", "\\~", "\\0"):
        return " "
    if len(t) == 2 and t[1] in "-e&|^:c%!\"'`.,/":
        return {"'": "\u00b4", "`": "`", ".": ".", ",": "", "/": ""}.get(t[1], "")
    return ""


def strip_troff(text):
    lines = []
    in_table = False
    in_nofill = False
    for raw in text.split("\n"):
        if raw.startswith((".TS", "'TS")):
            in_table = True
            continue
        if raw.startswith((".TE", "'TE")):
            in_table = False
            continue
        if raw.startswith((".nf", ".EX")):
            in_nofill = True
        if raw.startswith((".fi", ".EE")):
            in_nofill = False
            continue
        if in_table or in_nofill:
            continue
        if raw.startswith((".", "'")):
            # keep the text argument of headings and font macros
            m = re.match(r"[.'](SH|SS|B|I|BR|IR|RB|RI|BI|IB|SM)\s+(.*)$", raw)
            if not m:
                continue
            raw = m.group(2).replace('"', "")
        if raw.startswith('\\"'):
            continue
        line = ESC_RE.sub(troff_escape, raw)
        line = SPACE_RE.sub(" ", line).strip()
        if line:
            lines.append(line)
    return lines


def read_help(path):
    import xml.etree.ElementTree as ET
    try:
        root = ET.parse(path).getroot()
    except Exception:
        return []
    out = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("p", "title", "desc") and not any(
                c.tag.rsplit("}", 1)[-1] in ("p", "list", "steps", "table") for c in el):
            t = SPACE_RE.sub(" ", "".join(el.itertext()).replace("\n", " ")).strip()
            if t:
                out.append(t)
    return out


def read_man(path):
    try:
        with gzip.open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8")
    except Exception:
        return []
    if text.startswith(".so ") and len(text) < 200:
        return []  # a link to another page
    return strip_troff(text)


# ---- main ---------------------------------------------------------------
def collect(lang):
    locales, man_locales, script = LANGS[lang]
    sources = []  # (key, [lines])
    by_domain = {}
    for loc in locales:
        for path in sorted(glob.glob(f"/usr/share/locale/{loc}/LC_MESSAGES/*.mo")):
            domain = os.path.basename(path)[:-3]
            lines = by_domain.setdefault(domain, [])
            for msgid, msgstr in catalog_pairs(read_catalog(path)):
                if lang != "en" and msgstr.strip() == msgid.strip():
                    continue
                lines += clean_catalog_string(msgstr, lang, script)
    if lang == "en":
        # msgids of every catalog domain (English source strings)
        for path in sorted(glob.glob("/usr/share/locale/de/LC_MESSAGES/*.mo")
                           + glob.glob("/usr/share/locale/fr/LC_MESSAGES/*.mo")):
            domain = os.path.basename(path)[:-3]
            lines = by_domain.setdefault(domain, [])
            for msgid, _ in catalog_pairs(read_catalog(path)):
                lines += clean_catalog_string(msgid, lang, script)
    for domain in sorted(by_domain):
        sources.append(("mo:" + domain, by_domain[domain]))
    pages = []
    for loc in man_locales:
        pages += sorted(glob.glob(f"/usr/share/man/{loc}/man*/*.gz"))
    if lang == "en":
        cand = []
        for sec in EN_MAN_SECTIONS:
            cand += sorted(glob.glob(f"/usr/share/man/{sec}/*.gz"))
        cand.sort(key=lambda p: hashlib.sha1(p.encode()).hexdigest())
        pages = sorted(cand[:EN_MAN_MAX_PAGES])
    by_page = {}
    for path in pages:
        parts = path.split("/")
        key = "man:" + parts[-2] + "/" + parts[-1]
        lines = by_page.setdefault(key, [])
        for line in read_man(path):
            if keep_line(line, lang, script):
                lines.append(line)
    help_locales = {"zh-hans": ["zh_CN"], "pt": ["pt", "pt_BR"], "en": ["C"]}.get(lang, man_locales + locales)
    for loc in sorted(set(help_locales)):
        for path in sorted(glob.glob(f"/usr/share/help/{loc}/*/*.page")):
            parts = path.split("/")
            key = "help:" + parts[-2] + "/" + parts[-1]
            lines = by_page.setdefault(key, [])
            for line in read_help(path):
                if keep_line(line, lang, script):
                    lines.append(line)
    for key in sorted(by_page):
        sources.append((key, by_page[key]))
    return sources


def write_split(lang, sources):
    d = os.path.join(OUT, lang)
    os.makedirs(d, exist_ok=True)
    train_seen = set()
    train, test = [], []
    for key, lines in sources:
        if is_train(key):
            train.append((key, lines))
            train_seen.update(lines)
        else:
            test.append((key, lines))
    stats = {}
    for name, part, exclude in (("train", train, set()), ("test", test, train_seen)):
        seen = set(exclude)
        n = chars = 0
        with open(os.path.join(d, name + ".txt"), "w", encoding="utf-8") as f:
            for key, lines in part:
                kept = []
                for line in lines:
                    if line in seen:
                        continue
                    seen.add(line)
                    kept.append(line)
                if not kept:
                    continue
                f.write("\x00" + key + "\n")
                for line in kept:
                    f.write(line + "\n")
                    n += 1
                    chars += len(line)
        stats[name] = (n, chars)
    return stats


def write_words():
    words = []
    with open(JIEBA, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 2 and p[1].isdigit():
                words.append((p[0], p[1]))
    d = os.path.join(OUT, "zh-hans")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "words.tsv"), "w", encoding="utf-8") as f:
        for w, n in words:
            f.write(f"{w}\t{n}\n")
    # Traditional: the same words through OpenCC s2twp (Taiwan phrases)
    src = "\n".join(w for w, _ in words) + "\n"
    try:
        res = subprocess.run(["opencc", "-c", "s2twp"], input=src.encode(), capture_output=True, check=True)
        conv = res.stdout.decode("utf-8").split("\n")
    except (OSError, subprocess.CalledProcessError) as e:
        print("warning: opencc failed, zh-hant has no word list:", e, file=sys.stderr)
        return
    if len(conv) < len(words):
        print("warning: opencc output is short", file=sys.stderr)
        return
    d = os.path.join(OUT, "zh-hant")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "words.tsv"), "w", encoding="utf-8") as f:
        for (w, n), t in zip(words, conv):
            if t:
                f.write(f"{t}\t{n}\n")


def main():
    langs = sys.argv[1:] or list(LANGS)
    for lang in langs:
        stats = write_split(lang, collect(lang))
        print(f"{lang:8s} train {stats['train'][0]:7d} lines {stats['train'][1]:9d} chars   "
              f"test {stats['test'][0]:7d} lines {stats['test'][1]:9d} chars")
    if not sys.argv[1:] or "zh-hans" in langs:
        write_words()


if __name__ == "__main__":
    main()
