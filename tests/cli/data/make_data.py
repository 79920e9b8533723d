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


if __name__ == "__main__":
    main()
