#!/usr/bin/env bash
# Installs what tests/editors/vscode.sh needs: Debian packages (Chromium, ripgrep, the headers code-server's
# native modules build against), code-server and playwright-core from npm into a cache folder outside the repo,
# and the extension's own npm dependencies (editors/vscode/node_modules, from its lockfile).
# Idempotent: a second run only checks and returns in about a second.
#
# Environment:
#   FACTLINT_VSCODE_CACHE  where code-server and playwright-core go
#                          (default: ${XDG_CACHE_HOME:-$HOME/.cache}/factlint/vscode-e2e)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.52.0
# @vscode/ripgrep as pinned by code-server 4.100.3, and the ripgrep build it fetches in its postinstall.
VSCODE_RIPGREP_VERSION=1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

cache=${FACTLINT_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint/vscode-e2e}
start=$(date +%s)
log() { echo "vscode.deps: $*"; }

# 1. Debian packages.
apt_pkgs=(chromium libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep)
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "apt-get not found; install ${missing[*]} yourself"
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# 2. code-server and playwright-core, into the cache folder.
stamp="$cache/.installed"
want="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
  [ -x "$cache/node_modules/.bin/code-server" ] && [ -f "$cache/node_modules/playwright-core/package.json" ]; then
  log "code-server and playwright-core already in $cache"
else
  log "npm install $want into $cache (1-2 minutes)"
  mkdir -p "$cache"
  # @vscode/ripgrep downloads rg from GitHub in its postinstall; this machine reaches only the registries, so
  # pre-seed its download cache with Debian's rg under the file name it looks for.
  npm_tmp="$cache/tmp"
  rg_cache="$npm_tmp/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION"
  mkdir -p "$rg_cache"
  if [ ! -s "$rg_cache/$RIPGREP_TARBALL" ]; then
    staging=$(mktemp -d)
    cp "$(command -v rg)" "$staging/rg"
    tar -C "$staging" -czf "$rg_cache/$RIPGREP_TARBALL" rg
    rm -rf "$staging"
  fi
  [ -f "$cache/package.json" ] || echo '{ "name": "factlint-vscode-e2e-tools", "private": true }' >"$cache/package.json"
  (
    cd "$cache"
    TMPDIR="$npm_tmp" npm_config_yes=true npm install --no-audit --no-fund --loglevel=error \
      --unsafe-perm --foreground-scripts \
      "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >"$cache/npm-install.log" 2>&1
  ) || {
    tail -40 "$cache/npm-install.log"
    log "npm install failed (full log: $cache/npm-install.log)"
    exit 1
  }
  echo "$want" >"$stamp"
fi

# 3. The extension's dependencies (TypeScript, esbuild, vsce, vscode-languageclient), from its lockfile.
ext="$repo/editors/vscode"
if [ -f "$ext/node_modules/.package-lock.json" ] && [ "$ext/node_modules/.package-lock.json" -nt "$ext/package-lock.json" ]; then
  log "editors/vscode/node_modules up to date"
else
  log "npm ci in editors/vscode"
  (cd "$ext" && npm ci --no-audit --no-fund --loglevel=error)
fi

log "ready in $(($(date +%s) - start)) s (cache: $cache)"
