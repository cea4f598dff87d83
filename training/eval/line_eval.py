"""Line-completion eval on held-out test projects, and validation perplexity.

Cases: a random code line of a test file, the cursor at a random point inside its code
(after the indentation, with at least 3 non-blank characters left); expected = the rest of
the line. Prompt = in-file prefix/suffix only (no Roslyn context), with token healing.

Usage: python3 eval/line_eval.py --ckpt CKPT --tokenizer DIR --corpus CORPUS --tokens TOKDIR
           [--cases 300] [--dequantize model.onnx] [--out results.json]
"""
import argparse
import gzip
import glob
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from complete import Completer, metrics  # noqa: E402
from export import load_checkpoint  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402


def pick_cases(docs, n, seed=0):
    """[(doc, line_index, char_index, expected)] spread over files."""
    rng = random.Random(seed)
    cases, tries = [], 0
    while len(cases) < n and tries < n * 50:
        tries += 1
        d = rng.choice(docs)
        lines = d["text"].split("\n")
        li = rng.randrange(len(lines))
        line = lines[li]
        code = line.strip()
        if len(code) < 6 or code.startswith(("//", "/*", "*", "#")):
            continue
        indent = len(line) - len(line.lstrip())
        end = len(line.rstrip())
        if end - indent < 4:
            continue
        ch = rng.randrange(indent, end - 2)
        cases.append((d, li, ch, line[ch:].rstrip()))
    return cases


def split_at(text, li, ch):
    lines = text.split("\n")
    prefix = "\n".join(lines[:li] + [lines[li][:ch]])
    suffix = "\n" + "\n".join(lines[li + 1:])
    return prefix, suffix


@torch.no_grad()
def perplexity(model, data, ctx, batches=40, batch=8):
    rng = np.random.default_rng(1)
    losses = []
    for _ in range(batches):
        starts = rng.integers(0, len(data) - ctx - 1, batch)
        x = torch.from_numpy(np.stack([data[s:s + ctx + 1].astype(np.int64) for s in starts]))
        logits, _ = model(x[:, :-1])
        losses.append(torch.nn.functional.cross_entropy(logits.flatten(0, 1), x[:, 1:].flatten()).item())
    loss = float(np.mean(losses))
    return {"loss": loss, "perplexity": math.exp(loss), "tokens": batches * batch * ctx}


def read_split(corpus, split):
    docs = []
    for p in sorted(glob.glob(os.path.join(corpus, f"{split}-*.jsonl.gz"))):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            docs += [json.loads(l) for l in f]
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tokens", required=True, help="folder with val.bin")
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--ppl-batches", type=int, default=40)
    ap.add_argument("--dequantize", help="quantized model.onnx: evaluate its dequantized weights")
    ap.add_argument("--no-healing", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, _ = load_checkpoint(a.ckpt)
    if a.dequantize:
        from quantize import load_dequantized
        load_dequantized(model, a.dequantize)
    tok = Tokenizer(a.tokenizer)
    val = np.memmap(os.path.join(a.tokens, "val.bin"), dtype=np.uint16, mode="r")
    res = {"val": perplexity(model, val, model.config.context_length, a.ppl_batches)}
    print("val", res["val"], file=sys.stderr)
    comp = Completer(model, tok)
    if a.no_healing:
        comp.prompt = lambda p, s, c=comp: ([c.pre] + tok.encode_ordinary(p)[-c.prefix_tokens:] + [c.suf]
                                            + tok.encode_ordinary(s)[:c.suffix_tokens] + [c.mid], b"")
    pairs, t0, examples = [], time.time(), []
    for d, li, ch, expected in pick_cases(read_split(a.corpus, "test"), a.cases):
        prefix, suffix = split_at(d["text"], li, ch)
        got, _ = comp.complete(prefix, suffix)
        pairs.append((got, expected))
        if len(examples) < 15:
            examples.append({"project": d["project"], "line": d["text"].split("\n")[li], "expected": expected, "got": got})
    res["line_completion"] = metrics(pairs)
    res["line_completion"]["seconds_per_case"] = (time.time() - t0) / max(len(pairs), 1)
    res["examples"] = examples
    print(json.dumps(res["line_completion"]), file=sys.stderr)
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
