#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real editor: packages editors/vscode into a .vsix with the
# release server bundled, installs it into an isolated code-server, opens tests/vscode/workspace in headless
# Chromium (playwright-core) and checks that factlint's problems show up and a quick fix inserts an attribution
# (tests/vscode/e2e.mjs), then opens a story with its own corpus and drives the factlint view (corpus, contested
# quantity, a source opened from it, the cursor's quantity revealed, a quick fix). Screenshots, logs and the
# result go to target/vscode-e2e/; FACTLINT_UPDATE_SCREENSHOT=1 copies the README's into editors/vscode/images/.
#
# Needs what tests/editors/vscode.deps.sh installs. Without it: prints a skip message and exits 0, or fails
# when CI is set. The extension's unit tests are tests/editors/vscode-unit.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
cache=${FACTLINT_VSCODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/factlint/vscode-e2e}
artifacts=$repo/target/vscode-e2e
code_server=$cache/node_modules/.bin/code-server
chromium=${FACTLINT_E2E_CHROMIUM:-/usr/bin/chromium}

skip() {
  if [ -n "${CI:-}" ]; then
    echo "vscode e2e: FAIL: $* (CI is set; run tests/editors/vscode.deps.sh)"
    exit 1
  fi
  echo "vscode e2e: SKIP: $* (run tests/editors/vscode.deps.sh to install)"
  exit 0
}
command -v node >/dev/null 2>&1 || skip "node not found"
command -v cargo >/dev/null 2>&1 || skip "cargo not found"
[ -x "$code_server" ] || skip "code-server not installed in $cache"
[ -f "$cache/node_modules/playwright-core/package.json" ] || skip "playwright-core not installed in $cache"
[ -x "$chromium" ] || skip "$chromium not found"
[ -x editors/vscode/node_modules/.bin/vsce ] || skip "the extension's npm dependencies are not installed (editors/vscode/node_modules)"

t0=$(date +%s)
echo "== vscode e2e: packaging the extension"
rm -rf "$artifacts"
mkdir -p "$artifacts"
bash editors/vscode/scripts/package.sh >"$artifacts/package.log" 2>&1 || {
  cat "$artifacts/package.log"
  echo "vscode e2e: FAIL: packaging"
  exit 1
}
tail -1 "$artifacts/package.log"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/factlint-vscode-e2e.XXXXXX")
cs_pid=""
cleanup() {
  if [ -n "$cs_pid" ]; then
    # code-server runs in its own process group (setsid): stop it and its children, nothing else.
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$cs_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  # Keep the editor's logs (the extension's output channel, the extension host log) as artifacts.
  if [ -d "$tmp/data/logs" ]; then
    cp -r "$tmp/data/logs" "$artifacts/code-server-logs" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/xdg-data XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$tmp/data/User" "$tmp/extensions"
# A copy, so the test never edits the fixture in the repo. FACTLINT_E2E_FIXTURE swaps in another
# workspace (with a draft.md) when debugging the editor-driving part.
cp -r "${FACTLINT_E2E_FIXTURE:-tests/vscode/workspace}" "$tmp/workspace"
cat >"$tmp/data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "files.autoSave": "off",
  "editor.hover.delay": 300,
  "factlint.trace.server": "messages"
}
EOF
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' >"$tmp/config.yaml"
cs_args=(--config "$tmp/config.yaml" --user-data-dir "$tmp/data" --extensions-dir "$tmp/extensions")

echo "== vscode e2e: installing the .vsix into code-server"
"$code_server" "${cs_args[@]}" --install-extension editors/vscode/factlint.vsix >"$artifacts/install.log" 2>&1 || {
  cat "$artifacts/install.log"
  echo "vscode e2e: FAIL: installing the extension"
  exit 1
}
grep -i "installed" "$artifacts/install.log" | tail -1

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
echo "== vscode e2e: starting code-server on 127.0.0.1:$port"
# factlint is not on PATH for the editor: the extension must find the binary bundled in the .vsix.
setsid "$code_server" "${cs_args[@]}" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override "$tmp/workspace" \
  >"$artifacts/code-server.log" 2>&1 &
cs_pid=$!
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$cs_pid" 2>/dev/null || { cat "$artifacts/code-server.log"; echo "vscode e2e: FAIL: code-server exited"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { echo "vscode e2e: FAIL: code-server did not answer"; exit 1; }

echo "== vscode e2e: driving the editor"
status=0
FACTLINT_E2E_URL="http://127.0.0.1:$port" FACTLINT_E2E_WORKSPACE="$tmp/workspace" FACTLINT_E2E_ARTIFACTS="$artifacts" \
  FACTLINT_E2E_TOOLS="$cache" FACTLINT_E2E_CHROMIUM="$chromium" \
  timeout 300 node tests/vscode/e2e.mjs || status=$?

# The extension's output channel (its log file): it started the binary bundled in the .vsix, twice (at
# activation and on "factlint: Restart server"), and the server came up both times.
out_log=$(find "$tmp/data/logs" -name '*factlint*.log' 2>/dev/null | head -1 || true)
if [ -z "$out_log" ]; then
  echo "vscode e2e: FAIL: no log of the factlint output channel"
  status=1
else
  echo "== vscode e2e: the extension's output channel (without the LSP trace)"
  grep -v '^\[Trace' "$out_log" | grep -v '^\(Params\|Result\|No result\)' | head -20 | sed 's/^/  | /'
  starts=$(grep -c '^\[client\] starting .*/server/linux-x64/factlint lsp (bundled)$' "$out_log" || true)
  running=$(grep -c '^\[client\] server running' "$out_log" || true)
  if [ "$starts" -ge 2 ] && [ "$running" -ge 2 ]; then
    echo "vscode e2e: ok   the bundled server started $starts times (activation, Restart server)"
  else
    echo "vscode e2e: FAIL the output channel shows $starts starts of the bundled server and $running running (want 2 each)"
    status=1
  fi
fi
readme_shot=$(ls "$artifacts"/*-readme.png 2>/dev/null | head -1 || true)
if [ "${FACTLINT_UPDATE_SCREENSHOT:-}" = 1 ] && [ "$status" -eq 0 ] && [ -n "$readme_shot" ]; then
  cp "$readme_shot" editors/vscode/images/screenshot.png
  echo "vscode e2e: updated editors/vscode/images/screenshot.png"
  for name in figures-view source-open; do
    shot=$(ls "$artifacts"/*-"$name".png 2>/dev/null | head -1 || true)
    [ -n "$shot" ] && cp "$shot" "editors/vscode/images/$name.png" && echo "vscode e2e: updated editors/vscode/images/$name.png"
  done
fi
echo "vscode e2e: artifacts in target/vscode-e2e/ ($(($(date +%s) - t0)) s)"
if [ "$status" -ne 0 ]; then
  echo "vscode e2e: FAIL"
  exit "$status"
fi
echo "vscode e2e: PASS"
