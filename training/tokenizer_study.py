"""Does a BPE tokenizer retrained on the modern corpus pay? (issue 13; MODEL_CARD.md, "The next corpus")

Measures the text side of the trade: bytes of C# per token on the modern held-out repositories
(val = dev, test) for each tokenizer given. The engine side (milliseconds per token against the
vocabulary size) is tools/NanoLsp.Model.Bench on random-weight models (tokenizer_bench_models.sh);
`cost` joins the two into milliseconds per KB of text.

  sample:   a random sample of the modern train split, by file across repositories (fixed seed),
            the tokenizer's training text (the shipped one was trained on 6 MB of Debian C#).
  truncate: the tokenizer of a smaller vocabulary from a trained one. BPE is greedy and
            tokenizer.py's merge order is deterministic, so the first merges of a 32k training
            are exactly what a training stopped at 8k or 16k writes (checked byte for byte).
  bpt:      bytes per token of each tokenizer on the val and test splits (every file).
  cost:     ms per KB = (ms per token) / (bytes per token), from the bench's output and bpt's JSON.

Usage: training/README.md, "Tokenizer study" (from training/, Debian's python3).
"""
import argparse
import gzip
import glob
import json
import os
import random
import re
import sys

from tokenizer import SPECIAL_TOKENS, Tokenizer, save


def read_docs(corpus, split):
    for path in sorted(glob.glob(os.path.join(corpus, f"{split}-*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def sample(corpus, n_bytes, seed, out):
    """Modern files only (the Debian survivors in the train split are the old distribution).
    Two passes (sizes, then the chosen files) so the 1.2 GB split never sits in memory."""
    sizes = [(i, len(d["text"].encode("utf-8")) + 1) for i, d in enumerate(read_docs(corpus, "train"))
             if d.get("source") == "modern"]
    random.Random(seed).shuffle(sizes)
    chosen, total = set(), 0
    for i, n in sizes:
        if total >= n_bytes:
            break
        chosen.add(i)
        total += n
    repos = set()
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for i, d in enumerate(read_docs(corpus, "train")):
            if i in chosen:
                f.write(d["text"] + "\n")
                repos.add(d["repo"])
    print(f"sample: {len(chosen)} of {len(sizes)} modern train files from {len(repos)} repositories, "
          f"{total} bytes -> {out}", file=sys.stderr)


def truncate(src, vocab_size, dst):
    """Keeps merges in order until the vocabulary has vocab_size tokens, as tokenizer.train stops."""
    with open(os.path.join(src, "vocab.json"), encoding="utf-8") as f:
        big = json.load(f)
    with open(os.path.join(src, "merges.txt"), encoding="utf-8") as f:
        merges = [tuple(ln.rstrip("\n").split(" ")) for ln in f if not ln.startswith("#version") and ln.strip()]
    vocab = {t: i for t, i in big.items() if i < len(SPECIAL_TOKENS) + 256}
    kept = []
    for a, b in merges:
        if len(vocab) >= vocab_size:
            break
        kept.append((a, b))
        vocab.setdefault(a + b, len(vocab))
    assert all(big[t] == i for t, i in vocab.items()), "ids of a truncated tokenizer must match the big one's"
    save(vocab, kept, dst)
    print(f"truncate: {len(vocab)} tokens, {len(kept)} merges -> {dst}", file=sys.stderr)


def bytes_per_token(corpus, tokenizers, splits):
    texts = {s: [d["text"] for d in read_docs(corpus, s)] for s in splits}
    result = {}
    for tdir in tokenizers:
        tok = Tokenizer(tdir)
        row = {"vocab": len(tok)}
        for s, docs in texts.items():
            n_bytes = sum(len(t.encode("utf-8")) for t in docs)
            n_tok = sum(len(tok.encode_ordinary(t)) for t in docs)
            row[s] = {"files": len(docs), "bytes": n_bytes, "tokens": n_tok, "bytes_per_token": n_bytes / n_tok}
        result[tdir] = row
        print(f"{tdir}: vocab {row['vocab']}  " + "  ".join(f"{s} {row[s]['bytes_per_token']:.3f} B/tok" for s in splits),
              file=sys.stderr, flush=True)
    return result


BENCH_LINE = re.compile(r"^(?P<what>prefill \d+|decode/token after \d+)\s+median\s+(?P<median>[\d.]+) ms\s+p90\s+(?P<p90>[\d.]+) ms")
BENCH_MODEL = re.compile(r"^model (?P<name>\S+): .* vocab (?P<vocab>\d+),")
BENCH_RELATIVE = re.compile(r"^(?P<name>\S+) relative to (?P<base>\S+), paired")
BENCH_RATIO = re.compile(r"^(?P<what>prefill \d+|decode/token after \d+)\s+x\s*(?P<median>[\d.]+)\s+p10 x(?P<p10>[\d.]+)\s+p90 x(?P<p90>[\d.]+)")


def parse_bench(path):
    """{vocab: {"abs": {measure: (median ms, p90 ms)}, "ratio": {measure: (median, p10, p90)}}} from the
    bench's output. The first model of a vocabulary wins (the shipped model, benched last as a check on
    the random ones, has rand8192's shapes); ratios are against the bench's first model."""
    out, vocab_of, current, block = {}, {}, None, None
    for line in open(path, encoding="utf-8"):
        if m := BENCH_MODEL.match(line):
            vocab_of[m["name"]] = vocab = int(m["vocab"])
            current = out.setdefault(vocab, {"abs": {}, "ratio": {}}) if vocab not in out else None
            block = "abs"
        elif m := BENCH_RELATIVE.match(line):
            vocab = vocab_of[m["name"]]
            current = out[vocab] if not out[vocab]["ratio"] and vocab != vocab_of[m["base"]] else None
            block = "ratio"
        elif current is None:
            continue
        elif block == "abs" and (m := BENCH_LINE.match(line)):
            current["abs"][m["what"]] = (float(m["median"]), float(m["p90"]))
        elif block == "ratio" and (m := BENCH_RATIO.match(line)):
            current["ratio"][m["what"]] = (float(m["median"]), float(m["p10"]), float(m["p90"]))
    return out


def per_token(what, ms):
    """A prefill of N tokens costs ms / N per token; a decode line is already per token."""
    return ms / int(what.split()[-1]) if what.startswith("prefill") else ms


def cost(bench_txt, bpt_jsons, split, measures, window):
    """Markdown table: per tokenizer, bytes/token, the bytes a prompt window of `window` tokens holds,
    and for each measure: ms per token (median, p90), ms per KB of text (= ms per token / bytes per
    token), and the cost per byte relative to the first tokenizer listed, from the bench's paired
    ratios (engine time over the first model's) times (the first tokenizer's bytes/token over this one's)."""
    bpt = {}
    for path in bpt_jsons:
        bpt.update(json.load(open(path, encoding="utf-8")))
    bench = parse_bench(bench_txt)
    base_vocab, base_row = next((r["vocab"], r) for r in bpt.values())
    splits = [s for s in base_row if s != "vocab"]
    head = ["tokenizer", "vocab"] + [f"B/tok {s}" for s in splits] + [f"bytes in {window} tokens ({split})"]
    for w in measures:
        head += [f"{w}: ms/tok median (p90)", "ms/KB", "per byte vs first (p10-p90)"]
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for tdir, row in bpt.items():
        b = row[split]["bytes_per_token"]
        gain = base_row[split]["bytes_per_token"] / b
        cells = [os.path.basename(tdir.rstrip("/")), str(row["vocab"])]
        cells += [f"{row[s]['bytes_per_token']:.3f}" for s in splits] + [f"{window * b:,.0f}"]
        for w in measures:
            med, p90 = bench[row["vocab"]]["abs"][w]
            ratio = (1.0, 1.0, 1.0) if row["vocab"] == base_vocab else bench[row["vocab"]]["ratio"][w]
            cells += [f"{per_token(w, med):.2f} ({per_token(w, p90):.2f})", f"{1000 * per_token(w, med) / b:.0f}",
                      f"x{ratio[0] * gain:.3f} ({ratio[1] * gain:.2f}-{ratio[2] * gain:.2f})"]
        print("| " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--corpus", required=True)
    s.add_argument("--bytes", type=int, default=6_000_000)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--out", required=True)
    t = sub.add_parser("truncate")
    t.add_argument("src")
    t.add_argument("vocab_size", type=int)
    t.add_argument("dst")
    b = sub.add_parser("bpt")
    b.add_argument("--corpus", required=True)
    b.add_argument("--splits", default="val,test")
    b.add_argument("--out", required=True)
    b.add_argument("tokenizers", nargs="+")
    c = sub.add_parser("cost")
    c.add_argument("bench_txt")
    c.add_argument("bpt_json", nargs="+", help="bpt outputs; the first tokenizer listed is the baseline")
    c.add_argument("--split", default="val", help="the split whose bytes/token turns ms/token into ms/KB")
    c.add_argument("--measures", default="prefill 448,decode/token after 128,decode/token after 448")
    c.add_argument("--window", type=int, default=448, help="prompt tokens (the server's: context 512 less 64 of answer room)")
    a = ap.parse_args()
    if a.cmd == "sample":
        sample(a.corpus, a.bytes, a.seed, a.out)
    elif a.cmd == "truncate":
        truncate(a.src, a.vocab_size, a.dst)
    elif a.cmd == "bpt":
        res = bytes_per_token(a.corpus, a.tokenizers, a.splits.split(","))
        os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
        json.dump(res, open(a.out, "w"), indent=1)
    else:
        cost(a.bench_txt, a.bpt_json, a.split, a.measures.split(","), a.window)


if __name__ == "__main__":
    main()
