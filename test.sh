#!/usr/bin/env bash
# Runs every test on a fresh machine that has the .NET SDK and Node.js: installs the Node tools the
# tests drive (official Adaptive Cards parser and templating engine, Slack SDK types for the Block
# Kit checks, Azurite, Agents Playground), builds everything (benchmarks included, so they never
# rot) and runs the xUnit suite.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d tests/js/node_modules ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
  npm ci --prefix tests/js --no-audit --no-fund --loglevel=error
fi

dotnet build QuizBot.sln -c Release -nologo -v quiet
log=$(mktemp)
set +e
dotnet test QuizBot.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain summary line that any CI can read: "tests: N passed, N failed, N skipped".
awk '/(Passed|Failed)! +- Failed:/ {
  gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
  END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
