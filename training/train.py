"""Trains the nano C# decoder with fill-in-the-middle on the token streams of prepare_data.py.

The run is bounded by wall-clock minutes (CPU runs share the machine), and the learning-rate
schedule follows the elapsed share of that budget, so a stopped run is still fully decayed.

Usage: python3 train.py --data training/data/tokens --out training/out/run [--key value ...]
Any name in CONFIG can be overridden as --name value.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch

from model import ModelConfig, NanoDecoder
from tokenizer import Tokenizer

CONFIG = dict(
    vocab_size=8192,        # must equal the tokenizer's size
    context_length=256,     # tokens per training sequence (and the exported context)
    hidden_size=192,        # model width
    num_layers=6,           # decoder blocks
    num_heads=6,            # query heads (head_dim = hidden / heads)
    num_kv_heads=3,         # key/value heads (GQA: smaller KV cache, fewer params)
    batch_size=16,          # sequences per step
    lr=3e-3,                # peak AdamW learning rate
    min_lr_ratio=0.1,       # final lr = lr * this (cosine)
    warmup_steps=50,        # linear warmup
    weight_decay=0.1,       # AdamW, on matrices only
    grad_clip=1.0,          # max global grad norm
    minutes=45.0,           # wall-clock budget; schedule runs on elapsed / minutes
    max_steps=0,            # 0: no step limit (smoke tests set a few)
    fim_rate=0.5,           # share of sequences turned into prefix-suffix-middle
    fim_line_end_rate=0.7,  # of FIM middles: end right before a newline (inline completion)
    eval_every_min=5.0,     # validation + checkpoint period
    eval_batches=20,        # validation batches (fixed, plain LM)
    threads=1,              # torch intra-op threads: 2 OpenMP threads on a shared 2-core box ran 3.7x slower than 1
    seed=1337,
)


class FimSampler:
    """Random windows of the token stream; some become PSM fill-in-the-middle sequences.

    FIM is done in token space: boundaries fall on token boundaries, which is what the server's
    token healing produces at inference (it backs the prompt up to a token boundary)."""

    def __init__(self, data, tok, cfg, rng):
        self.data, self.cfg, self.rng = data, cfg, rng
        s = tok.special
        self.pre, self.suf, self.mid, self.eot = (s["<|fim_prefix|>"], s["<|fim_suffix|>"],
                                                  s["<|fim_middle|>"], s["<|endoftext|>"])
        self.has_newline = np.array([b"\n" in tok.token_bytes(i) for i in range(len(tok))])

    def sequence(self):
        t = self.cfg["context_length"] + 1
        start = self.rng.integers(0, len(self.data) - t)
        if self.rng.random() >= self.cfg["fim_rate"]:
            return self.data[start:start + t].astype(np.int64)
        w = self.data[start:start + t - 4].astype(np.int64)
        eots = np.nonzero(w == self.eot)[0]
        if len(eots):  # keep FIM inside one document: cut at the first document end
            w = w[:eots[0]] if eots[0] > 8 else w[eots[0] + 1:]
        n = len(w)
        if n < 3:
            return self.data[start:start + t].astype(np.int64)
        i = int(self.rng.integers(0, n - 1))
        nl = np.nonzero(self.has_newline[w[i + 1:]])[0] + i + 1
        if self.rng.random() < self.cfg["fim_line_end_rate"] and len(nl):
            k = 0 if self.rng.random() < 0.8 else int(self.rng.integers(0, min(len(nl), 4)))
            j = int(nl[k])  # middle = rest of the line(s), newline token stays in the suffix
        else:
            j = int(self.rng.integers(i + 1, n + 1))
        seq = np.concatenate([[self.pre], w[:i], [self.suf], w[j:], [self.mid], w[i:j], [self.eot]])
        pad = t - len(seq)
        if pad > 0:  # short document: continue with plain text after it
            seq = np.concatenate([seq, self.data[start + t:start + t + pad].astype(np.int64)])
        return seq[:t]

    def batch(self, b):
        x = torch.from_numpy(np.stack([self.sequence() for _ in range(b)]))
        return x[:, :-1], x[:, 1:]


@torch.no_grad()
def evaluate(model, data, cfg, batches):
    model.eval()
    rng = np.random.default_rng(0)  # the same windows every time
    t, losses = cfg["context_length"], []
    for _ in range(batches):
        starts = rng.integers(0, len(data) - t - 1, cfg["batch_size"])
        x = torch.from_numpy(np.stack([data[s:s + t + 1].astype(np.int64) for s in starts]))
        logits, _ = model(x[:, :-1])
        losses.append(torch.nn.functional.cross_entropy(logits.flatten(0, 1), x[:, 1:].flatten()).item())
    model.train()
    return float(np.mean(losses))


def lr_at(cfg, step, frac):
    if step < cfg["warmup_steps"]:
        return cfg["lr"] * (step + 1) / cfg["warmup_steps"]
    m = cfg["min_lr_ratio"]
    return cfg["lr"] * (m + (1 - m) * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    for k, v in CONFIG.items():
        ap.add_argument(f"--{k}", type=type(v), default=v)
    a = vars(ap.parse_args())
    cfg = {k: a[k] for k in CONFIG}
    torch.manual_seed(cfg["seed"])
    torch.set_num_threads(cfg["threads"])
    os.makedirs(a["out"], exist_ok=True)
    tok = Tokenizer(a["tokenizer"])
    train = np.memmap(os.path.join(a["data"], "train.bin"), dtype=np.uint16, mode="r")
    val = np.memmap(os.path.join(a["data"], "val.bin"), dtype=np.uint16, mode="r")
    mcfg = ModelConfig(vocab_size=len(tok), context_length=cfg["context_length"], hidden_size=cfg["hidden_size"],
                       num_layers=cfg["num_layers"], num_heads=cfg["num_heads"], num_kv_heads=cfg["num_kv_heads"])
    model = NanoDecoder(mcfg)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg["lr"], betas=(0.9, 0.95))
    sampler = FimSampler(train, tok, cfg, np.random.default_rng(cfg["seed"]))
    log = open(os.path.join(a["out"], "log.jsonl"), "a")
    print(f"params {model.num_params():,}; train tokens {len(train):,}; config {json.dumps(cfg)}", flush=True)

    def save(step, val_loss):
        torch.save({"config": mcfg.to_dict(), "model": model.state_dict(), "step": step,
                    "train_config": cfg, "val_loss": val_loss}, os.path.join(a["out"], "ckpt.pt"))

    t0 = time.time()
    next_eval, step, tokens, smooth = 0.0, 0, 0, None
    while True:
        minutes = (time.time() - t0) / 60
        done = minutes >= cfg["minutes"] or (cfg["max_steps"] and step >= cfg["max_steps"])
        if minutes >= next_eval or done:
            vl = evaluate(model, val, cfg, cfg["eval_batches"])
            rec = {"step": step, "minutes": round(minutes, 2), "tokens": tokens, "train_loss": smooth, "val_loss": vl}
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(rec, flush=True)
            save(step, vl)
            next_eval += cfg["eval_every_min"]
        if done:
            break
        lr = lr_at(cfg, step, minutes / cfg["minutes"])
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = sampler.batch(cfg["batch_size"])
        logits, _ = model(x)
        loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
        opt.step()
        step += 1
        tokens += x.numel()
        smooth = loss.item() if smooth is None else 0.98 * smooth + 0.02 * loss.item()
        if step % 50 == 0:
            print(f"step {step} loss {smooth:.3f} lr {lr:.2e} {tokens / (time.time() - t0):.0f} tok/s", flush=True)


if __name__ == "__main__":
    main()
