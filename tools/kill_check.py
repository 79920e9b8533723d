#!/usr/bin/env python3
"""RELIABILITY.md R9: `norm fix --in-place` killed with SIGKILL at random
times never leaves a torn, partial or lost file, nor a temporary file.

  python3 tools/kill_check.py --norm build/norm [--runs 200] [--work DIR]

Two inputs, each rewritten in place by a run that is killed after a random
delay in [0, 1.2 x the time an unkilled run takes]:
  stream  ~20 MB of Chinese in GB18030, above --stream-above: repaired by
          norm::fix_stream, written to the temporary file as it goes
  whole   ~4 MB of UTF-8 read as Latin-1 (mojibake), repaired whole
After each kill the target must hold exactly the original bytes or exactly
the complete repaired output (sha256), and the directory nothing else.
Exit status 1 on any violation. ctest runs a short form (--runs 20).
"""
import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--norm", required=True)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--work")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    norm = os.path.abspath(args.norm)
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora", "samples")
    work = args.work or tempfile.mkdtemp(prefix="norm-kill-check.")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    rng = random.Random(args.seed)

    zh = open(os.path.join(src, "zh_utf8.txt"), encoding="utf-8").read()
    inputs = {}
    data = (zh * (20_000_000 // len(zh.encode("utf-8")) + 1)).encode("gb18030")
    inputs["stream"] = data
    line = "\u8fd9\u662f\u4e2d\u6587\u7684\u6587\u7ae0\uff0ccaf\u00e9 \u2014 na\u00efve\n"
    inputs["whole"] = (line * (4_000_000 // len(line.encode("utf-8")) + 1)).encode("utf-8").decode("latin-1").encode("utf-8")

    failures = 0
    for name, payload in inputs.items():
        orig = os.path.join(work, name + ".orig")
        with open(orig, "wb") as f:
            f.write(payload)
        want_orig = sha(orig)
        # The complete output, and how long an unkilled run takes.
        d = os.path.join(work, name + ".ref")
        os.makedirs(d)
        target = os.path.join(d, "t.txt")
        shutil.copyfile(orig, target)
        t0 = time.monotonic()
        subprocess.run([norm, "fix", "--in-place", target], check=True)
        full = time.monotonic() - t0
        want_new = sha(target)
        if want_new == want_orig:
            print(f"{name}: the input does not change; no test", file=sys.stderr)
            return 1
        shutil.rmtree(d)
        kept = replaced = 0
        for run in range(args.runs):
            d = os.path.join(work, f"{name}.{run}")
            os.makedirs(d)
            target = os.path.join(d, "t.txt")
            shutil.copyfile(orig, target)
            p = subprocess.Popen([norm, "fix", "--in-place", target],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 1.2 * full))
            try:
                p.send_signal(signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
            left = sorted(os.listdir(d))
            got = sha(target) if os.path.exists(target) else None
            if got == want_orig:
                kept += 1
            elif got == want_new:
                replaced += 1
            else:
                failures += 1
                print(f"{name} run {run}: target is {'missing' if got is None else 'torn'}", file=sys.stderr)
            if left != ["t.txt"]:
                failures += 1
                print(f"{name} run {run}: left behind {left}", file=sys.stderr)
            shutil.rmtree(d)
        print(f"{name}: {args.runs} kills in [0, {1.2 * full:.2f} s]: {kept} original, "
              f"{replaced} replaced, {args.runs - kept - replaced} torn or lost")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print("kill_check: " + ("all passed" if failures == 0 else f"{failures} violations"))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
