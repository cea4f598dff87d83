"""Trains the nano C# decoder with fill-in-the-middle and context headers (sampler.py).

The run is bounded by wall-clock minutes, and the learning-rate schedule follows the elapsed share
of that budget, so a stopped run is still fully decayed. A checkpoint is written every
`eval_every_min` minutes (atomically), so a run killed by a timeout still leaves a model.

On CUDA (torch 2.x): bf16 autocast, TF32, F.scaled_dot_product_attention (checked against the
hand-written attention first), torch.compile when it works (eager otherwise), fused AdamW, batches
drawn by DataLoader workers into pinned memory. On CPU (torch 1.13): the plain path, one thread.

Usage: python3 train.py --data DIR --tokenizer DIR --out DIR [--key value ...]
Any name in CONFIG can be overridden as --name value. The defaults are the GPU run's.
"""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import HAS_SDPA, ModelConfig, NanoDecoder
from sampler import IGNORE, Batches
from tokenizer import Tokenizer

CONFIG = dict(
    vocab_size=8192,        # must equal the tokenizer's size
    context_length=512,     # tokens per training sequence (and the exported context)
    hidden_size=384,        # model width
    num_layers=8,           # decoder blocks
    num_heads=6,            # query heads (head_dim = hidden / heads)
    num_kv_heads=2,         # key/value heads (GQA: smaller KV cache, fewer params)
    batch_size=128,         # sequences per step (128 x 512 = 64k tokens)
    lr=2e-3,                # peak AdamW learning rate
    min_lr_ratio=0.1,       # final lr = lr * this (cosine)
    warmup_steps=200,       # linear warmup
    weight_decay=0.1,       # AdamW, on matrices only
    grad_clip=1.0,          # max global grad norm
    minutes=6.5,            # wall-clock budget; schedule runs on elapsed / minutes
    max_steps=0,            # 0: no step limit (smoke tests set a few)
    fim_rate=0.5,           # share of sequences turned into prefix-suffix-middle
    header_rate=0.5,        # share of sequences behind a context header (needs train.hdr.npz)
    neighbour_rate=0.5,     # share of FIM header sequences with neighbour windows (needs train.nbr.npz)
    eval_every_min=1.0,     # validation + checkpoint period
    eval_batches=20,        # validation batches (fixed, plain LM)
    threads=1,              # CPU torch threads: 2 OpenMP threads on a shared 2-core box ran 3.7x slower than 1
    workers=8,              # DataLoader workers on CUDA (0: batches in the main process)
    compile=1,              # torch.compile on CUDA (falls back to eager on any error)
    device="auto",          # auto: cuda when available, else cpu
    seed=1337,
)


@torch.no_grad()
def evaluate(model, data, cfg, batches, device, amp):
    model.eval()
    rng = np.random.default_rng(0)  # the same windows every time
    t, losses = cfg["context_length"], []
    for _ in range(batches):
        starts = rng.integers(0, len(data) - t - 1, cfg["batch_size"])
        x = torch.from_numpy(np.stack([data[s:s + t + 1].astype(np.int64) for s in starts])).to(device)
        with amp():
            logits, _ = model(x[:, :-1])
        losses.append(F.cross_entropy(logits.float().flatten(0, 1), x[:, 1:].flatten()).item())
    model.train()
    return float(np.mean(losses))


def lr_at(cfg, step, frac):
    if step < cfg["warmup_steps"]:
        return cfg["lr"] * (step + 1) / cfg["warmup_steps"]
    m = cfg["min_lr_ratio"]
    return cfg["lr"] * (m + (1 - m) * 0.5 * (1 + math.cos(math.pi * min(frac, 1.0))))


def sdpa_agrees(model, device, vocab):
    """The fused attention must give the hand-written one's logits (export uses the latter).
    Compared in full fp32 (TF32 off), where the two must agree to rounding."""
    x = torch.randint(0, vocab, (2, 64), device=device)
    tf32 = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = False
    with torch.no_grad():
        model.use_sdpa = False
        a, _ = model(x)
        model.use_sdpa = True
        b, _ = model(x)
    torch.backends.cuda.matmul.allow_tf32 = tf32
    err = (a - b).abs().max().item()
    print(f"sdpa vs hand-written attention: max |diff| {err:.2e}", flush=True)
    return err < 1e-3 * max(1.0, a.abs().max().item())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    for k, v in CONFIG.items():
        ap.add_argument(f"--{k}", type=type(v), default=v)
    a = vars(ap.parse_args())
    cfg = {k: a[k] for k in CONFIG}
    device = cfg["device"] if cfg["device"] != "auto" else ("cuda" if torch.cuda.is_available() else "cpu")
    cuda = device.startswith("cuda")
    torch.manual_seed(cfg["seed"])
    if cuda:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    else:
        torch.set_num_threads(cfg["threads"])
    os.makedirs(a["out"], exist_ok=True)
    tok = Tokenizer(a["tokenizer"])
    val = np.memmap(os.path.join(a["data"], "val.bin"), dtype=np.uint16, mode="r")
    mcfg = ModelConfig(vocab_size=len(tok), context_length=cfg["context_length"], hidden_size=cfg["hidden_size"],
                       num_layers=cfg["num_layers"], num_heads=cfg["num_heads"], num_kv_heads=cfg["num_kv_heads"])
    model = NanoDecoder(mcfg).to(device)
    if HAS_SDPA and not sdpa_agrees(model, device, len(tok)):
        print("WARNING: fused attention disagrees; training with the hand-written attention", flush=True)
        model.use_sdpa = False
    amp = (lambda: torch.autocast("cuda", dtype=torch.bfloat16)) if cuda else _null
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    groups = [{"params": decay, "weight_decay": cfg["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}]
    try:
        opt = torch.optim.AdamW(groups, lr=cfg["lr"], betas=(0.9, 0.95), fused=cuda)
    except (TypeError, RuntimeError):
        opt = torch.optim.AdamW(groups, lr=cfg["lr"], betas=(0.9, 0.95))
    step_model = model
    if cuda and cfg["compile"] and hasattr(torch, "compile"):
        step_model = torch.compile(model)
    workers = cfg["workers"] if cuda else 0
    extra = dict(prefetch_factor=4, persistent_workers=True) if workers else {}
    loader = iter(torch.utils.data.DataLoader(Batches(a["data"], "train", tok, cfg, cfg["seed"]), batch_size=None,
                                              num_workers=workers, pin_memory=cuda, **extra))
    log = open(os.path.join(a["out"], "log.jsonl"), "a")
    train_len = os.path.getsize(os.path.join(a["data"], "train.bin")) // 2
    print(f"params {model.num_params():,}; train tokens {train_len:,}; device {device}; sdpa {model.use_sdpa}; "
          f"config {json.dumps(cfg)}", flush=True)

    def save(step, val_loss):
        path = os.path.join(a["out"], "ckpt.pt")
        state = {k: v.detach().float().cpu() for k, v in model.state_dict().items()}
        torch.save({"config": mcfg.to_dict(), "model": state, "step": step, "train_config": cfg,
                    "val_loss": val_loss}, path + ".tmp")
        os.replace(path + ".tmp", path)  # a kill during the write leaves the previous checkpoint

    t0 = time.time()
    next_eval, step, tokens, smooth = 0.0, 0, 0, None
    while True:
        minutes = (time.time() - t0) / 60
        done = minutes >= cfg["minutes"] or (cfg["max_steps"] and step >= cfg["max_steps"])
        if minutes >= next_eval or done:
            vl = evaluate(model, val, cfg, cfg["eval_batches"], device, amp)
            rec = {"step": step, "minutes": round(minutes, 2), "tokens": tokens, "train_loss": smooth, "val_loss": vl}
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(rec, flush=True)
            save(step, vl)
            next_eval = minutes + cfg["eval_every_min"]
        if done:
            break
        lr = lr_at(cfg, step, minutes / cfg["minutes"])
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = next(loader)
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        opt.zero_grad(set_to_none=True)
        try:
            with amp():
                logits, _ = step_model(x)
            loss = F.cross_entropy(logits.float().flatten(0, 1), y.flatten(), ignore_index=IGNORE)
            loss.backward()
        except Exception as e:  # torch.compile failing on this machine: train eagerly
            if step_model is model:
                raise
            print(f"torch.compile failed ({type(e).__name__}: {str(e)[:300]}); eager from here", flush=True)
            step_model = model
            continue
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg["grad_clip"])
        opt.step()
        step += 1
        tokens += x.numel()
        if step % 25 == 0 or step < 3:
            li = loss.item()
            if step % 25 == 0:
                smooth = li if smooth is None else 0.8 * smooth + 0.2 * li
            print(f"step {step} loss {li:.3f} lr {lr:.2e} {tokens / (time.time() - t0):.0f} tok/s "
                  f"{(time.time() - t0) / 60:.2f} min", flush=True)


class _null:
    """No-op context manager (CPU: no autocast)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    main()
