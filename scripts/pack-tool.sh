#!/usr/bin/env bash
# Packs the server as a dotnet tool (`nanolsp`) into artifacts/nupkg: a small NanoLsp package that
# points to one RID-specific package per platform (NanoLsp.<rid>) holding the server, the shipped
# model and that platform's ONNX Runtime library. Install picks the package of the machine's RID.
#   bash scripts/pack-tool.sh                    every platform of ToolPackageRuntimeIdentifiers
#   bash scripts/pack-tool.sh linux-x64 ...      only these (the outer package then lists only them)
# Install:  dotnet tool install --global --add-source artifacts/nupkg NanoLsp
#      or:  dotnet tool install --tool-path DIR --add-source artifacts/nupkg NanoLsp
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=${NANOLSP_NUPKG_DIR:-artifacts/nupkg}
rids=()
if [ "$#" -gt 0 ]; then
  # MSBuild reads a ';' on the command line as a property separator unless it is quoted.
  rids=("-p:ToolPackageRuntimeIdentifiers=\"$(IFS=';'; echo "$*")\"")
fi
mkdir -p "$out"
rm -f "$out"/NanoLsp.*.nupkg
# The RIDs packed (those given, else every one the project lists) need their ReadyToRun packs fetched.
if [ "$#" -gt 0 ]; then targets=("$@"); else
  IFS=';' read -r -a targets <<< "$(dotnet msbuild src/NanoLsp -getProperty:ToolPackageRuntimeIdentifiers -nologo)"
fi
bash scripts/restore-ready-to-run.sh "${targets[@]}"
# Publish copies a file only where it is newer than the one its folder holds: a ReadyToRun image an earlier build left
# there (all of Roslyn was compiled so before 2026-12-05) would be packed instead of this build's IL.
for rid in "${targets[@]}"; do rm -rf "src/NanoLsp/bin/Release/net10.0/$rid/publish"; done
dotnet pack src/NanoLsp -c Release -o "$out" --nologo -v quiet "${rids[@]}"
ls -l "$out"/NanoLsp.*.nupkg
