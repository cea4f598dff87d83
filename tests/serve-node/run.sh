#!/usr/bin/env bash
# The OpenAI Node library against a real nanolsp-serve, as a scripts/test.sh suite: installs its one package
# (package-lock.json) when missing and ends with "serve-node: N passed, M failed". Needs the solution built
# (scripts/test.sh builds it first) or NANOLSP_SERVE pointing at a NanoLsp.Serve.dll.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/openai/package.json ]; then
  npm ci --no-audit --no-fund
fi
node conformance.mjs
