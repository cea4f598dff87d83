#!/usr/bin/env bash
# Emacs 28 + Eglot 1.9 (Debian) against the built server, on copies of samples/Inventory, in two parts:
#   e2e.el       batch Emacs: diagnostics, hover, completion, code actions, settings, ghost text
#   terminal.py  emacs -nw on a pseudo-terminal, typed at: idle timers, ghost text on screen, TAB
# Needs the Release build (scripts/test.sh builds it first) and scripts/install-test-deps.sh.
# Prints "emacs: N passed, M failed"; exits non-zero on failure. NANOLSP_E2E_TOOL=1 runs the
# `nanolsp` command found on PATH (the installed dotnet tool) instead of the built server.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
dll=$repo/src/NanoLsp/bin/Release/net10.0/NanoLsp.dll
if [ ! -f "$dll" ]; then echo "emacs: $dll missing: build NanoLsp.sln in Release first"; echo "emacs: 0 passed, 1 failed"; exit 1; fi
if [ -n "${NANOLSP_E2E_TOOL:-}" ]; then server='["nanolsp", "--stdio"]'; else server="[\"dotnet\", \"$dll\", \"--stdio\"]"; fi

work=$(mktemp -d)
# Kept when a check failed (the terminal part leaves its screen dump in it); removed otherwise.
trap 'if [ "${failed:-1}" -eq 0 ]; then rm -rf "$work"; else echo "emacs: work folder kept: $work"; fi' EXIT
# A private HOME: no user init or project list touched, and the server's loose-file cache stays here.
export HOME=$work/home XDG_CACHE_HOME=$work/cache
mkdir -p "$HOME"
# The sample's own props keep the repository's build settings away from it; a temp folder has none above.
cp -r samples/Inventory "$work/batch"
cp -r samples/Inventory "$work/terminal"

passed=0
failed=0
# Runs one part, which ends by printing "LABEL: N passed, M failed"; a part that dies first counts one failure.
part() {
  local label=$1; shift
  set +e
  "$@" 2>&1 | tee "$work/$label.log"
  local status=${PIPESTATUS[0]}
  set -e
  local line
  line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$work/$label.log" | tail -1 || true)
  if [ -z "$line" ]; then
    echo "$label: ended ($status) without its counts"; failed=$((failed + 1)); return
  fi
  passed=$((passed + $(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')))
  failed=$((failed + $(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')))
  if [ "$status" -ne 0 ] && ! echo "$line" | grep -qE '[1-9][0-9]* failed'; then failed=$((failed + 1)); fi
}

start=$(date +%s)
# stdin from /dev/null: an unexpected prompt fails at once instead of waiting for a terminal.
part emacs-locate timeout 120 emacs --batch -l tests/emacs/locate.el "$repo" </dev/null
part emacs-batch timeout 600 emacs --batch -l tests/emacs/e2e.el "$repo" "$dll" "$work/batch" </dev/null
part emacs-tty timeout 600 python3 tests/emacs/terminal.py "$repo" "$server" "$work/terminal"
echo "emacs suite wall time: $(( $(date +%s) - start ))s"
echo "emacs: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
