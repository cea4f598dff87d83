"""Exports a checkpoint to a model directory (docs/model-format.md, format version 1).

Writes model.onnx (Hugging Face Optimum decoder layout with KV cache and a `logits_to_keep`
input, opset 17 on torch 1.13 / 18 on 2.x, TorchScript exporter), vocab.json + merges.txt, nano-model.json,
tokenizer-vectors.json and golden.json (prompt ids + PyTorch greedy continuation).

Usage: python3 export.py --ckpt CKPT.pt --tokenizer TOKDIR --out DIR [--name nano-csharp]
"""
import argparse
import inspect
import json
import os
import shutil

import onnx
import torch

from model import ModelConfig, NanoDecoder
from tokenizer import SPECIAL_TOKENS, Tokenizer

# torch 1.13's TorchScript exporter stops at opset 17; torch 2.x's (dynamo=False) is used at 18.
OPSET = 17 if torch.__version__ < "2" else 18
FORMAT_VERSION = 1

# Texts whose ids the C# tokenizer must reproduce: indentation runs, unicode, digits,
# contractions, special tokens inside text, CRLF, tabs.
VECTOR_TEXTS = [
    "using System;\n\nnamespace Demo\n{\n    public class Program\n    {\n        static void Main(string[] args)\n        {\n            Console.WriteLine(\"Hello, world!\");\n        }\n    }\n}\n",
    "var total = items.Where(x => x.Price > 10.5m).Sum(x => x.Quantity * 2);",
    "\t\tif (s is null) throw new ArgumentNullException(nameof(s));\r\n",
    "// It's the user's file; they'll see it. Ünïcödé: 日本語 emoji 🚀 and ß",
    "string interp = $\"{name,-10}:{value:F2}\"; int hex = 0x7FFF_FFFF; // 12345678901234567890",
    "<|fim_prefix|>int x = <|fim_suffix|>;\n<|fim_middle|>42<|endoftext|>",
    "    \n\n   \t  trailing   spaces   ",
    "",
]

GOLDEN_PROMPT = "<|fim_prefix|>public int Add(int a, int b)\n{\n    return <|fim_suffix|>\n}\n<|fim_middle|>"


class OptimumWrapper(torch.nn.Module):
    """Flat tensor signature in Optimum's order, for torch.onnx.export."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, logits_to_keep, *past_flat):
        past = [(past_flat[2 * i], past_flat[2 * i + 1]) for i in range(len(past_flat) // 2)]
        logits, presents = self.model(input_ids, attention_mask, position_ids, past, logits_to_keep)
        flat = [t for kv in presents for t in kv]
        return (logits, *flat)


def load_checkpoint(path):
    ck = torch.load(path, map_location="cpu", weights_only=False) if torch.__version__ >= "2" else \
        torch.load(path, map_location="cpu")
    cfg = ModelConfig(**ck["config"])
    model = NanoDecoder(cfg)
    model.load_state_dict(ck["model"])
    model.eval()
    return model, ck


def export_onnx(model, path):
    """Exports, then checks that a second export traced at other batch/seq/past sizes gives the
    same graph: a traced size baked in as a constant shows up as a difference. It cannot see a
    wrong constant that is the same in both traces (torch 1.13's repeat_interleave gave one,
    hence repeat_kv in model.py); the C# engine tests run the graph at many shapes in ONNX Runtime."""
    m = _export(model, path, 1, 3, 2)
    other = _export(model, path + ".check", 2, 7, 5)
    os.remove(path + ".check")
    diff = _graph_difference(m, other)
    if diff:
        raise SystemExit(f"exported graph depends on the traced shape: {diff}")
    return m


def _graph_difference(a, b):
    if [n.op_type for n in a.graph.node] != [n.op_type for n in b.graph.node]:
        return "different node lists"
    for na, nb in zip(a.graph.node, b.graph.node):
        if na.SerializeToString() != nb.SerializeToString():
            return f"node {na.name} ({na.op_type}) differs"
    return None


def _export(model, path, b, t, p):
    c = model.config
    n = c.num_layers
    input_ids = torch.randint(0, c.vocab_size, (b, t))
    attention_mask = torch.ones(b, p + t, dtype=torch.int64)
    position_ids = torch.arange(p, p + t).unsqueeze(0)
    logits_to_keep = torch.tensor([1], dtype=torch.int64)
    past = []
    for _ in range(n):
        past += [torch.zeros(b, c.num_kv_heads, p, c.head_dim), torch.zeros(b, c.num_kv_heads, p, c.head_dim)]
    in_names = ["input_ids", "attention_mask", "position_ids", "logits_to_keep"]
    out_names = ["logits"]
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "past_plus_seq"},
            "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "kept"}}
    for i in range(n):
        for kind in ("key", "value"):
            in_names.append(f"past_key_values.{i}.{kind}")
            out_names.append(f"present.{i}.{kind}")
            axes[in_names[-1]] = {0: "batch", 2: "past"}
            axes[out_names[-1]] = {0: "batch", 2: "past_plus_seq"}
    kwargs = dict(input_names=in_names, output_names=out_names, dynamic_axes=axes,
                  opset_version=OPSET, do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # torch 2.x: keep the TorchScript exporter, as on 1.13
    with torch.no_grad():
        torch.onnx.export(OptimumWrapper(model), (input_ids, attention_mask, position_ids, logits_to_keep, *past),
                          path, **kwargs)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return m


@torch.no_grad()
def greedy(model, ids, n_new, eos_id):
    """Greedy continuation by full recomputation (no cache): the reference the engine must match."""
    out, margins = list(ids), []
    for _ in range(n_new):
        logits, _ = model(torch.tensor([out]))
        top = logits[0, -1].topk(2)
        nxt = int(top.indices[0])
        margins.append(float(top.values[0] - top.values[1]))
        out.append(nxt)
        if nxt == eos_id:
            break
    return out[len(ids):], min(margins)


@torch.no_grad()
def greedy_cached(model, ids, n_new, eos_id):
    """Same as greedy() through the KV-cache path the ONNX graph uses, to check they agree."""
    c = model.config
    past = [(torch.zeros(1, c.num_kv_heads, 0, c.head_dim),) * 2 for _ in range(c.num_layers)]
    cur, pos, out = list(ids), 0, []
    keep = torch.tensor([1])
    for _ in range(n_new):
        x = torch.tensor([cur])
        mask = torch.ones(1, pos + len(cur), dtype=torch.int64)
        pids = torch.arange(pos, pos + len(cur)).unsqueeze(0)
        logits, past = model(x, mask, pids, past, keep)
        pos += len(cur)
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if nxt == eos_id:
            break
        cur = [nxt]
    return out


def manifest(c: ModelConfig, name, kv_dtype="float32"):
    return {
        "format_version": FORMAT_VERSION,
        "name": name,
        "model_file": "model.onnx",
        "tokenizer": {"kind": "byte-level-bpe", "vocab": "vocab.json", "merges": "merges.txt"},
        "special_tokens": dict(zip(["end_of_text", "fim_prefix", "fim_suffix", "fim_middle", "file_separator"],
                                   SPECIAL_TOKENS)),
        "context_length": c.context_length,
        "vocab_size": c.vocab_size,
        "hidden_size": c.hidden_size,
        "num_layers": c.num_layers,
        "num_heads": c.num_heads,
        "num_kv_heads": c.num_kv_heads,
        "head_dim": c.head_dim,
        "kv_dtype": kv_dtype,
        "fim_layout": "psm",
        "logits_to_keep_input": True,
    }


def write_side_files(model, tok_dir, out, name, golden_tokens=16):
    """Everything except model.onnx: manifest, tokenizer files, test vectors, golden output."""
    os.makedirs(out, exist_ok=True)
    for f in ("vocab.json", "merges.txt"):
        shutil.copy(os.path.join(tok_dir, f), os.path.join(out, f))
    tok = Tokenizer(tok_dir)
    if len(tok) != model.config.vocab_size:
        raise SystemExit(f"tokenizer has {len(tok)} tokens, model vocab_size is {model.config.vocab_size}")
    with open(os.path.join(out, "nano-model.json"), "w") as f:
        json.dump(manifest(model.config, name), f, indent=2)
    vectors = [{"text": t, "ids": tok.encode(t)} for t in VECTOR_TEXTS]
    with open(os.path.join(out, "tokenizer-vectors.json"), "w", encoding="utf-8") as f:
        json.dump(vectors, f, ensure_ascii=False, indent=1)
    prompt = tok.encode(GOLDEN_PROMPT)
    eos = tok.special["<|endoftext|>"]
    cont, margin = greedy(model, prompt, golden_tokens, eos)
    cached = greedy_cached(model, prompt, golden_tokens, eos)
    if cont != cached:
        raise SystemExit(f"cached and uncached greedy differ: {cont} vs {cached}")
    with open(os.path.join(out, "golden.json"), "w") as f:
        json.dump({"prompt": GOLDEN_PROMPT, "prompt_ids": prompt, "greedy_ids": cont,
                   "greedy_text": tok.decode(cont),
                   "min_top2_logit_margin": margin}, f, ensure_ascii=False, indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--tokenizer", required=True, help="folder with vocab.json + merges.txt")
    ap.add_argument("--out", required=True)
    ap.add_argument("--name", default="nano-csharp")
    ap.add_argument("--no-golden", action="store_true", help="skip golden.json (shipped models)")
    a = ap.parse_args()
    model, _ = load_checkpoint(a.ckpt)
    write_side_files(model, a.tokenizer, a.out, a.name)
    if a.no_golden:
        os.remove(os.path.join(a.out, "golden.json"))
    m = export_onnx(model, os.path.join(a.out, "model.onnx"))
    print(f"exported {model.num_params()} params, {len(m.graph.node)} nodes -> {a.out}")


if __name__ == "__main__":
    main()
