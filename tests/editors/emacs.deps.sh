#!/usr/bin/env bash
# Installs Emacs and eglot for tests/editors/emacs.sh (Debian: emacs-nox, elpa-eglot; Emacs 28.2 with
# eglot 1.9). Idempotent; run by .ci/run before the tests.
set -euo pipefail
pkgs=(emacs-nox elpa-eglot)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "emacs.deps.sh: ${pkgs[*]} are installed ($(emacs --version | head -n 1))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "emacs.deps.sh: apt-get not found; install Emacs 28+ with eglot yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
emacs --version | head -n 1
