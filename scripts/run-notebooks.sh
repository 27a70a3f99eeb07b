#!/usr/bin/env bash
# Sets up, builds RecBook in release mode and runs every notebook in Notebooks/ into output/.
# Extra arguments go to `recbook run`, e.g. --data ~/datasets or --set epochs=50.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product recbook
.build/release/recbook run Notebooks/*.md "$@"
