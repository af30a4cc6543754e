#!/usr/bin/env bash
# Fuzz smoke test: runs each cargo-fuzz target in fuzz/ for 20 seconds (FUZZ_SECONDS to change),
# with a fixed seed (FUZZ_SEED, default 1) so that CI explores the same inputs on every run; long
# campaigns (fuzz/README.md) use random seeds.
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

secs=${FUZZ_SECONDS:-20}
sanitizer=${FUZZ_SANITIZER:-address}
export RUSTC_BOOTSTRAP=1
for target in $(cargo fuzz list); do
  echo "fuzz-smoke.sh: $target for ${secs}s"
  # A scratch copy of the committed inputs only: quick to load, and the corpus does not grow.
  work=$(mktemp -d)
  cp "corpus/$target/"seed-* "corpus/$target/"kept-* "$work/" 2>/dev/null || true
  if ! nice -n 10 cargo fuzz run -O -a --sanitizer "$sanitizer" "$target" "$work" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -seed="${FUZZ_SEED:-1}"; then
    rm -rf "$work"
    echo "fuzz-smoke.sh: FAIL: $target (the crashing input is in fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  rm -rf "$work"
done
echo "fuzz-smoke.sh: OK"
