#!/usr/bin/env bash
# Neovim end to end: the plugin in editors/nvim starts target/release/factlint for a copy of
# fixtures/lsp/nvim; tests/nvim/diagnostics.lua checks the diagnostics and applies a code action.
# Without nvim it skips (exit 0), unless CI is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

if ! command -v nvim >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "nvim.sh: FAIL: nvim is not installed (run tests/editors/nvim.deps.sh)" >&2
    exit 1
  fi
  echo "nvim.sh: SKIP: nvim is not installed (tests/editors/nvim.deps.sh installs it)"
  exit 0
fi

bin="$repo/target/release/factlint"
if [ ! -x "$bin" ]; then
  cargo build --release --locked --quiet
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws"
cp -R "$repo/fixtures/lsp/nvim" "$ws"
ws=$(cd "$ws" && pwd -P)
mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state"

# The fixture has a number conflict: the CLI must find it, and the editor must show it too.
expect=1
if ! (cd "$ws" && "$bin" check --format json draft.md 2>/dev/null || true) | grep -q '"number-conflict"'; then
  echo "nvim.sh: FAIL: factlint check finds no number-conflict in the fixture draft" >&2
  exit 1
fi

status=0
(
  cd "$ws"
  XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" \
  FACTLINT_BIN="$bin" FACTLINT_PLUGIN="$repo/editors/nvim" FACTLINT_WS="$ws" FACTLINT_EXPECT_FINDINGS="$expect" \
    timeout 90 nvim --headless -u NONE -i NONE -n -c "luafile $repo/tests/nvim/diagnostics.lua"
) || status=$?

if [ "$status" -ne 0 ]; then
  echo "nvim.sh: FAIL (status $status); the client log:" >&2
  cat "$tmp/cache/nvim/lsp.log" >&2 2>/dev/null || true
  exit 1
fi
echo "nvim.sh: PASS"
