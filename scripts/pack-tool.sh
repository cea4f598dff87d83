#!/usr/bin/env bash
# Packs the server as a dotnet tool (`nanolsp`) into artifacts/nupkg: a small NanoLsp package that
# points to the RID-specific NanoLsp.linux-x64 package holding the server and the shipped model.
# Install:  dotnet tool install --global --add-source artifacts/nupkg NanoLsp
#      or:  dotnet tool install --tool-path DIR --add-source artifacts/nupkg NanoLsp
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=artifacts/nupkg
mkdir -p "$out"
rm -f "$out"/NanoLsp.*.nupkg
dotnet pack src/NanoLsp -c Release -o "$out" --nologo -v quiet "$@"
ls -l "$out"/NanoLsp.*.nupkg
