#!/bin/sh
# Builds the benchmark models in .cache/ (ignored): a random-weight 20.5M model shaped like the
# shipped one (d384, 8 layers, 6 heads, vocab 16k, ctx 1024) exported with training/'s code, plus
# its int8 / MatMulNBits variants. Random weights are fine: latency does not depend on them.
# The tokenizer is the small sample one (its vocabulary is smaller than the model's; the benchmark
# feeds random ids). Needs Debian's python3-torch, python3-onnx, python3-numpy.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$ROOT/.cache}
PY=${PYTHON:-/usr/bin/python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT/training"
$PY tokenizer.py train --vocab-size 512 --out "$TMP/tok" sample/*.cs >/dev/null
$PY random_checkpoint.py --out "$TMP/r.pt" --vocab-size 16384 --context 1024 --hidden 384 --layers 8 \
    --heads 6 --kv-heads 6 --linear-std 0.05 --embed-scale 1
mkdir -p "$OUT/rand20m"
$PY - "$TMP" "$OUT/rand20m" <<'PY'
import json, shutil, sys, export
tmp, out = sys.argv[1], sys.argv[2]
model, _ = export.load_checkpoint(f"{tmp}/r.pt")
export.export_onnx(model, f"{out}/model.onnx")
for f in ("vocab.json", "merges.txt"):
    shutil.copy(f"{tmp}/tok/{f}", f"{out}/{f}")
json.dump(export.manifest(model.config, "rand20m"), open(f"{out}/nano-model.json", "w"), indent=2)
PY
for q in int8 nbits4 nbits8; do
  $PY "$ROOT/tools/NanoLsp.Model.Bench/quantize_for_bench.py" "$OUT/rand20m" "$OUT/rand20m-$q" $q
done
