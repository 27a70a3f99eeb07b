#!/usr/bin/env bash
# Creates (once) the Python environment the Jupyter tests drive RecBook's kernel with:
# jupyter_client, nbclient, nbformat and nbconvert from PyPI, in .build/jupyter-venv.
# Prints the environment's python. Exits 3 when this machine has no python3 at all.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/jupyter-venv
python="$venv/bin/python"
if [ -x "$python" ] && "$python" -c "import jupyter_client, nbclient, nbformat, nbconvert" 2>/dev/null; then
  echo "$PWD/$python"; exit 0
fi
command -v python3 >/dev/null || { echo "python3 is not installed: the Jupyter tests cannot run" >&2; exit 3; }
mkdir -p .build
python3 -m venv "$venv" >&2 || {
  echo "python3 -m venv failed; on Debian install python3-venv (apt-get install python3-venv)" >&2; exit 1; }
"$venv/bin/pip" install --quiet --disable-pip-version-check jupyter_client nbclient nbformat nbconvert >&2
echo "$PWD/$python"
