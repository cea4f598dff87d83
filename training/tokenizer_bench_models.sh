#!/bin/sh
# Random-weight models shaped like the shipped one (models/nano-csharp/nano-model.json: d384, 8 layers,
# 6 query / 2 KV heads, ctx 512), one per candidate vocabulary, int8 like the shipped model
# (quantize.py), each with its candidate tokenizer: what tokenizer_study.py's engine side times.
# Random weights are fine: latency does not depend on them.
# Usage: training/tokenizer_bench_models.sh [STUDY_DIR]   (holds modernNNNN/ tokenizers; writes randNNNN-int8/)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(cd "${1:-$HERE/data/tokstudy}" && pwd)
PY=${PYTHON:-/usr/bin/python3}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
cd "$HERE"
for V in ${VOCABS:-8192 16384 32768}; do
  $PY random_checkpoint.py --out "$DIR/rand$V.pt" --vocab-size "$V" --context 512 --hidden 384 --layers 8 \
      --heads 6 --kv-heads 2 --linear-std 0.05 --embed-scale 1
  $PY export.py --ckpt "$DIR/rand$V.pt" --tokenizer "$DIR/modern$V" --out "$DIR/rand$V-fp32" --name "rand$V" --no-golden
  $PY quantize.py "$DIR/rand$V-fp32" "$DIR/rand$V-int8"
  rm -rf "$DIR/rand$V.pt" "$DIR/rand$V-fp32"
done
