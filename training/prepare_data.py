"""Tokenizes corpus shards into flat uint16 token streams for train.py.

Each document is followed by <|endoftext|>. The train split can be capped (--max-train-tokens):
on a CPU run the model sees only a few million tokens, and encoding with the pure-Python BPE
costs about a minute per 10M tokens, so a random subset of train documents is enough.

Usage: python3 prepare_data.py --corpus training/data/corpus --tokenizer DIR --out training/data/tokens
"""
import argparse
import glob
import gzip
import json
import os
import random
import sys

import numpy as np

from tokenizer import Tokenizer


def read_docs(corpus, split):
    for path in sorted(glob.glob(os.path.join(corpus, f"{split}-*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-train-tokens", type=int, default=0, help="0: all")
    ap.add_argument("--max-heldout-tokens", type=int, default=0, help="0: all; caps val/test")
    ap.add_argument("--splits", default="train,val,test")
    a = ap.parse_args()
    tok = Tokenizer(a.tokenizer)
    assert len(tok) <= 65536, "uint16 streams need a vocabulary below 65536"
    eot = tok.special["<|endoftext|>"]
    os.makedirs(a.out, exist_ok=True)
    stats = {}
    for split in a.splits.split(","):
        docs = list(read_docs(a.corpus, split))
        random.Random(0).shuffle(docs)
        ids, nbytes, ndocs = [], 0, 0
        for d in docs:
            ids.extend(tok.encode_ordinary(d["text"]))
            ids.append(eot)
            nbytes += len(d["text"].encode("utf-8"))
            ndocs += 1
            cap = a.max_train_tokens if split == "train" else a.max_heldout_tokens
            if cap and len(ids) >= cap:
                break
        np.array(ids, dtype=np.uint16).tofile(os.path.join(a.out, f"{split}.bin"))
        stats[split] = {"docs": ndocs, "of_docs": len(docs), "tokens": len(ids), "bytes": nbytes,
                        "tokens_per_byte": len(ids) / max(nbytes, 1)}
        print(split, stats[split], file=sys.stderr)
    with open(os.path.join(a.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)


if __name__ == "__main__":
    main()
