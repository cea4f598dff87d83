#!/usr/bin/env bash
# Packs nanolsp-serve as a dotnet tool into artifacts/nupkg, as scripts/pack-tool.sh packs the language server: a small
# NanoLsp.Serve package that points to one RID-specific package per platform (NanoLsp.Serve.<rid>) holding the server,
# the shipped model and that platform's ONNX Runtime library. Needs the .NET 10 and ASP.NET Core 10 runtimes to run.
#   bash scripts/pack-serve.sh                  every platform of ToolPackageRuntimeIdentifiers
#   bash scripts/pack-serve.sh linux-x64 ...    only these
# Install:  dotnet tool install --global --add-source artifacts/nupkg NanoLsp.Serve     (then: nanolsp-serve --help)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

out=${NANOLSP_NUPKG_DIR:-artifacts/nupkg}
rids=()
if [ "$#" -gt 0 ]; then
  rids=("-p:ToolPackageRuntimeIdentifiers=\"$(IFS=';'; echo "$*")\"")
fi
mkdir -p "$out"
rm -f "$out"/NanoLsp.Serve.*.nupkg
dotnet pack src/NanoLsp.Serve -c Release -o "$out" --nologo -v quiet "${rids[@]}"
ls -l "$out"/NanoLsp.Serve.*.nupkg
