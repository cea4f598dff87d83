#!/usr/bin/env bash
# Fetches what a ReadyToRun publish of the server needs for each RID given: the RID's runtime pack (crossgen compiles
# against it) and the Crossgen2 pack. src/NanoLsp sets EnableRuntimePackDownload false so that a dev restore does not
# fetch five platforms' runtimes, and it sets PublishReadyToRun only when a RID is given, which a plain restore never
# sees: without this step a machine whose NuGet folder lacks those packs fails to publish or pack with NETSDK1112
# ("The runtime pack for Microsoft.NETCore.App.Runtime.<rid> was not downloaded"). Once fetched they stay in the
# NuGet folder, where later restores and the publish find them.
#   bash scripts/restore-ready-to-run.sh linux-x64 [RID ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ "$#" -gt 0 ] || { echo "usage: $0 RID [RID ...]" >&2; exit 2; }
for rid in "$@"; do
  dotnet restore src/NanoLsp -r "$rid" -p:RuntimeIdentifiers="$rid" -p:PublishReadyToRun=true \
    -p:EnableRuntimePackDownload=true --nologo -v quiet
done
