#!/usr/bin/env bash
# Emacs end to end: editors/emacs/factlint.el registers factlint with eglot; tests/emacs/eglot-test.el
# opens a copy of fixtures/lsp/nvim/draft.md headless, waits for factlint's number-conflict in flymake,
# applies its quick fix and checks the buffer changed. Without emacs or eglot it skips (exit 0), unless
# CI is set (tests/editors/emacs.deps.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

skip() {
  if [ -n "${CI:-}" ]; then
    echo "emacs.sh: FAIL: $* (run tests/editors/emacs.deps.sh)" >&2
    exit 1
  fi
  echo "emacs.sh: SKIP: $* (tests/editors/emacs.deps.sh installs it)"
  exit 0
}
command -v emacs >/dev/null 2>&1 || skip "emacs is not installed"
emacs --batch -Q --eval '(progn (dolist (d (and (file-directory-p "/usr/share/emacs/site-lisp/elpa") (directory-files "/usr/share/emacs/site-lisp/elpa" t "^[a-z]"))) (add-to-list (quote load-path) d)) (require (quote eglot)))' >/dev/null 2>&1 ||
  skip "eglot is not available to emacs"

bin="$repo/target/release/factlint"
if [ ! -x "$bin" ]; then
  cargo build --release --locked --quiet
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -R fixtures/lsp/nvim "$tmp/ws"
ws=$(cd "$tmp/ws" && pwd -P)
mkdir -p "$tmp/home"
status=0
(
  cd "$ws"
  HOME="$tmp/home" FACTLINT_BIN="$bin" FACTLINT_EL="$repo/editors/emacs" FACTLINT_WS="$ws" \
    timeout 120 emacs --batch -Q -l "$repo/tests/emacs/eglot-test.el" 2>"$tmp/stderr"
) || status=$?
if [ "$status" -ne 0 ]; then
  echo "emacs.sh: FAIL (status $status); emacs said:" >&2
  tail -40 "$tmp/stderr" >&2
  exit 1
fi
echo "emacs.sh: PASS ($(emacs --version | head -n 1))"
