#!/usr/bin/env python3
"""Runs one case of cases.tsv against the built norm binary.

  run_cli_case.py --norm build/norm --cases cases.tsv --data data \
                  --work WORKDIR CASE

A case is one or more rows of cases.tsv whose name is CASE or CASE.N (steps
run in order, sharing WORKDIR, which is emptied first). Columns, tab-separated
('-' means nothing / not checked):

  name    CASE or CASE.N
  setup   ';'-separated fixtures made in WORKDIR before the step:
            copy:NAME[:AS]   data/NAME -> WORKDIR/AS (default NAME)
            many:N           N small files f0000.txt... (UTF-8, GBK, ASCII
                             in turn) and list.txt naming them
            big:MiB          big_gbk.txt (GBK) and big_utf8.txt (its UTF-8),
                             the data text repeated to about MiB MiB
            chmod:NAME:MODE  octal mode
            symlink:LINK:TARGET, hardlink:LINK:TARGET
            weird            a file whose name holds the byte 0xFF, and
                             weird_list.txt naming it
            touch:NAME:EPOCH set the modification time (seconds)
  stdin   a file fed to standard input (else /dev/null)
  args    arguments after 'norm', split like a shell (shlex)
  exit    expected exit status
  stdout  / stderr expectations:
            empty | ~TEXT (contains) | /REGEX/ (re.search, multiline)
            | =FILE (exact bytes) | hex~HEX (contains these bytes)
  check   ';'-separated checks after the step:
            same:A:B   files A and B have identical bytes
            absent:P   P does not exist
            contains:P:TEXT  file P contains TEXT
            mode:P:MODE      permission bits
            notemp:DIR       no leftover .*.norm-* temp files in DIR
            lines:N          stdout has N lines
            json             every stdout line is a JSON object; detection
                             objects carry the documented keys; path_hex
                             agrees with path (surrogateescape)
            mtime:P:EPOCH    P's modification time is EPOCH (not rewritten)
            islink:P         P is (still) a symbolic link
            explain_json     every stderr line is a JSON object with the
                             trace_step keys (norm fix --explain=json)
            stderr_lines:N   stderr has N lines
Placeholders in every column: {data} (fixtures), {w} (WORKDIR).
"""
import argparse
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys

TRACE_KEYS = {"path", "stage", "fixer", "action", "parameter", "begin", "end", "before",
              "after", "confidence"}
FINDING_KEYS = {"path", "stage", "fixer", "finding", "begin", "end", "text", "detail",
                "repaired"}
DETECT_KEYS = {"path", "kind", "encoding", "confidence", "reliable", "bytes_examined",
               "reason", "bom", "candidates"}
CANDIDATE_KEYS = {"encoding", "confidence", "reliable", "bytes_examined"}


class Failure(Exception):
    pass


def load_rows(path, case):
    rows = []
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 8:
                raise SystemExit(f"{path}: need 8 tab-separated columns: {line!r}")
            name = cols[0]
            if name == case or name.rsplit(".", 1)[0] == case:
                rows.append(cols)
    if not rows:
        raise SystemExit(f"no case named {case}")
    return rows


def list_cases(path):
    seen = []
    with open(path, encoding="ascii") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            name = line.split("\t", 1)[0]
            base = name.rsplit(".", 1)[0] if re.search(r"\.\d+$", name) else name
            if base not in seen:
                seen.append(base)
    return seen


def setup(items, data, work):
    for item in items:
        kind, _, rest = item.partition(":")
        parts = rest.split(":") if rest else []
        if kind == "copy":
            shutil.copyfile(os.path.join(data, parts[0]),
                            os.path.join(work, parts[1] if len(parts) > 1 else parts[0]))
        elif kind == "many":
            sources = [open(os.path.join(data, n), "rb").read()
                       for n in ("utf8.txt", "gbk.txt")] + [b"plain ascii text\n"]
            names = []
            for i in range(int(parts[0])):
                name = os.path.join(work, f"f{i:04d}.txt")
                with open(name, "wb") as f:
                    f.write(sources[i % len(sources)])
                names.append(name)
            with open(os.path.join(work, "list.txt"), "w") as f:
                f.write("\n".join(names) + "\n")
        elif kind == "big":
            gbk = open(os.path.join(data, "gbk.txt"), "rb").read()
            utf8 = open(os.path.join(data, "utf8.txt"), "rb").read()
            reps = int(parts[0]) * (1 << 20) // len(gbk) + 1
            with open(os.path.join(work, "big_gbk.txt"), "wb") as f:
                f.write(gbk * reps)
            with open(os.path.join(work, "big_utf8.txt"), "wb") as f:
                f.write(utf8 * reps)
        elif kind == "touch":
            os.utime(os.path.join(work, parts[0]), (int(parts[1]), int(parts[1])))
        elif kind == "chmod":
            os.chmod(os.path.join(work, parts[0]), int(parts[1], 8))
        elif kind == "symlink":
            os.symlink(parts[1], os.path.join(work, parts[0]))
        elif kind == "hardlink":
            os.link(os.path.join(work, parts[1]), os.path.join(work, parts[0]))
        elif kind == "weird":
            with open(os.path.join(os.fsencode(work), b"name\xff.txt"), "wb") as f:
                f.write(b"hello\n")
            with open(os.path.join(work, "weird_list.txt"), "wb") as f:
                f.write(b"name\xff.txt\n")
        else:
            raise SystemExit(f"unknown setup {item}")


def expect(label, spec, got):
    if spec == "-":
        return
    if spec == "empty":
        if got:
            raise Failure(f"{label}: expected nothing, got {got[:400]!r}")
    elif spec.startswith("~"):
        if spec[1:].encode() not in got:
            raise Failure(f"{label}: expected to contain {spec[1:]!r}, got {got[:800]!r}")
    elif spec.startswith("/") and spec.endswith("/") and len(spec) > 1:
        if not re.search(spec[1:-1].encode(), got, re.M):
            raise Failure(f"{label}: expected to match {spec}, got {got[:800]!r}")
    elif spec.startswith("="):
        want = open(spec[1:], "rb").read()
        if got != want:
            raise Failure(f"{label}: differs from {spec[1:]}: got {got[:400]!r}, "
                          f"want {want[:400]!r}")
    elif spec.startswith("hex~"):
        if bytes.fromhex(spec[4:]) not in got:
            raise Failure(f"{label}: expected bytes {spec[4:]}, got {got[:400]!r}")
    else:
        raise SystemExit(f"bad expectation {spec!r}")


def check_json(out):
    for n, line in enumerate(out.decode("utf-8").splitlines(), 1):
        obj = json.loads(line)  # also what `python3 -m json.tool` accepts
        if not isinstance(obj, dict):
            raise Failure(f"json line {n}: not an object")
        if "error" in obj:
            if not {"path", "error", "exit"} <= obj.keys():
                raise Failure(f"json line {n}: error object lacks keys: {line}")
            continue
        missing = DETECT_KEYS - obj.keys()
        if missing:
            raise Failure(f"json line {n}: missing {sorted(missing)}: {line}")
        if obj["kind"] not in ("text", "binary"):
            raise Failure(f"json line {n}: kind {obj['kind']!r}")
        if obj["kind"] == "binary" and (obj["encoding"] is not None or not obj["reason"]):
            raise Failure(f"json line {n}: binary needs encoding null and a reason: {line}")
        confs = [c["confidence"] for c in obj["candidates"]]
        for c in obj["candidates"]:
            if set(c.keys()) != CANDIDATE_KEYS:
                raise Failure(f"json line {n}: candidate keys {sorted(c.keys())}")
        if any(not 0.0 <= c <= 1.0 for c in confs) or confs != sorted(confs, reverse=True):
            raise Failure(f"json line {n}: confidences not in [0,1] or not sorted: {confs}")
        if obj["kind"] == "text" and obj["candidates"] and \
                obj["encoding"] != obj["candidates"][0]["encoding"]:
            raise Failure(f"json line {n}: encoding is not the best candidate")
        if "path_hex" in obj:
            if os.fsencode(obj["path"]) != bytes.fromhex(obj["path_hex"]):
                raise Failure(f"json line {n}: path and path_hex disagree")
            if not os.path.exists(bytes.fromhex(obj["path_hex"])):
                raise Failure(f"json line {n}: path_hex names no file")


def check_explain_json(err):
    lines = err.decode("utf-8").splitlines()
    if not lines:
        raise Failure("explain_json: no trace lines on stderr")
    for n, line in enumerate(lines, 1):
        obj = json.loads(line)
        if "finding" in obj:
            missing = FINDING_KEYS - obj.keys()
            if missing:
                raise Failure(f"explain line {n}: missing {sorted(missing)}: {line}")
            continue
        missing = TRACE_KEYS - obj.keys()
        if missing:
            raise Failure(f"explain line {n}: missing {sorted(missing)}: {line}")
        if obj["stage"] not in ("sniff", "decode", "repair", "strip", "normalize", "convert"):
            raise Failure(f"explain line {n}: stage {obj['stage']!r}")
        if not (isinstance(obj["begin"], int) and isinstance(obj["end"], int)
                and 0 <= obj["begin"] <= obj["end"]):
            raise Failure(f"explain line {n}: begin/end: {line}")
        if not 0.0 <= obj["confidence"] <= 1.0:
            raise Failure(f"explain line {n}: confidence: {line}")
        for k in ("fixer", "action", "parameter", "before", "after", "path"):
            if not isinstance(obj[k], str):
                raise Failure(f"explain line {n}: {k} is not a string")


def run_checks(items, out, err=b""):
    for item in items:
        kind, _, rest = item.partition(":")
        if kind == "same":
            a, b = rest.split(":", 1)
            if open(a, "rb").read() != open(b, "rb").read():
                raise Failure(f"{a} and {b} differ")
        elif kind == "absent":
            if os.path.lexists(rest):
                raise Failure(f"{rest} exists")
        elif kind == "contains":
            p, text = rest.split(":", 1)
            if text.encode() not in open(p, "rb").read():
                raise Failure(f"{p} lacks {text!r}")
        elif kind == "mode":
            p, mode = rest.split(":", 1)
            got = stat.S_IMODE(os.stat(p).st_mode)
            if got != int(mode, 8):
                raise Failure(f"{p}: mode {got:o}, want {mode}")
        elif kind == "notemp":
            left = [n for n in os.listdir(rest) if ".norm-" in n]
            if left:
                raise Failure(f"temp files left in {rest}: {left}")
        elif kind == "lines":
            count = out.count(b"\n")
            if count != int(rest):
                raise Failure(f"stdout has {count} lines, want {rest}")
        elif kind == "json":
            check_json(out)
        elif kind == "mtime":
            p, when = rest.split(":", 1)
            got = int(os.stat(p).st_mtime)
            if got != int(when):
                raise Failure(f"{p}: mtime {got}, want {when} (rewritten?)")
        elif kind == "islink":
            if not os.path.islink(rest):
                raise Failure(f"{rest} is no longer a symbolic link")
        elif kind == "explain_json":
            check_explain_json(err)
        elif kind == "stderr_lines":
            count = err.count(b"\n")
            if count != int(rest):
                raise Failure(f"stderr has {count} lines, want {rest}")
        else:
            raise SystemExit(f"unknown check {item}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--norm", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--list", action="store_true", help="print the case names")
    ap.add_argument("case", nargs="?")
    a = ap.parse_args()
    if a.list:
        print(";".join(list_cases(a.cases)))
        return 0
    a.cases = os.path.abspath(a.cases)
    a.norm = os.path.abspath(a.norm)
    data = os.path.abspath(a.data)
    work = os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    os.chdir(work)  # relative paths in cases and checks are in WORKDIR

    def sub(s):
        return s.replace("{data}", data).replace("{w}", work)

    try:
        for cols in load_rows(a.cases, a.case):
            name, setup_s, stdin_s, args_s, exit_s, out_s, err_s, check_s = map(sub, cols)
            if setup_s != "-":
                setup(setup_s.split(";"), data, work)
            argv = [a.norm] + shlex.split(args_s)
            stdin = open(stdin_s, "rb") if stdin_s != "-" else subprocess.DEVNULL
            p = subprocess.run(argv, stdin=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=120)
            try:
                if p.returncode != int(exit_s):
                    raise Failure(f"exit {p.returncode}, want {exit_s}; stderr: "
                                  f"{p.stderr[:800]!r}")
                expect("stdout", out_s, p.stdout)
                expect("stderr", err_s, p.stderr)
                if check_s != "-":
                    run_checks(check_s.split(";"), p.stdout, p.stderr)
            except Failure as e:
                raise Failure(f"{name}: {shlex.join(argv)}\n  {e}") from None
            print(f"ok {name}")
    except Failure as e:
        print(f"FAIL {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
