#!/usr/bin/env python3
"""Runs `norm fix` over the seed articles and diffs them with the expected
output written by hand (corpora/seeds/NNN.expected.txt; see
corpora/seeds/README.md).

Usage:  python3 tools/check_seed.py [--norm build/norm] [SEED...]
        (default seeds: every corpora/seeds/*.input.txt; a SEED is "004" or
        a path to an .input.txt; extra `norm fix` options after --, e.g.
        -- --explain)

Prints, per seed, "ok" or the differing lines (line number, expected,
got, and the first differing column); exit status 1 when any seed differs,
2 when norm could not be run.
"""
import argparse
import glob
import os
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def seed_paths(names):
    if not names:
        return sorted(glob.glob(os.path.join(ROOT, "corpora", "seeds", "*.input.txt")))
    out = []
    for n in names:
        out.append(n if n.endswith(".txt") else
                   os.path.join(ROOT, "corpora", "seeds", f"{n}.input.txt"))
    return out


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        k = argv.index("--")
        argv, extra = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--norm", default=os.path.join(ROOT, "build", "norm"))
    ap.add_argument("--context", type=int, default=0, help="show N unchanged lines around")
    ap.add_argument("seeds", nargs="*")
    a = ap.parse_args(argv)
    bad = 0
    for inp in seed_paths(a.seeds):
        exp_path = inp.replace(".input.txt", ".expected.txt")
        name = os.path.basename(inp).split(".")[0]
        try:
            p = subprocess.run([a.norm, "fix"] + extra + [inp], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=120)
        except OSError as e:
            print(f"{name}: cannot run {a.norm}: {e}", file=sys.stderr)
            return 2
        if p.returncode != 0:
            print(f"{name}: norm fix exited {p.returncode}: {p.stderr.decode(errors='replace')}")
            bad += 1
            continue
        if extra and p.stderr:
            sys.stderr.write(p.stderr.decode("utf-8", errors="replace"))
        got = p.stdout.decode("utf-8", errors="replace")
        want = open(exp_path, encoding="utf-8").read()
        if got == want:
            print(f"{name}: ok")
            continue
        bad += 1
        gl, wl = got.split("\n"), want.split("\n")
        print(f"{name}: DIFFERS ({len(wl)} lines expected, {len(gl)} got)")
        for i in range(max(len(gl), len(wl))):
            g = gl[i] if i < len(gl) else "<missing>"
            w = wl[i] if i < len(wl) else "<missing>"
            if g == w:
                continue
            col = first_diff(g, w)
            print(f"  line {i + 1}, column {col + 1}:")
            print(f"    expected: {w}")
            print(f"    got:      {g}")
            print(f"    at:       expected {w[col:col + 12]!r}, got {g[col:col + 12]!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
