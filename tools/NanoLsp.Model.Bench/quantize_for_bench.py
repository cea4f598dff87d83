"""Writes quantized variants of a model directory so the engine benchmark can compare ONNX Runtime's
quantized MatMul kernels on this CPU. Hand-written with the onnx helper API because onnxruntime's
Python quantization tools are not installable here. Every MatMul whose B input is a 2-D weight
(the q/k/v/o, MLP and LM-head projections) is replaced; everything else stays float32.

  int8  : com.microsoft DynamicQuantizeMatMul, int8 weights, one scale per output column
  nbits4: com.microsoft MatMulNBits, 4-bit blocks of 32 along K, symmetric, accuracy_level 4
  nbits8: com.microsoft MatMulNBits, 8-bit blocks of 32, accuracy_level 4

Usage: /usr/bin/python3 quantize_for_bench.py SRC_DIR DST_DIR {int8|nbits4|nbits8}
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

# The int8 layout is the shipped one: take it from the training side so the two never drift.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "training"))
from quantize import int8_node  # noqa: E402


def nbits_node(node, w, name, bits, block=32):
    k, n_out = w.shape
    blocks = (k + block - 1) // block
    pad = blocks * block - k
    wt = np.pad(w.T, ((0, 0), (0, pad))).reshape(n_out, blocks, block)     # (N, k_blocks, block)
    half = 1 << (bits - 1)
    scale = np.maximum(np.abs(wt).max(axis=2), 1e-8) / (half - 1)          # (N, k_blocks)
    q = np.clip(np.round(wt / scale[:, :, None]) + half, 0, (1 << bits) - 1).astype(np.uint8)
    if bits == 4:
        q = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)       # low nibble first
    inits = [numpy_helper.from_array(q, name + "_q"),
             numpy_helper.from_array(scale.astype(np.float32).reshape(-1), name + "_s")]
    n = helper.make_node("MatMulNBits", [node.input[0], name + "_q", name + "_s"], list(node.output),
                         name=node.name + "_nb", domain="com.microsoft",
                         K=k, N=n_out, bits=bits, block_size=block, accuracy_level=4)
    return n, inits


def main(src, dst, mode):
    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(src):
        if f != "model.onnx":
            shutil.copy(os.path.join(src, f), os.path.join(dst, f))
    m = onnx.load(os.path.join(src, "model.onnx"))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    new_nodes, new_inits, replaced = [], [], set()
    for i, node in enumerate(g.node):
        if node.op_type == "MatMul" and node.input[1] in inits and len(inits[node.input[1]].dims) == 2:
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)   # (K, N)
            name = f"q{i}"
            if mode == "int8":
                n, extra = int8_node(node, w, name)
            else:
                n, extra = nbits_node(node, w, name, 4 if mode == "nbits4" else 8)
            new_nodes.append(n)
            new_inits += extra
            replaced.add(node.input[1])
        else:
            new_nodes.append(node)
    del g.node[:]
    g.node.extend(new_nodes)
    kept = [i for i in g.initializer if i.name not in replaced]
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    if not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(m, os.path.join(dst, "model.onnx"))
    print(f"{mode}: replaced {len(replaced)} MatMuls -> {dst} ({os.path.getsize(os.path.join(dst, 'model.onnx')) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(*sys.argv[1:4])
