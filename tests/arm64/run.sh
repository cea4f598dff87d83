#!/usr/bin/env bash
# The linux-arm64 server under emulation (Debian's qemu-user): publishes the server for linux-arm64
# self-contained (an arm64 .NET runtime is needed to run it, and none is installed here), checks the
# publish holds only arm64 natives, then starts it with qemu-aarch64 and speaks LSP to it until the
# model reports ready: ONNX Runtime's arm64 library loaded and ran the shipped model. Not part of
# scripts/test.sh (see the README for its time); prints "arm64: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
fail() { echo "arm64: $1"; echo "arm64: 0 passed, 1 failed"; exit 1; }

if ! command -v qemu-aarch64 >/dev/null || [ ! -d /usr/aarch64-linux-gnu/lib ] || [ ! -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]; then
  echo "arm64: installing qemu-user and the arm64 C/C++ runtime libraries (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross >/dev/null \
    || fail "could not install qemu-user and the arm64 libraries"
fi
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error

out=artifacts/package-work/arm64-selfcontained
start=$(date +%s)
rm -rf "$out"
# Self-contained needs the arm64 runtime pack and apphost, which the framework-dependent packages do not.
dotnet publish src/NanoLsp -c Release -r linux-arm64 --self-contained true -p:RuntimeIdentifiers=linux-arm64 \
  -p:EnableRuntimePackDownload=true -p:EnableAppHostPackDownload=true -p:UseAppHost=true \
  -o "$out" --nologo -v quiet || fail "publishing for linux-arm64 failed"
echo "arm64: publish $(( $(date +%s) - start )) s"
exec node tests/arm64/smoke.mjs "$out"
