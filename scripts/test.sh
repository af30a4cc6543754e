#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and integration tests, then the editor tests.
# Editor tests are the executables in tests/editors/*.sh; each installs nothing itself
# (.ci/run sources tests/editors/*.deps.sh first) and skips with a message when its tools are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step's wall time is printed ("test.sh: … after N s"), so a slow CI run shows where.
step() { echo "test.sh: $1 done after ${SECONDS} s"; }
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
step clippy
cargo build --release --locked
step "release build"
# Tests in the release profile reuse the release build's dependencies (one full compile fewer);
# overflow checks and debug assertions are exercised by tests/editors/fuzz-smoke.sh (cargo fuzz -a).
cargo test --release --locked
step "cargo test"
status=0
for t in tests/editors/*.sh; do
  [ -e "$t" ] || continue
  case "$t" in *.deps.sh) continue ;; esac
  echo "== $t"
  bash "$t" || status=1
  step "$t"
done
exit $status
