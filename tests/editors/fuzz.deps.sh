#!/usr/bin/env bash
# Installs cargo-fuzz for tests/editors/fuzz-smoke.sh (a short run of every fuzz target).
# Idempotent; run by .ci/run before the tests. cargo-fuzz runs on the stable toolchain with
# RUSTC_BOOTSTRAP=1 (set by fuzz-smoke.sh).
set -euo pipefail
if cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.deps.sh: $(cargo fuzz --version) is installed"
  exit 0
fi
# libfuzzer-sys compiles libFuzzer (C++).
if ! command -v c++ >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends g++
fi
cargo install cargo-fuzz --locked --version 0.13.2
cargo fuzz --version
