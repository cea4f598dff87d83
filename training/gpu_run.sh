#!/bin/bash
# The one command for the GPU machine, run from the repository root:
#   bash training/gpu_run.sh MINUTES [extra train.py options...]
# Unpacks the carried data (training/data/gpu, from pack_data.py), trains for MINUTES of wall
# clock (checkpoint every minute), then writes into $OUT, in this order so that a timeout still
# returns what matters: log.txt (all output, as it happens), the fp32 checkpoint split into
# ckpt.pt.partN files of 15 MiB (bf16 if that would take more than 5 files; rejoin with cat),
# then results.tar.gz (log.jsonl, the ONNX export + int8 quantization check: nano-model.json,
# tokenizer-vectors.json, sizes; the quick line evals, fp32 and int8) refreshed after each step.
# model.onnx (int8) is copied too when it is under 16 MiB. Whole run: MINUTES + about 2 minutes.
# Env: OUT (required), PY (python with torch; default: the first of python3, /usr/bin/python3),
# DATA (packed data, default training/data/gpu), TOK (tokenizer folder the data was prepared with,
# default models/nano-csharp; a carried training/data/... folder for a retrained one), WORK (scratch folder), EVAL_CASES (default 100), EVAL_THREADS (default 4).
set -euo pipefail
export PYTHONUNBUFFERED=1
MIN=${1:?usage: training/gpu_run.sh MINUTES [train.py options]}
shift
: "${OUT:?set OUT to the results folder}"
mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
T0=$(date +%s)
stamp() { echo "=== [$(( $(date +%s) - T0 ))s] $*"; }
if [ -z "${PY:-}" ]; then
  for p in python3 /usr/bin/python3; do
    if $p -c 'import torch, onnx, numpy' 2>/dev/null; then PY=$p; break; fi
  done
fi
: "${PY:?no python with torch, onnx and numpy found}"
ROOT=$(pwd)
TOK=${TOK:-$ROOT/models/nano-csharp}
WORK=${WORK:-$(mktemp -d)}
RES=$WORK/results
mkdir -p "$RES"
stamp "python $($PY -c 'import sys, torch; print(sys.version.split()[0], "torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")')"
nvidia-smi --query-gpu=name,memory.used,memory.total --format=csv 2>/dev/null || true

pack_results() {  # small files -> one archive (the results folder takes few files)
  tar -czf "$OUT/results.tar.gz.tmp" -C "$RES" . && mv "$OUT/results.tar.gz.tmp" "$OUT/results.tar.gz"
}

stamp "unpack"
$PY "$ROOT/training/pack_data.py" unpack "${DATA:-$ROOT/training/data/gpu}" "$WORK/tokens" "$WORK/corpus"
cp "$WORK/tokens/stats.json" "$RES/data-stats.json" 2>/dev/null || true

stamp "train $MIN minutes"
LIMIT=$($PY -c "print(int(float('$MIN') * 60 + 120))")
set +e
timeout --signal=INT --kill-after=30 "$LIMIT" $PY "$ROOT/training/train.py" --data "$WORK/tokens" \
  --tokenizer "$TOK" --out "$WORK/run" --minutes "$MIN" "$@"
rc=$?
set -e
stamp "train exit $rc"
[ -f "$WORK/run/ckpt.pt" ] || { echo "no checkpoint: nothing to return"; exit 1; }
cp "$WORK/run/log.jsonl" "$RES/log.jsonl"
pack_results

stamp "checkpoint -> OUT"
CK=$WORK/run/ckpt.pt
PARTS=$(( ($(stat -c %s "$CK") + 15728639) / 15728640 ))
if [ "$PARTS" -gt 5 ]; then  # bf16 halves it; export.py loads either
  $PY -c "
import torch, sys
ck = torch.load(sys.argv[1], map_location='cpu', weights_only=False)
ck['model'] = {k: v.to(torch.bfloat16) for k, v in ck['model'].items()}
torch.save(ck, sys.argv[2])" "$CK" "$WORK/ckpt-bf16.pt"
  CK=$WORK/ckpt-bf16.pt
fi
split -b 15M -d -a 1 "$CK" "$OUT/$(basename "$CK").part"
sha256sum "$CK" | tee "$RES/ckpt.sha256"
ls -l "$OUT"

stamp "export + int8"
set +e
timeout 180 $PY "$ROOT/training/export.py" --ckpt "$WORK/run/ckpt.pt" --tokenizer "$TOK" --out "$WORK/fp32" --no-golden \
  && timeout 60 $PY "$ROOT/training/quantize.py" "$WORK/fp32" "$WORK/int8"
erc=$?
set -e
stamp "export exit $erc"
if [ "$erc" -eq 0 ]; then
  cp "$WORK/int8/nano-model.json" "$WORK/int8/tokenizer-vectors.json" "$RES/"
  ls -l "$WORK/fp32" "$WORK/int8" > "$RES/model-sizes.txt"
  if [ "$(stat -c %s "$WORK/int8/model.onnx")" -lt 16000000 ]; then cp "$WORK/int8/model.onnx" "$OUT/"; fi
fi
pack_results

stamp "line eval"
EV="$PY $ROOT/training/eval/line_eval.py --ckpt $WORK/run/ckpt.pt --tokenizer $TOK --corpus $WORK/corpus --tokens $WORK/tokens --ppl-batches 4 --cases ${EVAL_CASES:-100} --threads ${EVAL_THREADS:-4}"
set +e
timeout 150 $EV --out "$RES/eval-fp32.json" &
pids=$!
if [ "$erc" -eq 0 ]; then timeout 150 $EV --dequantize "$WORK/int8/model.onnx" --out "$RES/eval-int8.json" & pids="$pids $!"; fi
wait $pids  # by pid: a bare wait would also wait for the tee above, forever
set -e
pack_results
stamp "done"
ls -l "$OUT"
sleep 1  # let tee write the last lines
