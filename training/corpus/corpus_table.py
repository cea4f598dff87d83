"""The corpus table of the model card, from a build_modern.py output folder: per repository its
licence, commit, split, files and tokens, then the cleaning and dedup figures.

Tokens are counted with a tokenizer directory (the shipped one by default) on a sample of each
repository (its files in a seeded random order up to --sample-bytes), scaled by the repository's
bytes: the pure-Python BPE takes ~1 minute per 10M tokens per core, too slow for the whole corpus
on a shared 2-core machine. The bytes-per-token ratio of each sample is in the table.

Usage: python3 corpus/corpus_table.py --corpus training/data/modern [--tokenizer models/nano-csharp] > table.md
"""
import argparse
import glob
import gzip
import json
import os
import random
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from tokenizer import Tokenizer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tokenizer", default=os.path.join(HERE, "..", "..", "models", "nano-csharp"))
    ap.add_argument("--sample-bytes", type=int, default=150_000)
    a = ap.parse_args()
    tok = Tokenizer(a.tokenizer)
    repos = json.load(open(os.path.join(a.corpus, "repos.json")))
    stats = json.load(open(os.path.join(a.corpus, "stats.json")))
    texts = defaultdict(list)
    for p in sorted(glob.glob(os.path.join(a.corpus, "*-*.jsonl.gz"))):
        for line in gzip.open(p, "rt", encoding="utf-8"):
            d = json.loads(line)
            texts[d["repo"]].append(d["text"])
    rows, totals = [], defaultdict(lambda: [0, 0, 0])
    for repo, info in sorted(repos.items(), key=lambda kv: (kv[1].get("split", "z"), kv[0].lower())):
        docs = texts.get(repo, [])
        if not docs:
            rows.append(f"| {repo} | {info.get('licence') or '-'} | - | - | 0 | 0 | {info.get('status', '')} |")
            continue
        rng = random.Random(repo)
        sample, n = [], 0
        for t in rng.sample(docs, len(docs)):
            sample.append(t)
            n += len(t.encode("utf-8"))
            if n >= a.sample_bytes:
                break
        bpt = n / max(sum(len(tok.encode_ordinary(t)) for t in sample), 1)
        nbytes = sum(len(t.encode("utf-8")) for t in docs)
        tokens = nbytes / bpt
        split = info.get("split", "train")
        kind = f" ({info['kind']})" if info.get("kind") else ""
        group = "debian" if repo.startswith("debian/") else split
        totals[group][0] += len(docs)
        totals[group][1] += nbytes
        totals[group][2] += tokens
        commit = (info.get("commit") or "-")[:12]
        rows.append(f"| {repo} | {info.get('licence')} | {commit} | {split}{kind} | {len(docs)} | {tokens / 1e6:.2f}M | {bpt:.2f} B/tok |")
        print(repo, len(docs), f"{tokens / 1e6:.2f}M", file=sys.stderr)
    print("| repository | licence | commit | split | files | tokens | note |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print()
    print("| part | files | MB | tokens |")
    print("| --- | --- | --- | --- |")
    for g, (f, b, t) in sorted(totals.items()):
        print(f"| {g} | {f} | {b / 1e6:.1f} | {t / 1e6:.1f}M |")
    print()
    print("| source | dropped by rule |")
    print("| --- | --- |")
    for src, d in stats["drops"].items():
        print(f"| {src} | " + ", ".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: -kv[1])) + " |")
    print(f"\nmanifest: {stats['manifest_blobs']} training blob ids")


if __name__ == "__main__":
    main()
