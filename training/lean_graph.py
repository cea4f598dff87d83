"""Rewrites an exported decoder (export.py, then quantize.py or not) as a lean graph of ONNX Runtime's fused operators.

Why: the TorchScript export spells rotary embeddings, repeat_kv, the causal mask and every shape out in small ops;
after ONNX Runtime's own fusions a session still runs about 800 kernels per forward, 700 of them shape and index
work whose dispatch is most of a one-token step on a laptop CPU (docs/engine.md, "Graph size"). The lean graph runs
the same weights through ORT's contrib operators (com.microsoft): per layer one projection for Q, K and V together,
GroupQueryAttention (rotary, the cache append, the grouped heads, the causal softmax in one kernel), the output
projection, SkipSimplifiedLayerNormalization (residual add and RMSNorm), one projection for gate and up, QuickGelu
(SiLU) and the down projection. Inputs and outputs keep the Optimum layout the engine binds (input_ids,
attention_mask, position_ids, logits_to_keep, past_key_values.N.key/value; logits, present.N.key/value), so the
engine runs either graph; position_ids goes unused (GroupQueryAttention places the new tokens after the past, which
is where the engine puts them) and attention_mask only gives each row's length (the engine's mask is all ones).

Numerically the same model: the projections that share an input are concatenated along their output columns, with
their per-column int8 scales (quantize.py), and DynamicQuantizeMatMul quantizes that shared input once per tensor
either way. tests/NanoLsp.Model.Tests/LeanGraphTests.cs compares the two graphs' logits on the tiny fixture.

Written with the onnx helper API, not onnxruntime.transformers' optimizer: that optimizer is not installable here
(only Debian's onnx 1.12 is) and its fusions match Hugging Face's export patterns, not this one.

Usage: python3 lean_graph.py SRC_DIR DST_DIR     (copies the model directory; rewrites model.onnx; drops model.ort)
"""
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MS = "com.microsoft"


class Exported:
    """The tensors of the exported graph, found by the names export.py's modules give them."""

    def __init__(self, model):
        g = model.graph
        self.values = {i.name: numpy_helper.to_array(i) for i in g.initializer}
        self.nodes = {n.name: n for n in g.node}
        for n in g.node:
            if n.op_type == "Constant":
                self.values[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
        for n in g.node:  # the export shares equal weights (the norms of a random model) through Identity nodes
            if n.op_type == "Identity" and n.input[0] in self.values:
                self.values[n.output[0]] = self.values[n.input[0]]

    def value(self, name):
        if name not in self.values:
            raise SystemExit(f"not a graph export.py wrote: no tensor {name}")
        return self.values[name]

    def projection(self, path):
        """The weights of the MatMul at `path`: ('float', W) or ('int8', W_q, scales, zero_points)."""
        if (n := self.nodes.get(path + "_dq")) is not None:
            return ("int8",) + tuple(self.value(i) for i in n.input[1:4])
        if (n := self.nodes.get(path)) is not None and n.op_type == "MatMul":
            return ("float", self.value(n.input[1]))
        raise SystemExit(f"not a graph export.py wrote: no projection {path}")

    def embedding(self):
        """('float', table) or ('int8', table_q, scales) for the embedding Gather."""
        if (n := self.nodes.get("/model/embed_tokens/Gather_q")) is not None:
            return ("int8", self.value(n.input[0]), self.value(self.nodes["/model/embed_tokens/Gather_s"].input[0]))
        if (n := self.nodes.get("/model/embed_tokens/Gather")) is not None:
            return ("float", self.value(n.input[0]))
        raise SystemExit("not a graph export.py wrote: no embedding")


def concat(projections):
    kinds = {p[0] for p in projections}
    if len(kinds) != 1:
        raise SystemExit("projections sharing an input are quantized alike or not at all")
    return (kinds.pop(),) + tuple(np.concatenate(parts, axis=-1) for parts in zip(*(p[1:] for p in projections)))


class Builder:
    def __init__(self):
        self.nodes, self.inits = [], []

    def init(self, name, array):
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def node(self, op, inputs, outputs, name, domain="", **attrs):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name, domain=domain, **attrs))
        return outputs[0]

    def project(self, x, weights, name, out=None):
        out = out or name + "_out"
        if weights[0] == "int8":
            q, s, z = weights[1:]
            return self.node("DynamicQuantizeMatMul", [x, self.init(name + "_q", q), self.init(name + "_s", s.astype(np.float32)),
                                                       self.init(name + "_z", z)], [out], name, MS)
        return self.node("MatMul", [x, self.init(name + "_w", weights[1].astype(np.float32))], [out], name)


def lean(src, dst):
    with open(os.path.join(src, "nano-model.json")) as f:
        manifest = json.load(f)
    heads, kv_heads, head_dim = manifest["num_heads"], manifest["num_kv_heads"], manifest["head_dim"]
    layers = manifest["num_layers"]
    old = onnx.load(os.path.join(src, manifest.get("model_file", "model.onnx")))
    ex = Exported(old)
    eps = float(ex.value("/model/layers.0/input_layernorm/Constant_1_output_0"))
    cos, sin = ex.value("/model/Constant_2_output_0"), ex.value("/model/Constant_4_output_0")  # (context, head_dim)
    half = head_dim // 2
    if cos.shape[1] != head_dim or not np.array_equal(cos[:, :half], cos[:, half:]):
        raise SystemExit("the rotary tables are not rotate_half's (cat(freqs, freqs))")

    b = Builder()
    cos_cache, sin_cache = b.init("rotary_cos", cos[:, :half].copy()), b.init("rotary_sin", sin[:, :half].copy())
    # Each row's length from the mask (GroupQueryAttention's seqlens_k is the index of a row's last token).
    b.node("ReduceSum", ["attention_mask", b.init("axis_1", np.array([1], np.int64))], ["mask_sum"], "mask_sum", keepdims=0)
    b.node("Sub", ["mask_sum", b.init("one", np.array(1, np.int64))], ["last_index"], "last_index")
    b.node("Cast", ["last_index"], ["seqlens_k"], "seqlens_k", to=TensorProto.INT32)
    b.node("Shape", ["attention_mask"], ["mask_shape"], "mask_shape")
    b.node("Gather", ["mask_shape", b.init("index_1", np.array(1, np.int64))], ["total_length_64"], "total_length_64")
    b.node("Cast", ["total_length_64"], ["total_length"], "total_length", to=TensorProto.INT32)

    emb = ex.embedding()
    if emb[0] == "int8":
        b.node("Gather", [b.init("embed_q", emb[1]), "input_ids"], ["embed_rows_q"], "embed_rows_q")
        b.node("Cast", ["embed_rows_q"], ["embed_rows"], "embed_rows", to=TensorProto.FLOAT)
        b.node("Gather", [b.init("embed_s", emb[2].astype(np.float32)), "input_ids"], ["embed_scales"], "embed_scales")
        x = b.node("Mul", ["embed_rows", "embed_scales"], ["embedded"], "embedded")
    else:
        x = b.node("Gather", [b.init("embed", emb[1].astype(np.float32)), "input_ids"], ["embedded"], "embedded")

    def norm_weight(name):
        return b.init(name, ex.value(name).astype(np.float32))

    residual_delta = None  # what the previous sublayer adds to the residual stream, summed by the next norm
    for l in range(layers):
        p = f"/model/layers.{l}"
        w_in = norm_weight(f"model.layers.{l}.input_layernorm.weight")
        if residual_delta is None:
            h = b.node("SimplifiedLayerNormalization", [x, w_in], [f"l{l}_in_norm"], f"l{l}_in_norm", axis=-1, epsilon=eps, stash_type=1)
        else:
            h = b.node("SkipSimplifiedLayerNormalization", [x, residual_delta, w_in], [f"l{l}_in_norm", "", "", f"l{l}_x"],
                       f"l{l}_in_norm", MS, epsilon=eps)
            x = f"l{l}_x"
        qkv = b.project(h, concat([ex.projection(f"{p}/self_attn/{n}_proj/MatMul") for n in "qkv"]), f"l{l}_qkv")
        attn = b.node("GroupQueryAttention",
                      [qkv, "", "", f"past_key_values.{l}.key", f"past_key_values.{l}.value", "seqlens_k", "total_length",
                       cos_cache, sin_cache],
                      [f"l{l}_attn", f"present.{l}.key", f"present.{l}.value"], f"l{l}_attn", MS,
                      num_heads=heads, kv_num_heads=kv_heads, do_rotary=1, rotary_interleaved=0)
        o = b.project(attn, ex.projection(f"{p}/self_attn/o_proj/MatMul"), f"l{l}_o")
        w_post = norm_weight(f"model.layers.{l}.post_attention_layernorm.weight")
        h2 = b.node("SkipSimplifiedLayerNormalization", [x, o, w_post], [f"l{l}_post_norm", "", "", f"l{l}_x_mid"],
                    f"l{l}_post_norm", MS, epsilon=eps)
        x = f"l{l}_x_mid"
        gate_up = concat([ex.projection(f"{p}/mlp/{n}_proj/MatMul") for n in ("gate", "up")])
        ffn = gate_up[1].shape[-1] // 2
        gu = b.project(h2, gate_up, f"l{l}_gate_up")
        b.node("Split", [gu, b.init(f"l{l}_split", np.array([ffn, ffn], np.int64))], [f"l{l}_gate", f"l{l}_up"], f"l{l}_split", axis=-1)
        b.node("QuickGelu", [f"l{l}_gate"], [f"l{l}_silu"], f"l{l}_silu", MS, alpha=1.0)  # x * sigmoid(x)
        b.node("Mul", [f"l{l}_silu", f"l{l}_up"], [f"l{l}_swiglu"], f"l{l}_swiglu")
        residual_delta = b.project(f"l{l}_swiglu", ex.projection(f"{p}/mlp/down_proj/MatMul"), f"l{l}_down")

    y = b.node("SkipSimplifiedLayerNormalization", [x, residual_delta, norm_weight("model.norm.weight")], ["final_norm"],
               "final_norm", MS, epsilon=eps)
    # The last logits_to_keep positions only: Slice from -keep to the end of the sequence axis.
    b.node("Neg", ["logits_to_keep"], ["keep_from"], "keep_from")
    b.node("Slice", [y, "keep_from", b.init("to_end", np.array([np.iinfo(np.int64).max], np.int64)), b.init("axis_1b", np.array([1], np.int64))],
           ["kept"], "kept")
    head = ex.projection("/model/MatMul")
    b.project("kept", head, "lm_head", out="logits")

    graph = helper.make_graph(b.nodes, "nano-lean", list(old.graph.input), list(old.graph.output), b.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(MS, 1)],
                              producer_name="nanolsp-lean-graph")
    model.ir_version = old.ir_version

    os.makedirs(dst, exist_ok=True)
    for f in os.listdir(src):
        if f not in ("model.onnx", "model.ort") and os.path.isfile(os.path.join(src, f)):
            shutil.copy(os.path.join(src, f), os.path.join(dst, f))
    manifest.pop("ort_model", None)  # a conversion of the old graph: NanoLsp.Model.Bench --write-ort makes the new one
    # GroupQueryAttention can write the new positions into the past's own buffer (bound as past and present at
    # once, the context's length long): the engine then keeps one bank and copies no past per run.
    manifest["past_present_share_buffer"] = True
    with open(os.path.join(dst, "nano-model.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    onnx.save(model, os.path.join(dst, "model.onnx"))
    return len(old.graph.node), len(b.nodes)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    before, after = lean(sys.argv[1], sys.argv[2])
    print(f"{before} nodes -> {after}")
