#!/usr/bin/env bash
# The VS Code end-to-end suite: installs what it needs (setup.sh), builds the extension's .vsix when there
# is none (root `npm run package`), then drives code-server + chromium through e2e.mjs. Prints
# "vscode-e2e: N passed, M failed"; screenshots go to artifacts/vscode-e2e/.
# NANOLSP_VSIX=FILE tests that .vsix instead of the newest vscode-extension/nanolsp-*.vsix; that one is rebuilt
# when the server, the model or the extension changed after it was packaged.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bash "$here/setup.sh"

newest_vsix() { ls -t "$root"/vscode-extension/nanolsp-*.vsix 2>/dev/null | head -1 || true; }
vsix=${NANOLSP_VSIX:-$(newest_vsix)}
if [ -z "${NANOLSP_VSIX:-}" ] && [ -n "$vsix" ] && [ -n "$(cd "$root" && find src models vscode-extension/src vscode-extension/package.json \( -name bin -o -name obj \) -prune -o -type f -newer "$vsix" -print -quit)" ]; then
  echo "vscode-e2e: ${vsix#"$root"/} is older than the sources; rebuilding it"
  vsix=""
fi
if [ -z "$vsix" ]; then
  echo "vscode-e2e: no current .vsix; building it (npm run package at the repository root)"
  (
    cd "$root"
    [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
    npm run package
  )
  vsix=$(newest_vsix)
  [ -n "$vsix" ] || { echo "vscode-e2e: npm run package made no vscode-extension/nanolsp-*.vsix"; echo "vscode-e2e: 0 passed, 1 failed"; exit 1; }
fi
echo "vscode-e2e: testing ${vsix#"$root"/}"
# Its contents first: linux-x64's ONNX Runtime library, the model, the Marketplace files, no foreign binary.
node "$root/scripts/packaging/check-package.mjs" "$vsix" || { echo "vscode-e2e: 0 passed, 1 failed"; exit 1; }
exec node "$here/e2e.mjs" "$vsix"
