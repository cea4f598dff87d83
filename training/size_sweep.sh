#!/bin/sh
# Which model size the CPU can serve (issue 14: the largest whose typing-session p95 stays within 80 ms).
# Builds random-weight models of several sizes in .cache/sizes/ (ignored; latency does not depend on the
# weights), each with the shipped vocabulary (8,192) and its int8 layout (quantize.py), then runs the engine
# benchmark on them in rounds, one model after the other in each round, so that a shared machine's load
# falls on all alike; training/size_table.py prints the medians over the rounds.
# Usage: training/size_sweep.sh [ROUNDS]       (about 2 minutes a round on the 2-core machine)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/.cache/sizes
PY=${PYTHON:-/usr/bin/python3}
ROUNDS=${1:-3}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
# name hidden layers heads kv-heads
SIZES="d384L8 384 8 6 2
d512L8 512 8 8 2
d512L12 512 12 8 2
d640L12 640 12 10 2
d768L12 768 12 12 4"
mkdir -p "$OUT"
cd "$ROOT/training"
echo "$SIZES" | while read -r name hidden layers heads kv; do
  [ -f "$OUT/$name/model.onnx" ] && continue
  $PY random_checkpoint.py --out "$OUT/$name.pt" --vocab-size 8192 --context 1024 --hidden "$hidden" \
      --layers "$layers" --heads "$heads" --kv-heads "$kv" --linear-std 0.05 --embed-scale 1
  $PY export.py --ckpt "$OUT/$name.pt" --tokenizer "$ROOT/models/nano-csharp" --out "$OUT/$name-fp32" --name "$name" --no-golden
  $PY quantize.py "$OUT/$name-fp32" "$OUT/$name" >/dev/null
  rm -rf "$OUT/$name-fp32" "$OUT/$name.pt"
done
dotnet build "$ROOT/tools/NanoLsp.Model.Bench" -c Release --nologo -v quiet >/dev/null
BENCH="$ROOT/tools/NanoLsp.Model.Bench/bin/Release/net10.0/NanoLsp.Model.Bench"
: > "$OUT/bench.txt"
for r in $(seq 1 "$ROUNDS"); do
  for name in $(echo "$SIZES" | cut -d' ' -f1); do
    echo "== $name round $r" >> "$OUT/bench.txt"
    "$BENCH" "$OUT/$name" --runs 5 --decode-tokens 32 >> "$OUT/bench.txt"
  done
done
$PY "$ROOT/training/size_table.py" "$OUT/bench.txt"
