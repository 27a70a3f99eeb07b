#!/usr/bin/env bash
# How LightGCN and SimGCL training cost grows with the graph: synthetic graphs with the counts of
# MovieLens 1M, 10M, 20M and 25M, RecBook and PyTorch (torch.sparse, 2 threads) on the same graph
# one after the other, each size in fresh processes so each peak resident memory is its own.
#
#   benchmarks/scale.sh [--python PY] [--sizes "ml-1m ml-10m ml-20m ml-25m"] [--simgcl-batches N]
#
# Prints a table and the exponent b of a least-squares fit seconds ≈ a · nonzeros^b.
set -euo pipefail
cd "$(dirname "$0")/.."
python="python3" sizes="ml-1m ml-10m ml-20m ml-25m" batches=3
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --simgcl-batches) batches="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
swift build -c release --scratch-path .build-engine --product Benchmarks >/dev/null
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
for size in $sizes; do
  echo "== $size" >&2
  .build-engine/release/Benchmarks --scale "$size" --write-graph "$out/graph.bin" --simgcl-batches "$batches" \
    | tail -1 > "$out/$size.recbook.json"
  "$python" benchmarks/torch_scale.py "$out/graph.bin" --simgcl-batches "$batches" | tail -1 > "$out/$size.torch.json"
  cat "$out/$size.recbook.json" "$out/$size.torch.json" >&2
done
python3 - "$out" $sizes <<'PY'
import json, math, sys
out, sizes = sys.argv[1], sys.argv[2:]
rows = [(s, json.load(open(f"{out}/{s}.recbook.json")), json.load(open(f"{out}/{s}.torch.json"))) for s in sizes]
print("| size | pairs | nonzeros | LightGCN epoch s (RecBook / PyTorch / ×) | SimGCL batch s (RecBook / PyTorch / ×) | SimGCL epoch s, extrapolated (RecBook / PyTorch) | peak RSS MB (RecBook / PyTorch) |")
print("|---|---:|---:|---|---|---|---|")
for s, r, t in rows:
    print(f"| {s} | {r['pairs']:,} | {r['nonzeros']:,} | {r['lightgcn_epoch_s']:.3f} / {t['lightgcn_epoch_s']:.3f} / {t['lightgcn_epoch_s'] / r['lightgcn_epoch_s']:.1f}× "
          f"| {r['simgcl_batch_s']:.3f} / {t['simgcl_batch_s']:.3f} / {t['simgcl_batch_s'] / r['simgcl_batch_s']:.1f}× "
          f"| {r['simgcl_epoch_s']:.0f} / {t['simgcl_epoch_s']:.0f} | {r['peak_rss_mb']:.0f} / {t['peak_rss_mb']:.0f} |")
def exponent(key, which):
    xs = [math.log(r['nonzeros']) for _, r, _ in rows]
    ys = [math.log((r if which == 0 else t)[key]) for _, r, t in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
if len(rows) > 1:
    for key in ("lightgcn_epoch_s", "simgcl_batch_s", "peak_rss_mb"):
        print(f"fitted exponent of {key} vs nonzeros: RecBook {exponent(key, 0):.2f}, PyTorch {exponent(key, 1):.2f}")
PY
