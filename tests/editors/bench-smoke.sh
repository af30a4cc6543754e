#!/usr/bin/env bash
# Benchmark smoke test: scripts/bench.sh --smoke generates a corpus of 100 documents and two small
# drafts, runs `factlint check` and the language-server latency client for a few edits, and must
# finish without a failure. No timing targets are asserted. Also checks that the corpus generator
# is deterministic and that a smaller corpus is a prefix of a larger one.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v python3 >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "bench-smoke.sh: FAIL: python3 is not installed" >&2
    exit 1
  fi
  echo "bench-smoke.sh: SKIP: python3 is not installed"
  exit 0
fi

scripts/bench.sh --smoke

gen=target/release/examples/gen_corpus
[ -x "$gen" ] || gen=target/bench/smoke/gen_corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$gen" --docs 30 --seed 7 --out "$tmp/a" --draft-words 500 --draft-out "$tmp/a.md" 2>/dev/null
"$gen" --docs 60 --seed 7 --out "$tmp/b" --draft-words 500 --draft-out "$tmp/b.md" 2>/dev/null
cmp -s "$tmp/a.md" "$tmp/b.md" || { echo "bench-smoke.sh: FAIL: drafts differ for the same seed" >&2; exit 1; }
for f in "$tmp"/a/000/*.md; do
  cmp -s "$f" "$tmp/b/000/$(basename "$f")" || { echo "bench-smoke.sh: FAIL: $f differs between corpus sizes" >&2; exit 1; }
done
echo "bench-smoke.sh: OK"
