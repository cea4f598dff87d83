"""Rewrites the lean graph's int8 projections (lean_graph.py) as ONNX Runtime's MatMulNBits: 8-bit blocks along K,
accuracy level 4, so that the input is quantized per block of each row instead of once per run.

Why: DynamicQuantizeMatMul quantizes its whole input with one scale, so a prompt prefilled in one run was read worse
than one fed a token at a time (docs/engine.md, "Prefill in runs"). MatMulNBits at accuracy level 4 quantizes the
input per block of `block` values within each row, so every run length reads alike. The weights are the same
numbers: quantize.py's are symmetric int8 with one scale per output column, so each block gets its column's scale
and stores q + 128 (MatMulNBits's default zero point for 8 bits).

Measured on 2026-12-05 (2-core machine with AMX; NanoLsp.Model.Bench): next-token log-probability over 448-token
windows of held-out files -1.9962 at every run length (the shipped graph: -2.096 in one run, -2.013 in runs of 64,
-1.996 a token at a time); but a 448-token prefill took 36-38 ms against 21 ms in one run and 27-34 ms in runs of 64
with the shipped graph, one-token steps alike (0.52-0.72 against 0.58-0.67 ms). Not shipped: ONNX Runtime's int8 GEMM
behind DynamicQuantizeMatMul uses this CPU's AMX for prefills, MatMulNBits's kernel does not. On CPUs without AMX (a
laptop's) the two may be closer; measure there before shipping it (models/nano-csharp/MODEL_CARD.md, "Quantization").

Needs Debian's python3-onnx (1.12; scripts/install-test-deps.sh installs it): run it with /usr/bin/python3.

Usage: /usr/bin/python3 nbits_graph.py SRC_DIR DST_DIR [BLOCK=32]
       (copies the model directory; rewrites model.onnx; drops model.ort, which NanoLsp.Model.Bench --write-ort remakes)
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

MS = "com.microsoft"


def rewrite(model, block):
    g = model.graph
    init = {i.name: i for i in g.initializer}
    replaced, nodes = set(), []
    for n in g.node:
        if n.op_type != "DynamicQuantizeMatMul":
            nodes.append(n)
            continue
        a, bq, bs, bz = n.input[:4]
        q = numpy_helper.to_array(init[bq]).astype(np.int16)  # (K, N), symmetric int8
        scale = numpy_helper.to_array(init[bs]).astype(np.float32)  # (N,)
        if len(n.input) > 4 and n.input[4]:
            raise SystemExit(f"{n.name}: a bias is not rewritten")
        if not (numpy_helper.to_array(init[bz]) == 0).all():
            raise SystemExit(f"{n.name}: the weights are not symmetric (zero point 0)")
        k, cols = q.shape
        if k % block:
            raise SystemExit(f"{n.name}: K = {k} is not a multiple of the block ({block})")
        blocks = k // block
        packed = numpy_helper.from_array((q + 128).astype(np.uint8).T.reshape(cols, blocks, block), n.name + "_nb_q")
        scales = numpy_helper.from_array(np.repeat(scale[:, None], blocks, axis=1).reshape(-1), n.name + "_nb_s")
        g.initializer.extend([packed, scales])
        replaced.update([bq, bs, bz])
        nodes.append(helper.make_node("MatMulNBits", [a, packed.name, scales.name], list(n.output), name=n.name,
                                      domain=MS, K=k, N=cols, bits=8, block_size=block, accuracy_level=4))
    kept = [i for i in g.initializer if i.name not in replaced]
    del g.node[:]
    g.node.extend(nodes)
    del g.initializer[:]
    g.initializer.extend(kept)
    return sum(1 for n in nodes if n.op_type == "MatMulNBits")


def main(src, dst, block=32):
    with open(os.path.join(src, "nano-model.json")) as f:
        manifest = json.load(f)
    model = onnx.load(os.path.join(src, manifest.get("model_file", "model.onnx")))
    count = rewrite(model, block)
    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(src):
        if f not in ("model.onnx", "model.ort") and os.path.isfile(os.path.join(src, f)):
            shutil.copy(os.path.join(src, f), os.path.join(dst, f))
    onnx.save(model, os.path.join(dst, "model.onnx"))
    manifest.pop("ort_model", None)  # a conversion of the old graph
    with open(os.path.join(dst, "nano-model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
    print(f"{count} projections rewritten as MatMulNBits (8 bits, blocks of {block}) -> {dst}")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 32)
