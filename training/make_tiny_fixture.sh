#!/bin/sh
# Rebuilds tests/fixtures/models/tiny/: a BPE tokenizer (vocab 512) trained on training/sample/,
# a random-weight 2-layer GQA decoder, its ONNX export, test vectors and the golden greedy output; and beside it
# tiny-lean/, the export rewritten by lean_graph.py (LeanGraphTests holds the two to the same logits).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../tests/fixtures/models/tiny}
PY=${PYTHON:-/usr/bin/python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$HERE"
$PY tokenizer.py train --vocab-size 512 --out "$TMP/tok" sample/*.cs
$PY random_checkpoint.py --out "$TMP/tiny.pt" --vocab-size 512
$PY export.py --ckpt "$TMP/tiny.pt" --tokenizer "$TMP/tok" --out "$OUT" --name tiny-random
LEAN=$(dirname "$OUT")/tiny-lean
rm -rf "$LEAN"
$PY lean_graph.py "$OUT" "$LEAN"
rm -f "$LEAN/golden.json" "$LEAN/tokenizer-vectors.json"  # the tests read them from tiny/
