#!/usr/bin/env bash
# Unit tests of the VS Code extension's own logic (finding the server, turning settings into the server's
# configuration), with `node --test` on the compiled TypeScript; no editor needed. A few seconds.
# Skips (exit 0) without node or the extension's npm dependencies, unless CI is set.
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"
skip() {
  if [ -n "${CI:-}" ]; then
    echo "vscode unit: FAIL: $* (CI is set; run tests/editors/vscode.deps.sh)"
    exit 1
  fi
  echo "vscode unit: SKIP: $* (run tests/editors/vscode.deps.sh to install)"
  exit 0
}
command -v node >/dev/null 2>&1 || skip "node not found"
[ -x node_modules/.bin/tsc ] || skip "the extension's npm dependencies are not installed (editors/vscode/node_modules)"
rm -rf out
node_modules/.bin/tsc -p .
node --test out/test/
