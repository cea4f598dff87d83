#!/usr/bin/env bash
# Installs csharp-ls (an open-source C# language server on the same Roslyn) into .cache/peers, for measuring it
# side by side with NanoLsp in one run on one machine:
#   dotnet tools/NanoLsp.Driver/bin/Release/net10.0/NanoLsp.Driver.dll bench samples/Inventory --runs 20 --peer .cache/peers/csharp-ls
# Not a dependency of the server or its tests; the version is pinned so that figures stay comparable.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${CSHARP_LS_VERSION:-0.28.0}"
if [ -x .cache/peers/csharp-ls ] && .cache/peers/csharp-ls --version 2>/dev/null | grep -q "$version"; then
  echo "csharp-ls $version already in .cache/peers"
  exit 0
fi
dotnet tool install csharp-ls --version "$version" --tool-path .cache/peers
