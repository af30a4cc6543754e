#!/usr/bin/env bash
# Installs Debian's Neovim for tests/editors/nvim.sh. Idempotent; run by .ci/run before the tests.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  echo "nvim.deps.sh: $(nvim --version | head -n 1) is installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "nvim.deps.sh: apt-get not found; install Neovim (0.7 or newer) yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends neovim || {
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends neovim
}
nvim --version | head -n 1
