#!/usr/bin/env python3
"""List every fix factlint offers on labelled drafts, applied one by one, for a blind review.

    python3 scripts/fix-review.py [--bin target/release/factlint] [--out review] SUITE...
    python3 scripts/fix-review.py --sample 40 --seed 1 --out review SUITE...   # a random sample
    python3 scripts/fix-review.py --count VERDICTS.jsonl                      # tally a review

A suite is a folder with `corpus/` and `drafts/*.md` (as in ../shared/eval). For every draft,
`factlint check --format json` is run; each offered fix is applied alone to the draft and the
sentence it touches is printed before and after, with the rule, the fix title and whether the
fix is `safe` (applied by `check --fix`). Writes OUT.jsonl (one object per fix) and OUT.md (a
table a copy editor can judge: good / awkward / wrong, with the reason). With `--sample N`
only N fixes drawn at random (`--seed`) are written, numbered as in the full list. `--count`
tallies a verdicts file (one {"n", "verdict", "safe"[, "applicability"]} object per line) by
verdict: all, safe, and display-only placeholders apart.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys


def apply(text_bytes, edits):
    out = bytearray()
    pos = 0
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["offset"], e["range"]["end"]["offset"])):
        a, b = e["range"]["start"]["offset"], e["range"]["end"]["offset"]
        if a < pos or b > len(text_bytes):
            continue
        out += text_bytes[pos:a] + e["replacement"].encode("utf-8")
        pos = b
    out += text_bytes[pos:]
    return bytes(out)


def sentence_around(text_bytes, a, b):
    """The line (paragraph line) containing bytes a..b, as text."""
    start = text_bytes.rfind(b"\n", 0, a) + 1
    end = text_bytes.find(b"\n", b)
    if end < 0:
        end = len(text_bytes)
    return start, end


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/factlint")
    ap.add_argument("--out", default="fix-review")
    ap.add_argument("--sample", type=int, default=0, help="write only N fixes drawn at random")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", help="tally a verdicts .jsonl file and exit")
    ap.add_argument("suites", nargs="*")
    args = ap.parse_args()
    if args.count:
        rows = [json.loads(l) for l in open(args.count) if l.strip()]
        shown = [r for r in rows if r.get("applicability") == "display-only"]
        for label, sel in (
            ("all", rows),
            ("safe", [r for r in rows if r.get("safe")]),
            ("display-only (placeholders)", shown),
            ("all but display-only", [r for r in rows if r.get("applicability") != "display-only"]),
        ):
            if not sel and label.startswith("display"):
                continue
            c = collections.Counter(r["verdict"] for r in sel)
            n = len(sel) or 1
            parts = ", ".join(f"{k} {c[k]} ({100 * c[k] / n:.0f}%)" for k in ("good", "awkward", "wrong"))
            print(f"{label}: {len(sel)} — {parts}")
        return
    rows = []
    for suite in args.suites:
        drafts = os.path.join(suite, "drafts")
        if not os.path.isdir(drafts):
            print(f"skip {suite}: no drafts/", file=sys.stderr)
            continue
        for name in sorted(os.listdir(drafts)):
            if not name.endswith(".md"):
                continue
            path = os.path.join(drafts, name)
            run = subprocess.run(
                [args.bin, "check", "--corpus", os.path.join(suite, "corpus"), "--format", "json", path],
                capture_output=True,
            )
            try:
                log = json.loads(run.stdout)
            except json.JSONDecodeError:
                print(f"{path}: no JSON ({run.stderr.decode()[:200]})", file=sys.stderr)
                continue
            raw = open(path, "rb").read()
            for f in log.get("files", []):
                for fd in f.get("findings", []):
                    for fx in fd.get("fixes", []):
                        edits = fx.get("edits", [])
                        if not edits:
                            continue
                        a = min(e["range"]["start"]["offset"] for e in edits)
                        b = max(e["range"]["end"]["offset"] for e in edits)
                        s, t = sentence_around(raw, a, b)
                        fixed = apply(raw, edits)
                        delta = len(fixed) - len(raw)
                        before = raw[s:t].decode("utf-8", "replace")
                        after = fixed[s:t + delta].decode("utf-8", "replace")
                        rows.append({
                            "suite": os.path.basename(os.path.normpath(suite)),
                            "draft": name,
                            "rule": fd["rule"],
                            "finding": fd.get("text", ""),
                            "title": fx["title"],
                            "applicability": fx["applicability"],
                            "before": before,
                            "after": after,
                        })
    for i, r in enumerate(rows, 1):
        r["n"] = i
    if args.sample and args.sample < len(rows):
        rows = sorted(random.Random(args.seed).sample(rows, args.sample), key=lambda r: r["n"])
    with open(args.out + ".jsonl", "w") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(args.out + ".md", "w") as fh:
        fh.write("# Fixes offered, applied one by one\n\n")
        fh.write("Judge each as a copy editor: good / awkward / wrong (with the reason).\n\n")
        for r in rows:
            fh.write(f"## {r['n']}. {r['suite']}/{r['draft']} — {r['rule']} ({r['applicability']})\n\n")
            fh.write(f"Fix: {r['title']}\n\n")
            if r["applicability"] == "display-only":
                fh.write("(display-only: shown in the editor as a reminder, never applied by `--fix`)\n\n")
            fh.write(f"- before: {r['before']}\n- after:  {r['after']}\n\n")
    safe = sum(r["applicability"] == "safe" for r in rows)
    print(f"{len(rows)} fixes ({safe} safe) -> {args.out}.jsonl, {args.out}.md")


if __name__ == "__main__":
    main()
