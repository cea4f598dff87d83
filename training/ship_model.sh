#!/bin/sh
# Export, quantize and evaluate a finished run into models/nano-csharp/ (see training/README.md).
# Usage: training/ship_model.sh [RUN_DIR] [TOKENIZER_DIR]
# A GPU run (gpu_run.sh) comes back as ckpt.pt.partN: `cat OUT/ckpt.pt.part? > RUN_DIR/ckpt.pt` first,
# and use TOKENIZER_DIR=../models/nano-csharp (the tokenizer is never retrained).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=${1:-$HERE/out/run1}
TOK=${2:-$HERE/data/tok8192}
DEST=${DEST:-$HERE/../models/nano-csharp}  # DEST=folder: try a run without touching models/
PY=/usr/bin/python3
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
cd "$HERE"
$PY export.py --ckpt "$RUN/ckpt.pt" --tokenizer "$TOK" --out "$RUN/fp32" --no-golden
$PY quantize.py "$RUN/fp32" "$RUN/int8"
# What the engine runs: the same weights in a graph of ONNX Runtime's fused operators (lean_graph.py; about 100
# kernels a forward instead of 800). The evaluations below read the quantized export's graph ($RUN/int8).
$PY lean_graph.py "$RUN/int8" "$DEST"
# The engine runs from an ORT-format conversion of model.onnx (one copy of the weights for its two sessions:
# docs/engine.md, "Two sessions"); converted with the product's own ONNX Runtime, and named in nano-model.json.
dotnet run -c Release --project "$HERE/../tools/NanoLsp.Model.Bench" -- "$DEST" --write-ort
# TOKENS: the prepared data whose val.bin measures perplexity (data/tokens512c for the GPU route).
EV="$PY eval/line_eval.py --ckpt $RUN/ckpt.pt --tokenizer $TOK --corpus data/corpus --tokens ${TOKENS:-data/tokens} --ppl-batches ${PPL_BATCHES:-20}"
# The three evals are independent single-thread jobs: run them side by side.
$EV --cases ${CASES:-120} --dequantize "$RUN/int8/model.onnx" --out "$RUN/eval-int8.json" &
$EV --cases ${CASES_FP32:-60} --out "$RUN/eval-fp32.json" &
$EV --cases ${CASES_FP32:-60} --dequantize "$RUN/int8/model.onnx" --no-healing --out "$RUN/eval-int8-nohealing.json" &
wait
cp "$RUN/log.jsonl" "$DEST/training-log.jsonl"
du -sh "$DEST"
