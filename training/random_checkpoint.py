"""Writes a checkpoint of a randomly initialised model (the tiny test fixture, smoke tests).

With the training init (small residual projections, tied embeddings) a random model only
echoes its last input token, which makes a useless golden test; so the matrices are drawn
much wider, which gives varied greedy output with argmax margins (recorded in golden.json)
far above float rounding between PyTorch and ONNX Runtime.

Usage: python3 random_checkpoint.py --out CKPT.pt --vocab-size N [--hidden 64 --layers 2 ...]
"""
import argparse

import torch

from model import ModelConfig, NanoDecoder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab-size", type=int, required=True)
    ap.add_argument("--context", type=int, default=128)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--linear-std", type=float, default=0.5)
    ap.add_argument("--embed-scale", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=1234)
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    cfg = ModelConfig(vocab_size=a.vocab_size, context_length=a.context, hidden_size=a.hidden,
                      num_layers=a.layers, num_heads=a.heads, num_kv_heads=a.kv_heads)
    model = NanoDecoder(cfg)
    with torch.no_grad():
        for n, p in model.named_parameters():
            if p.dim() == 2 and not n.startswith("embed"):
                torch.nn.init.normal_(p, 0.0, a.linear_std)
        model.embed_tokens.weight.mul_(a.embed_scale)
    torch.save({"config": cfg.to_dict(), "model": model.state_dict(), "step": 0}, a.out)
    print(f"random model: {model.num_params()} params -> {a.out}")


if __name__ == "__main__":
    main()
