#!/usr/bin/env bash
# Neovim end-to-end suite: packs the server as a dotnet tool, installs it into a temporary tool path,
# and runs tests/neovim/e2e.lua in Debian's headless Neovim against a copy of samples/Inventory.
# Prints "neovim: N passed, M failed" and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { echo "neovim: $1"; echo "neovim: 0 passed, 1 failed"; exit 1; }
command -v nvim >/dev/null || fail "nvim is not installed (scripts/install-test-deps.sh installs it)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(ms)
# This machine's platform only: `npm run package:all` packs the others (minutes each).
bash scripts/pack-tool.sh linux-x64 >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; fail "packing the tool failed"; }
# The package holds linux-x64's ONNX Runtime library and the model, and nothing of another platform.
node scripts/packaging/check-package.mjs artifacts/nupkg/NanoLsp.linux-x64.*.nupkg || fail "the linux-x64 tool package failed its contents check"
packed=$(ms)
# A private package folder: the test leaves the user's NuGet folder alone.
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source artifacts/nupkg NanoLsp \
  >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "installing the tool failed"; }
installed=$(ms)
echo "neovim: nupkg $(du -k artifacts/nupkg/NanoLsp.linux-x64.*.nupkg | cut -f1) KiB; pack $((packed - start)) ms, install $((installed - packed)) ms"
"$work/tools/nanolsp" --version

mkdir "$work/Inventory"
cp -r samples/Inventory/. "$work/Inventory"
rm -rf "$work/Inventory/bin" "$work/Inventory/obj"

# The server may restore the copy and writes its cache under XDG_CACHE_HOME: keep both in the temp dir.
export XDG_CACHE_HOME="$work/cache"
NANOLSP_PLUGIN="$root/editors/neovim" NANOLSP_CMD="$work/tools/nanolsp" NANOLSP_WORKSPACE="$work/Inventory" \
  timeout 900 nvim --headless -u NONE -i NONE -n -c "luafile $root/tests/neovim/e2e.lua"
