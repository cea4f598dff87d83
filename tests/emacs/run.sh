#!/usr/bin/env bash
# Emacs 28 + Eglot 1.9 (Debian) against the built server, headless, on a copy of samples/Inventory.
# Needs the Release build (scripts/test.sh builds it first) and scripts/install-test-deps.sh.
# Prints "emacs: N passed, M failed"; exits non-zero on failure. NANOLSP_E2E_TOOL=1 runs the
# `nanolsp` command found on PATH (the installed dotnet tool) instead of the built server.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
dll=$repo/src/NanoLsp/bin/Release/net10.0/NanoLsp.dll
if [ ! -f "$dll" ]; then echo "emacs: $dll missing: build NanoLsp.sln in Release first"; echo "emacs: 0 passed, 1 failed"; exit 1; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The sample's own props keep the repository's build settings away from it; a temp folder has none above.
cp -r samples/Inventory "$work/Inventory"
# A private HOME: no user init, no eglot state, and the server's loose-file cache stays in the temp folder.
export HOME=$work/home XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME"

start=$(date +%s)
set +e
# stdin from /dev/null: an unexpected prompt fails at once instead of waiting for a terminal.
timeout 600 emacs --batch -l tests/emacs/e2e.el "$repo" "$dll" "$work/Inventory" </dev/null
status=$?
set -e
echo "emacs suite wall time: $(( $(date +%s) - start ))s"
if [ "$status" -eq 124 ]; then echo "emacs: timed out"; echo "emacs: 0 passed, 1 failed"; fi
exit "$status"
