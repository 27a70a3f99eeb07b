#!/usr/bin/env bash
# A short run of every fuzz target (SECONDS each, default 10): catches a reader that crashes on
# its own seeds or on the first mutations. Not part of .ci/run: building the instrumented
# modules takes several minutes on top of the test suite (see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
for target in $(fuzz/run.sh list); do
  log=.build-fuzz/smoke-$target.log
  mkdir -p .build-fuzz
  status=0
  fuzz/run.sh "$target" "$seconds" > "$log" 2>&1 || status=$?
  grep -E "^(fuzzing|Done)|ERROR|SUMMARY" "$log" || true
  [ "$status" = 0 ] || { echo "fuzz target $target failed ($log; inputs in .build-fuzz/crashes/$target/)" >&2; exit 1; }
done
