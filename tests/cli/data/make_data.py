#!/usr/bin/env python3
"""Regenerates the committed CLI test fixtures in this directory.

The files are committed (tiny); this script documents how they were made.
Source files stay ASCII: the Chinese text is written with \\u escapes.
  gbk.txt       Simplified Chinese, GBK
  utf8.txt      the same text, UTF-8
  gbk_bad.txt   GBK with an invalid sequence (lead 0x81, then a space) at
                byte 20 (0xFF alone is valid cp936: U+F8F5), and a literal
                backslash-x-hex sequence (exercises the escape format)
  image.png     a PNG signature and IHDR chunk (binary input)
  empty.txt     zero bytes
norm fix / check / fix --jsonl (every garbled input made here from its
clean text by the mix-up named, so expected outputs are computed, never
typed):
  moji_cafe.txt        UTF-8 read as windows-1252
                       ("caf\u00c3\u00a9"); .fixed.txt: "caf\u00e9"
  moji_fr.txt          a French sentence, UTF-8 read as windows-1252
                       (its .fixed.txt is also the clean Latin sample)
  moji_zh_gbk.txt      UTF-8 read as GBK (\u53c2\u6570... -> \u934d...)
  moji_zh_latin1.txt   GBK read as Latin-1 (\u00d6\u00d0\u00ce\u00c4
                       for \u4e2d\u6587)
  moji_zh_latin1_long.txt  the same mix-up, six characters
  jl.jsonl / jl.expected.jsonl / jl.title.expected.jsonl
                       JSON Lines: raw and escaped mojibake, empty line,
                       non-string and absent fields, nested members (never
                       repaired), odd whitespace, CRLF, no final newline;
                       expected output with --field text, and with
                       --field text --field title
  jl_bad.jsonl (+ .keep/.skip.expected.jsonl)  lines 2 and 3 are not JSON
  jl_badutf8.jsonl     invalid UTF-8 inside a JSON string
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

TEXT = ("\u4e2d\u6587\u7f16\u7801\u68c0\u6d4b\u548c\u8f6c\u6362\u5de5\u5177\u3002"
        "\u8fd9\u6bb5\u6587\u5b57\u7528\u6765\u6d4b\u8bd5\u547d\u4ee4\u884c\u7a0b"
        "\u5e8f\u80fd\u5426\u6b63\u786e\u8bc6\u522b\u7b80\u4f53\u4e2d\u6587\u7684"
        "\u7f16\u7801\uff0c\u5e76\u5728\u4e0d\u540c\u7f16\u7801\u4e4b\u95f4\u8f6c"
        "\u6362\u800c\u4e0d\u4e22\u5931\u4efb\u4f55\u5b57\u8282\u3002\n"
        "\u6bcf\u4e00\u884c\u90fd\u662f\u666e\u901a\u7684\u53e5\u5b50\uff0c\u6ca1"
        "\u6709\u7279\u6b8a\u7b26\u53f7\u3002\n")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    gbk = TEXT.encode("gbk")
    write("gbk.txt", gbk)
    write("utf8.txt", TEXT.encode("utf-8"))
    # 10 two-byte characters, then a lead byte with an ASCII trail at 20.
    bad = gbk[:20] + b"\x81 " + gbk[20:60] + b" C:\\x41 path\n" + gbk[60:]
    write("gbk_bad.txt", bad)
    ihdr = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr +
           struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + bytes(range(256)))
    write("image.png", png)
    write("empty.txt", b"")
    make_fix_data()


def garble(text, true_enc, wrong_enc):
    """The mojibake a reader makes of `text` saved as true_enc and read as
    wrong_enc (strict both ways: every case is fully reversible)."""
    return text.encode(true_enc).decode(wrong_enc)


def write_pair(name, clean, true_enc, wrong_enc):
    write(name + ".txt", garble(clean, true_enc, wrong_enc).encode("utf-8"))
    write(name + ".fixed.txt", clean.encode("utf-8"))


CAFE = "caf\u00e9"
FR = "Le caf\u00e9 au lait, s'il vous pla\u00eet.\n"
ZH_PARAM = "\u53c2\u6570\u8bbe\u7f6e\u5df2\u7ecf\u4fdd\u5b58\n"  # 8 characters
ZH_CHINESE = "\u4e2d\u6587\n"
ZH_LONG = "\u4e2d\u6587\u7f16\u7801\u6d4b\u8bd5\n"


def make_fix_data():
    write_pair("moji_cafe", CAFE + "\n", "utf-8", "cp1252")
    write_pair("moji_fr", FR, "utf-8", "cp1252")
    write_pair("moji_zh_gbk", ZH_PARAM, "utf-8", "gbk")
    write_pair("moji_zh_latin1", ZH_CHINESE, "gbk", "latin-1")
    write_pair("moji_zh_latin1_long", ZH_LONG, "gbk", "latin-1")

    import json
    cafe_bad = garble(CAFE, "utf-8", "cp1252")
    zh_bad = garble("\u53c2\u6570", "utf-8", "gbk")
    title_bad = garble("\u4e2d\u6587", "gbk", "latin-1")

    def esc(s):  # JSON string content with every non-ASCII character escaped
        return json.dumps(s, ensure_ascii=True)[1:-1]

    # (input line, expected with --field text, expected with text + title)
    rows = [
        ('{"id":1,"text":"%s","lang":"fr"}' % cafe_bad,
         '{"id":1,"text":"%s","lang":"fr"}' % CAFE, None),
        ('{"id": 2, "text": "%s \\"au\\" lait\\n", "note": "%s"}' % (esc(cafe_bad), esc(cafe_bad)),
         '{"id": 2, "text": "%s \\"au\\" lait\\n", "note": "%s"}' % (CAFE, esc(cafe_bad)), None),
        ("", "", None),
        ('{"id":3,"title":"%s","text":"clean text, nothing to do"}' % title_bad,
         None, '{"id":3,"title":"%s","text":"clean text, nothing to do"}' % "\u4e2d\u6587"),
        ('{"id":4,"text":5}', None, None),
        ('{"id":5}', None, None),
        ('  {"text" : "%s" , "x" : [1, 2.5e3, {"text":"%s"}] }  ' % (zh_bad, cafe_bad),
         '  {"text" : "%s" , "x" : [1, 2.5e3, {"text":"%s"}] }  ' % ("\u53c2\u6570", cafe_bad), None),
        ('{"id":6,"text":"\\u00e9t\\u00e9 \\u2013 fine \\ud83d\\ude00"}', None, None),
        ('{"id":7,"text":"%s"}\r' % cafe_bad, '{"id":7,"text":"%s"}\r' % CAFE, None),
    ]
    src, exp, exp2 = [], [], []
    for line, want, want2 in rows:
        src.append(line)
        exp.append(line if want is None else want)
        exp2.append(want2 if want2 is not None else (line if want is None else want))
    # No final newline: the output must not gain one.
    write("jl.jsonl", "\n".join(src).encode("utf-8"))
    write("jl.expected.jsonl", "\n".join(exp).encode("utf-8"))
    write("jl.title.expected.jsonl", "\n".join(exp2).encode("utf-8"))

    bad = ['{"text":"%s"}' % cafe_bad, '{"text": "x",}', "not json at all", '{"text":"ok"}']
    write("jl_bad.jsonl", ("\n".join(bad) + "\n").encode("utf-8"))
    fixed1 = '{"text":"%s"}' % CAFE
    write("jl_bad.keep.expected.jsonl",
          ("\n".join([fixed1] + bad[1:]) + "\n").encode("utf-8"))
    write("jl_bad.skip.expected.jsonl", (fixed1 + "\n" + bad[3] + "\n").encode("utf-8"))
    write("jl_badutf8.jsonl", b'{"text":"ok"}\n{"text":"caf\xff"}\n{"text":"ok"}\n')


if __name__ == "__main__":
    main()
