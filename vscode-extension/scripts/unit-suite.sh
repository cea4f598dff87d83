#!/usr/bin/env bash
# The extension's unit tests as a scripts/test.sh suite: installs the npm workspaces when they are
# missing (a fresh machine), runs vitest and ends with "vscode-unit: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
# `npm ls` passes on a clone with no node_modules at all, so look for the test runner itself.
if [ ! -x node_modules/.bin/vitest ]; then
  npm ci --no-audit --no-fund
fi
report=$(mktemp --suffix=.json)
trap 'rm -f "$report"' EXIT
set +e
(cd vscode-extension && npx vitest run --reporter=default --reporter=json --outputFile.json="$report")
status=$?
set -e
node -e '
  const fs = require("fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  // No report at all (vitest did not start) counts as one failure; a test file that cannot load, as its own.
  const passed = r.numPassedTests ?? 0;
  const failed = r.numTotalTests === undefined ? 1 : (r.numFailedTests ?? 0) + (r.numFailedTests ? 0 : r.numFailedTestSuites ?? 0);
  console.log(`vscode-unit: ${passed} passed, ${failed} failed`);
' "$report"
exit "$status"
