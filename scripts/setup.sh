#!/usr/bin/env bash
# Installs the Debian packages RecBook builds against, skipping apt when all are present.
set -euo pipefail

packages=(
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown parsing (cmark-gfm + GFM extensions)
  libopenblas-dev                                # BLAS for the engine
  libgd-dev fonts-dejavu-core                    # charts and their font
  libjs-katex                                    # offline math typesetting in reports
  libzmq3-dev                                    # ZeroMQ, the Jupyter kernel's transport
  libssl-dev                                     # SHA-256 and HMAC-SHA256 (libcrypto)
  zlib1g-dev pkg-config                          # unzipping fetched datasets; locating libraries
)

# The tests also drive a real browser (live reload of `recbook serve`, the slide deck, the PDF,
# whose pages poppler's pdfinfo counts) and Jupyter's client libraries, installed from PyPI into a
# virtual environment (scripts/jupyter-venv.sh); `recbook run --format pdf` needs chromium too.
if [ "${1:-}" = "--with-browser" ]; then packages+=(chromium poppler-utils python3-venv); fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v swift >/dev/null || { echo "error: swift is not on PATH; install Swift 6 (https://swift.org/install)" >&2; exit 1; }
