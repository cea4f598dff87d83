"""Does the model read the context header? Loss on FIM middles with and without it.

Draws header + FIM sequences from a split prepared with --headers (sampler.py, header_rate 1) and
scores the middle tokens (after <|fim_middle|>) twice: behind the header, and with the header
removed (the same prefix, suffix and middle). A model that uses the header has a lower loss with it.

Usage: python3 eval/header_gain.py --ckpt CKPT --tokenizer DIR --data DIR_WITH_val.hdr.npz [--n 200]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from export import load_checkpoint  # noqa: E402
from sampler import Sampler  # noqa: E402
from tokenizer import Tokenizer  # noqa: E402


@torch.no_grad()
def middle_loss(model, seq, mid):
    x = torch.tensor([seq[:-1]])
    logits, _ = model(x)
    start = int(np.nonzero(np.asarray(seq) == mid)[0][-1])  # targets after <|fim_middle|>
    lp = F.cross_entropy(logits[0, start:], torch.tensor(seq[start + 1:]), reduction="sum")
    return float(lp), len(seq) - start - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--split", default="val")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    model, _ = load_checkpoint(a.ckpt)
    tok = Tokenizer(a.tokenizer)
    cfg = dict(context_length=model.config.context_length, fim_rate=1.0, header_rate=1.0, batch_size=1)
    s = Sampler(a.data, a.split, tok, cfg, 12345)
    mid, eot = tok.special["<|fim_middle|>"], tok.special["<|endoftext|>"]
    with_h = without = 0.0
    ntok = n = 0
    while n < a.n:
        seq, h = s.header_sequence()
        seq = [int(t) for t in seq]
        if h == 0 or mid not in seq[h + 1:] or eot not in seq:
            continue  # no header, or the middle was cut off by the context
        seq = seq[:seq.index(eot, seq.index(mid)) + 1]
        a_loss, k = middle_loss(model, seq, mid)
        b_loss, _ = middle_loss(model, seq[h + 1:], mid)
        with_h, without, ntok, n = with_h + a_loss, without + b_loss, ntok + k, n + 1
    res = {"sequences": n, "middle_tokens": ntok, "loss_with_header": with_h / ntok,
           "loss_without_header": without / ntok, "gain": (without - with_h) / ntok}
    print(json.dumps(res))
    if a.out:
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
