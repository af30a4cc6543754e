#!/usr/bin/env bash
# Neovim end to end: the plugin in editors/nvim starts target/release/factlint for a copy of
# fixtures/lsp/nvim; tests/nvim/diagnostics.lua checks the diagnostics and applies a code action,
# tests/nvim/figures.lua opens :FactlintFigures and a source from it (on 0.11+ with the server
# started by lsp/factlint.lua through vim.lsp.config/vim.lsp.enable).
# Runs on every Neovim it finds: `nvim` on PATH (Debian's 0.7.2) and a current one
# ($FACTLINT_NVIM_CURRENT, else target/nvim-venv/bin/nvim from tests/editors/nvim.deps.sh).
# Without nvim it skips (exit 0), unless CI is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

nvims=()
command -v nvim >/dev/null 2>&1 && nvims+=("$(command -v nvim)")
current="${FACTLINT_NVIM_CURRENT:-$repo/target/nvim-venv/bin/nvim}"
[ -x "$current" ] && nvims+=("$current")
if [ "${#nvims[@]}" -eq 0 ]; then
  if [ -n "${CI:-}" ]; then
    echo "nvim.sh: FAIL: nvim is not installed (run tests/editors/nvim.deps.sh)" >&2
    exit 1
  fi
  echo "nvim.sh: SKIP: nvim is not installed (tests/editors/nvim.deps.sh installs it)"
  exit 0
fi
if [ -n "${CI:-}" ] && [ "${#nvims[@]}" -lt 2 ]; then
  echo "nvim.sh: FAIL: need Debian's nvim and a current one (run tests/editors/nvim.deps.sh)" >&2
  exit 1
fi

bin="$repo/target/release/factlint"
if [ ! -x "$bin" ]; then
  cargo build --release --locked --quiet
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The fixture has a number conflict: the CLI must find it, and the editor must show it too.
expect=1
if ! (cd "$repo/fixtures/lsp/nvim" && "$bin" check --no-cache --format json draft.md 2>/dev/null || true) | grep -q '"number-conflict"'; then
  echo "nvim.sh: FAIL: factlint check finds no number-conflict in the fixture draft" >&2
  exit 1
fi

failed=0
n=0
for nv in "${nvims[@]}"; do
  version=$("$nv" --version | head -n 1)
  for test in diagnostics figures; do
    n=$((n + 1))
    run="$tmp/run$n"
    mkdir -p "$run/config" "$run/data" "$run/cache" "$run/state"
    cp -R "$repo/fixtures/lsp/nvim" "$run/ws"
    ws=$(cd "$run/ws" && pwd -P)
    status=0
    (
      cd "$ws"
      XDG_CONFIG_HOME="$run/config" XDG_DATA_HOME="$run/data" XDG_CACHE_HOME="$run/cache" XDG_STATE_HOME="$run/state" \
      FACTLINT_BIN="$bin" FACTLINT_PLUGIN="$repo/editors/nvim" FACTLINT_WS="$ws" FACTLINT_EXPECT_FINDINGS="$expect" \
        timeout 90 "$nv" --headless -u NONE -i NONE -n -c "luafile $repo/tests/nvim/$test.lua"
    ) || status=$?
    if [ "$status" -ne 0 ]; then
      echo "nvim.sh: FAIL: $test.lua on $version (status $status); the client log:" >&2
      cat "$run/cache/nvim/lsp.log" >&2 2>/dev/null || true
      failed=1
    else
      echo "nvim.sh: ok: $test.lua on $version"
    fi
  done
done
[ "$failed" -eq 0 ] || exit 1
echo "nvim.sh: PASS"
