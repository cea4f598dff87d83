"""Quantizes an exported model.onnx: int8 weights with com.microsoft DynamicQuantizeMatMul.

Why this layout: the engine benchmark (ORT 1.31.1, C#, this 2-core CPU) found it the only one
with prefill 512 <= 100 ms, decode close to 4-bit MatMulNBits (the engine targets are in docs/engine.md).
Written with the onnx helper API (after the engine's quantize_for_bench.py) because onnxruntime's
Python quantization tools are not installable here. Every MatMul with a 2-D weight initializer
(q/k/v/o, MLP, LM head) is replaced; the embedding table becomes int8 with one scale per token (its Gather
then takes the rows' int8 values and scales); norms stay float32. A model whose MatMuls are already int8 (the
shipped one) gets only the embedding converted.

ONNX Runtime for Python is not installable either, so the loss is measured in PyTorch:
load_dequantized() puts the int8 weights (dequantized) into the model and fake-quantizes each
projection's input to uint8 per tensor, as DynamicQuantizeMatMul does at run time.

Usage: python3 quantize.py SRC_DIR DST_DIR     (copies the other files of the model directory)
"""
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def int8_node(node, w, name):
    scale = np.maximum(np.abs(w).max(axis=0), 1e-8) / 127.0                # (N): one per output column
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)            # (K, N)
    inits = [numpy_helper.from_array(q, name + "_q"), numpy_helper.from_array(scale.astype(np.float32), name + "_s"),
             numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), name + "_z")]
    n = helper.make_node("DynamicQuantizeMatMul", [node.input[0], name + "_q", name + "_s", name + "_z"],
                         list(node.output), name=node.name + "_dq", domain="com.microsoft")
    return n, inits


def int8_embedding(node, w):
    """The embedding table (V, H) int8 with one scale per row: a quarter of the float32 table (8192 x 384: 12.6 ->
    3.2 MB, which the server keeps resident). Each value is off by at most half its row's step (max |row| / 254).
    Gather reads the int8 rows and their scales, then one Mul; the ids are the graph's input, so nothing is
    constant-folded back to float32 when a session opens it."""
    scale = np.maximum(np.abs(w).max(axis=1, keepdims=True), 1e-8) / 127.0   # (V, 1): one per token
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)               # (V, H)
    table, ids, out, base = node.input[0], node.input[1], node.output[0], node.name
    inits = [numpy_helper.from_array(q, table + "_q"), numpy_helper.from_array(scale.astype(np.float32), table + "_s")]
    nodes = [
        helper.make_node("Gather", [table + "_q", ids], [base + "_rows_q"], name=base + "_q"),
        helper.make_node("Cast", [base + "_rows_q"], [base + "_rows"], name=base + "_cast", to=TensorProto.FLOAT),
        helper.make_node("Gather", [table + "_s", ids], [base + "_scales"], name=base + "_s"),   # (B, S, 1)
        helper.make_node("Mul", [base + "_rows", base + "_scales"], [out], name=base + "_dq"),
    ]
    return nodes, inits


def quantize(src, dst):
    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(src):
        if f != "model.onnx":
            shutil.copy(os.path.join(src, f), os.path.join(dst, f))
    m = onnx.load(os.path.join(src, "model.onnx"))
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    nodes, extra, replaced = [], [], set()
    for i, node in enumerate(g.node):
        if node.op_type == "MatMul" and node.input[1] in inits and len(inits[node.input[1]].dims) == 2:
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float32)  # (K, N)
            n, more = int8_node(node, w, f"q{i}")
            nodes.append(n)
            extra += more
            replaced.add(node.input[1])
        elif (node.op_type == "Gather" and node.input[0] in inits and len(inits[node.input[0]].dims) == 2
              and inits[node.input[0]].data_type == TensorProto.FLOAT):
            more_nodes, more = int8_embedding(node, numpy_helper.to_array(inits[node.input[0]]))
            nodes += more_nodes
            extra += more
            replaced.add(node.input[0])
        else:
            nodes.append(node)
    del g.node[:]
    g.node.extend(nodes)
    kept = [i for i in g.initializer if i.name not in replaced]
    del g.initializer[:]
    g.initializer.extend(kept + extra)
    if not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(dst, "model.onnx"))
    return len(replaced)


def fake_quant_uint8(x):
    """DynamicQuantizeMatMul's activation quantization: uint8, per tensor, range including 0."""
    import torch
    lo, hi = min(float(x.min()), 0.0), max(float(x.max()), 0.0)
    scale = (hi - lo) / 255.0 or 1.0
    zp = round(-lo / scale)
    return (torch.clamp(torch.round(x / scale) + zp, 0, 255) - zp) * scale


def load_dequantized(model, onnx_path):
    """Puts the quantized graph's int8 weights into `model` (a NanoDecoder) and fake-quantizes the
    inputs of those projections. Node names carry the torch module path (/model/layers.0/mlp/up_proj/MatMul).
    The int8 embedding table goes into the embedding (the head, tied to it, has its own int8 copy in the graph)."""
    import torch
    import torch.nn.functional as F
    m = onnx.load(onnx_path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    modules = dict(model.named_modules())
    n = 0
    for name, module in modules.items():
        if name.endswith("embed_tokens") and module.weight.dim() == 2:
            table = next((k[:-2] for k in inits if k.endswith("embed_tokens.weight_q")), None)
            if table is not None:
                with torch.no_grad():
                    module.weight.copy_(torch.from_numpy(inits[table + "_q"].astype(np.float32) * inits[table + "_s"]))
                n += 1
    for node in m.graph.node:
        if node.op_type != "DynamicQuantizeMatMul":
            continue
        w = torch.from_numpy(inits[node.input[1]].astype(np.float32) * inits[node.input[2]])  # (K, N)
        rel = node.name[len("/model/"):]
        path = rel.rsplit("/", 1)[0].replace("/", ".") if "/" in rel else ""
        if path == "":  # the LM head (/model/MatMul): tied weight, so swap the head alone
            w_head = w.T.contiguous()
            model.head = lambda x, w_head=w_head: F.linear(fake_quant_uint8(x), w_head)
        else:
            mod = modules[path]
            with torch.no_grad():
                mod.weight.copy_(w.T)
            mod.register_forward_pre_hook(lambda _m, inp: (fake_quant_uint8(inp[0]),))
        n += 1
    return n


if __name__ == "__main__":
    count = quantize(sys.argv[1], sys.argv[2])
    size = os.path.getsize(os.path.join(sys.argv[2], "model.onnx"))
    print(f"int8: replaced {count} weights (MatMuls and the embedding) -> {sys.argv[2]} ({size / 1e6:.1f} MB)")
