#!/usr/bin/env bash
# Runs every test NanoLsp has, on a fresh machine: the .NET suites (unit and end-to-end, the latter
# starting the real server over stdio) and the training pipeline's smoke test. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Every temporary file of this run (the tests' scratch projects and model copies, the suites' work folders, the
# build's) goes under one folder that is removed at the end: a machine that runs the tests day after day keeps
# none of it. (Runs before this one left theirs in the system's temporary folder; what is older than a day of
# those is cleared here.) Build servers started here keep TMPDIR; they are shut down before it goes.
system_tmp=${TMPDIR:-/tmp}
find "$system_tmp/nanolsp-e2e" -mindepth 1 -maxdepth 1 -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
export TMPDIR
TMPDIR=$(mktemp -d "$system_tmp/nanolsp-test.XXXXXX")
cleanup() {
  dotnet build-server shutdown > /dev/null 2>&1 || true
  rm -rf "$TMPDIR"
}
trap cleanup EXIT

passed=0
failed=0
results=$(mktemp -d)

echo "== dotnet build"
dotnet build NanoLsp.sln -c Release --nologo -v quiet

for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== dotnet test $name"
  set +e
  dotnet test "$project" -c Release --no-build --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log"
  status=${PIPESTATUS[0]}
  set -e
  # The console summary line looks like: "Passed!  - Failed:     0, Passed:    42, Skipped: ..."
  p=$(grep -oE 'Passed: +[0-9]+' "$results/$name.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -oE 'Failed: +[0-9]+' "$results/$name.log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "$name: test run failed ($status)"; fi
done

# Runs one suite that ends by printing "LABEL: N passed, M failed" and adds its counts; a suite that
# fails without printing its counts counts as one failure.
run_suite() {
  local label=$1; shift
  echo "== $label"
  set +e
  "$@" 2>&1 | tee "$results/$label.log"
  local status=${PIPESTATUS[0]}
  set -e
  local line p f
  line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$results/$label.log" | tail -1 || true)
  p=$(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
  f=$(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "$label: suite failed ($status)"; fi
}

run_suite smoke bash training/smoke_test.sh

# The VS Code extension's own logic (server resolution, status bar, settings); npm ci on a fresh machine.
run_suite vscode-unit bash vscode-extension/scripts/unit-suite.sh

# nanolsp-serve through the official OpenAI Node library (npm openai): models, completions with suffix, streaming.
run_suite serve-node bash tests/serve-node/run.sh

# Editor suites (VS Code through code-server, Neovim, Emacs) need Debian packages a fresh machine lacks.
# A failed install is said here; the suites that need the packages then fail and are counted.
bash scripts/install-test-deps.sh || echo "install-test-deps failed: the editor suites below will say what is missing"
run_suite emacs bash tests/emacs/run.sh
run_suite helix python3 tests/helix/check_config.py
run_suite neovim bash tests/neovim/run.sh

# The extension's .vsix in a real VS Code (code-server + chromium); installs code-server and builds the
# .vsix when missing. Screenshots: artifacts/vscode-e2e/.
run_suite vscode-e2e bash tests/vscode-e2e/run.sh

# What failed, by name, here at the end where a CI log's tail shows it: the .NET tests from their .trx, the
# other suites' own failure lines ("FAIL ...", "not ok ...").
echo "== failures"
python3 scripts/failed-tests.py "$results"/*.trx || true
grep -H -E '^(FAIL|not ok|FAILED)' "$results"/*.log | sed "s|^$results/||" | head -40 || true
echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
