#!/usr/bin/env bash
# Sets up and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
swift build --product recbook
swift test "$@"
