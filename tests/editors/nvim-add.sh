#!/usr/bin/env bash
# Neovim: `:FactlintAdd FILE` saves a source into the corpus folder; the server reloads the corpus
# and the draft gets the finding the new source makes possible (tests/nvim/add_source.lua).
# Without nvim it skips (exit 0), unless CI is set.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

if ! command -v nvim >/dev/null 2>&1; then
  if [ -n "${CI:-}" ]; then
    echo "nvim-add.sh: FAIL: nvim is not installed (run tests/editors/nvim.deps.sh)" >&2
    exit 1
  fi
  echo "nvim-add.sh: SKIP: nvim is not installed (tests/editors/nvim.deps.sh installs it)"
  exit 0
fi

bin="$repo/target/release/factlint"
if [ ! -x "$bin" ]; then
  cargo build --release --locked --quiet
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws="$tmp/ws"
mkdir -p "$ws/corpus" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state"
ws=$(cd "$ws" && pwd -P)
printf 'corpus = "corpus"\n' > "$ws/.factlint.toml"
printf -- '---\nsource: Bote\nlang: de\n---\n\nDer Markt öffnet am Samstag.\n' > "$ws/corpus/markt.md"
printf -- '---\nlang: de\n---\n\nNach Angaben der Behörde fahren täglich 90.000 Fahrzeuge über die Brücke.\n' > "$ws/draft.md"

status=0
(
  cd "$ws"
  XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state" \
  FACTLINT_BIN="$bin" FACTLINT_PLUGIN="$repo/editors/nvim" FACTLINT_WS="$ws" \
  FACTLINT_SOURCE="$repo/tests/fixtures/sources/page.html" \
    timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $repo/tests/nvim/add_source.lua"
) || status=$?

if [ "$status" -ne 0 ]; then
  echo "nvim-add.sh: FAIL (status $status); the client log:" >&2
  cat "$tmp/cache/nvim/lsp.log" >&2 2>/dev/null || true
  exit 1
fi
echo "nvim-add.sh: PASS"
