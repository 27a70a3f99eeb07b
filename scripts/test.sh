#!/usr/bin/env bash
# Sets up and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-browser
swift build --product recbook
# The Jupyter tests drive the kernel with jupyter_client, nbclient and nbformat (made once, then
# reused). Without python3 they skip and say so; any other failure to make them is an error.
if python=$(scripts/jupyter-venv.sh); then
  export RECBOOK_JUPYTER_PYTHON="$python"
else
  status=$?
  [ "$status" = 3 ] || exit "$status"
fi
swift test "$@"
