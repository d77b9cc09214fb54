#!/usr/bin/env bash
# Runs every test on a fresh Debian machine that has the .NET SDK and Node.js: installs the Node tools the tests
# drive (official Adaptive Cards parser and templating engine, Slack SDK types
# for the Block Kit checks, Azurite, Agents Playground) and Debian's chromium for
# the Playground test, builds everything (benchmarks included, so they never rot) and runs the xUnit suite.
# Arguments go to `dotnet test`: ./test.sh --filter "Category!=External" runs the fast suite alone.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "test.sh: $*" >&2; exit 1; }
command -v dotnet >/dev/null || fail "the .NET 10 SDK (dotnet) is needed and was not found on PATH."
command -v node >/dev/null && command -v npm >/dev/null ||
  fail "Node.js 20 or later with npm is needed and was not found on PATH (Debian: apt-get install nodejs npm)."

# The fast suite starts no browser; the whole suite needs one, and a missing one is an error, never a skipped test.
fast=""
case " $* " in *"Category!=External"*) fast=1 ;; esac
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -z "$fast" ] && [ ! -x "$chromium" ]; then
  if [ -z "${CHROMIUM_PATH:-}" ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing Debian's chromium for the Agents Playground test" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium
  fi
  [ -x "$chromium" ] || fail "the Agents Playground test needs Chromium at $chromium: install Debian's chromium" \
    "(sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary; or run the fast suite alone:" \
    "./test.sh --filter \"Category!=External\""
fi

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
