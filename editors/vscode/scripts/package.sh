#!/usr/bin/env bash
# Packages the VS Code extension with the factlint server bundled for this machine's platform:
#   1. `cargo build --release` at the repo root (skipped when FACTLINT_BIN names a prebuilt binary),
#   2. copies the binary to server/<platform>-<arch>/factlint (stripped),
#   3. installs the extension's npm dependencies from the lockfile when they are missing,
#   4. type-checks with tsc and bundles with esbuild (vsce runs `vscode:prepublish`), so no node_modules
#      go into the package,
#   5. `vsce package --no-dependencies` → editors/vscode/factlint.vsix (or $FACTLINT_VSIX).
# Works offline once the npm dependencies are installed.
set -euo pipefail
ext="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
out="${FACTLINT_VSIX:-$ext/factlint.vsix}"

if [ -n "${FACTLINT_BIN:-}" ]; then
  bin="$FACTLINT_BIN"
else
  echo "package: cargo build --release"
  (cd "$repo" && cargo build --release --quiet)
  # Where cargo put it (honours CARGO_TARGET_DIR and .cargo/config.toml).
  target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
  bin="$target_dir/release/factlint"
fi
[ -x "$bin" ] || { echo "package: no factlint binary at $bin" >&2; exit 1; }

# node's names for the platform and architecture, which the extension looks up (server/linux-x64/...).
platform_dir="$(node -p 'process.platform + "-" + process.arch')"
exe=factlint
case "$platform_dir" in win32-*) exe=factlint.exe ;; esac
rm -rf "$ext/server"
mkdir -p "$ext/server/$platform_dir"
cp "$bin" "$ext/server/$platform_dir/$exe"
# The release profile keeps line tables for backtraces; the editor copy doesn't need them.
if command -v strip >/dev/null 2>&1; then
  strip "$ext/server/$platform_dir/$exe" 2>/dev/null || true
fi
chmod 755 "$ext/server/$platform_dir/$exe"
echo "package: bundled $("$ext/server/$platform_dir/$exe" --version) as server/$platform_dir/$exe"

cd "$ext"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "package: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "package: vsce package"
# vsce 3 (pinned in devDependencies; vsce 4 needs Node 22). `vscode:prepublish` compiles and bundles.
# Relative links and images in README.md resolve against the extension's folder in the repository.
base="https://github.com/factlint/factlint"
node_modules/.bin/vsce package --no-dependencies --out "$out" \
  --baseContentUrl "$base/blob/HEAD/editors/vscode/" --baseImagesUrl "$base/raw/HEAD/editors/vscode/"
echo "package: wrote $out ($(du -h "$out" | cut -f1))"
