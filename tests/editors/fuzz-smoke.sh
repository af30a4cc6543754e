#!/usr/bin/env bash
# Fuzz smoke test: runs each cargo-fuzz target in fuzz/ for a fixed number of inputs (FUZZ_RUNS;
# by default about 20 seconds' worth on a 2-core machine: 40000 for `parse`, 2000 for `check`,
# 10000 for the others; at most FUZZ_SECONDS, default 120, each) with a fixed seed (FUZZ_SEED, default 1),
# so that every machine explores the same inputs: a run counted in seconds explores more on a
# faster machine, and CI could fail on an input no developer's run reached. Long campaigns
# (fuzz/README.md) use random seeds.
# Without `cargo fuzz` this prints SKIP and exits 0 (.ci/run installs it: fuzz.deps.sh).
# The toolchain is stable, so RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the nightly-only flags;
# FUZZ_SANITIZER=none builds without AddressSanitizer where ASan does not build. Optimised, but with
# debug assertions and overflow checks (-a): the test suite runs in the release profile.
set -euo pipefail
cd "$(dirname "$0")/../../fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke.sh: SKIP: cargo-fuzz is not installed (cargo install cargo-fuzz --locked)"
  exit 0
fi

secs=${FUZZ_SECONDS:-120}
sanitizer=${FUZZ_SANITIZER:-address}
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  case $target in
    parse) runs=${FUZZ_RUNS:-40000} ;;
    check) runs=${FUZZ_RUNS:-2000} ;;
    *) runs=${FUZZ_RUNS:-10000} ;;
  esac
  echo "fuzz-smoke.sh: $target for $runs inputs (at most ${secs}s)"
  # A scratch copy of the committed inputs only: quick to load, and the corpus does not grow.
  work=$(mktemp -d)
  cp "corpus/$target/"seed-* "corpus/$target/"kept-* "$work/" 2>/dev/null || true
  if ! nice -n 10 cargo fuzz run -O -a --sanitizer "$sanitizer" "$target" "$work" -- \
    -runs="$runs" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -seed="${FUZZ_SEED:-1}"; then
    rm -rf "$work"
    echo "fuzz-smoke.sh: FAIL: $target (the crashing input is in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  rm -rf "$work"
done
echo "fuzz-smoke.sh: OK"
