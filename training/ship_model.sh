#!/bin/sh
# Export, quantize and evaluate a finished run into models/nano-csharp/ (see training/README.md).
# Usage: training/ship_model.sh [RUN_DIR] [TOKENIZER_DIR]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=${1:-$HERE/out/run1}
TOK=${2:-$HERE/data/tok8192}
DEST=$HERE/../models/nano-csharp
PY=/usr/bin/python3
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
cd "$HERE"
$PY export.py --ckpt "$RUN/ckpt.pt" --tokenizer "$TOK" --out "$RUN/fp32" --no-golden
$PY quantize.py "$RUN/fp32" "$DEST"
$PY eval/line_eval.py --ckpt "$RUN/ckpt.pt" --tokenizer "$TOK" --corpus data/corpus --tokens data/tokens \
  --cases ${CASES:-200} --out "$RUN/eval-fp32.json"
$PY eval/line_eval.py --ckpt "$RUN/ckpt.pt" --tokenizer "$TOK" --corpus data/corpus --tokens data/tokens \
  --cases ${CASES:-200} --dequantize "$DEST/model.onnx" --out "$RUN/eval-int8.json"
$PY eval/line_eval.py --ckpt "$RUN/ckpt.pt" --tokenizer "$TOK" --corpus data/corpus --tokens data/tokens \
  --cases ${CASES:-200} --dequantize "$DEST/model.onnx" --no-healing --out "$RUN/eval-int8-nohealing.json"
cp "$RUN/log.jsonl" "$DEST/training-log.jsonl"
du -sh "$DEST"
