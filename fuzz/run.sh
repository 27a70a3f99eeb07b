#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS from its seed corpus.
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags…]
#   fuzz/run.sh list
# See fuzz/README.md for the targets, the input formats and what to do with a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$root/.build-fuzz

# target → the package module it exercises (which, with its dependencies, is built instrumented)
declare -A module=(
  [notebook-parser]=Notebook
  [cell-language]=Kernel
  [movielens-100k]=Recsys
  [movielens-1m]=Recsys
  [safetensors]=Recsys
  [ncf-files]=Recsys
  [serve-request]=LoopbackHTTP
)
# module → the modules (package order) whose objects a target links, and the system libraries
declare -A links=(
  [Notebook]="Notebook"
  [Recsys]="Engine ZIPFoundation Recsys"
  [Kernel]="Notebook Engine ZIPFoundation Recsys Figures Kernel"
  [LoopbackHTTP]="FlyingSocks LoopbackHTTP"
)
system_libs=(-lcmark-gfm -lcmark-gfm-extensions -lopenblas -lcrypto -lz)

target=${1:-}
if [ "$target" = list ] || [ -z "$target" ]; then
  printf '%s\n' "${!module[@]}" | sort
  [ -n "$target" ] || { echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags…]" >&2; exit 2; }
  exit 0
fi
[ -n "${module[$target]:-}" ] || { echo "error: unknown target '$target'; fuzz/run.sh list names them" >&2; exit 2; }
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags…]}
shift 2

scripts/setup.sh >/dev/null

# 1. The module and its dependencies, optimised (libFuzzer's executions per second are what a
# run is worth), with coverage and address-sanitizer instrumentation. The flags go to swiftc
# directly: SwiftPM's --sanitize=fuzzer --sanitize=address left the objects without ASan checks.
mod=${module[$target]}
nice -n 10 swift build -c release --build-path "$build" -Xswiftc -sanitize=fuzzer,address --target "$mod" >&2
objdir=$build/release

# 2. The target: its entry point linked against those objects and libFuzzer's main.
objects=()
for m in ${links[$mod]}; do while IFS= read -r o; do objects+=("$o"); done < <(find "$objdir/$m.build" -name '*.o' | sort); done
binary=$build/fuzz-$target
# C modules: the package's own system libraries, those of dependencies such as CZlib, and the
# module maps SwiftPM writes for the package's C targets (CPrefetch)
includes=(-I "$objdir/Modules")
while IFS= read -r map; do includes+=(-I "$(dirname "$map")"); done \
  < <(find "$root/Sources" "$build/checkouts" -name module.modulemap -not -path "*/Tests/*"
      find "$objdir/" -mindepth 2 -maxdepth 2 -path "*.build/module.modulemap")
if [ ! -x "$binary" ] || [ -n "$(find "$root/fuzz/Targets" "${objects[@]}" -newer "$binary" -print -quit)" ]; then
  nice -n 10 swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    "${includes[@]}" \
    -module-name "Fuzz_${target//-/_}" \
    "$root/fuzz/Targets/Support.swift" "$root/fuzz/Targets/$target.swift" "${objects[@]}" \
    "${system_libs[@]}" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi

# 3. The corpus: committed seeds plus seeds made from the walkthroughs, grown by earlier runs.
corpus=$build/corpus/$target
mkdir -p "$corpus" "$build/crashes/$target"
[ -d "$root/fuzz/seeds/$target" ] && cp -n "$root/fuzz/seeds/$target"/* "$corpus"/ 2>/dev/null || true
case $target in
  notebook-parser)
    for f in "$root"/Notebooks/*.md "$root"/docs/*.md "$root"/README.md; do cp -n "$f" "$corpus/$(basename "$f")"; done ;;
  cell-language)
    # every recbook cell of the walkthroughs, one seed each
    for f in "$root"/Notebooks/*.md; do
      awk -v out="$corpus/$(basename "$f" .md)" '
        /^```recbook/ { inside = 1; n++; next }
        /^```/ && inside { inside = 0; next }
        inside { print > (out "-" n) }' "$f"
    done ;;
esac

# 4. Run, one job, niced: the machine is shared. Crashes land in .build-fuzz/crashes/TARGET/.
# Leak checking is off: Foundation's Data(contentsOf:) leaks its read buffer under LeakSanitizer.
echo "fuzzing $target for ${seconds}s from $(ls "$corpus" | wc -l) inputs" >&2
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} exec nice -n 10 "$binary" "$corpus" -max_total_time="$seconds" -print_final_stats=1 \
  -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
  -artifact_prefix="$build/crashes/$target/" "$@"
