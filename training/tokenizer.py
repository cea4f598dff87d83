"""Byte-level BPE (GPT-2 byte map and pre-tokenizer), trained and applied here.

Hand-written because the `tokenizers` library is not installable on this machine (no pip
package for Debian's python, no Debian package). Output is vocab.json + merges.txt in the
GPT-2 layout, which Microsoft.ML.Tokenizers reads; ids: special tokens first, then the 256
byte symbols, then one id per merge in merge order.

Usage: python3 tokenizer.py train --vocab-size 8192 --out DIR FILE...   (text files)
       python3 tokenizer.py encode DIR "text"
"""
import argparse
import heapq
import json
import os
import sys
from collections import Counter, defaultdict

try:
    import regex
except ImportError:  # a machine without the regex package (the GPU image may lack it): \p{L}/\p{N} by hand
    import re as regex
    import warnings
    warnings.warn("no 'regex' package: pre-tokenizing with an re approximation of GPT-2's pattern")

SPECIAL_TOKENS = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_suffix|>", "<|fim_middle|>", "<|file_sep|>"]
GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
if regex.__name__ == "re":
    GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+| ?_+"""
PRETOKENIZE = regex.compile(GPT2_PATTERN)


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_TO_CHAR = bytes_to_unicode()


def to_symbols(word):
    return "".join(BYTE_TO_CHAR[b] for b in word.encode("utf-8"))


def train(texts, vocab_size, min_frequency=2):
    """Returns (vocab dict token->id, merges list of (a, b)). Classic BPE with an incremental
    pair index and a lazy max-heap, so each merge touches only the words that contain the pair."""
    word_freq = Counter()
    for text in texts:
        word_freq.update(PRETOKENIZE.findall(text))
    vocab = {tok: i for i, tok in enumerate(SPECIAL_TOKENS)}
    for b in range(256):  # byte b gets id len(SPECIAL_TOKENS) + b
        vocab[BYTE_TO_CHAR[b]] = len(vocab)
    words = [list(to_symbols(w)) for w in word_freq]
    freqs = list(word_freq.values())
    pair_count = defaultdict(int)
    pair_words = defaultdict(set)
    for wi, (w, f) in enumerate(zip(words, freqs)):
        for a, b in zip(w, w[1:]):
            pair_count[(a, b)] += f
            pair_words[(a, b)].add(wi)
    heap = [(-c, pair) for pair, c in pair_count.items()]
    heapq.heapify(heap)
    merges = []
    while len(vocab) < vocab_size and heap:
        negc, pair = heapq.heappop(heap)
        if pair_count.get(pair, 0) != -negc:
            continue  # stale entry; the current count was pushed again
        if -negc < min_frequency:
            break
        a, b = pair
        merged = a + b
        merges.append(pair)
        if merged not in vocab:  # (a, bc) and (ab, c) can spell the same token: one id
            vocab[merged] = len(vocab)
        changed = set()
        for wi in list(pair_words[pair]):
            w, f = words[wi], freqs[wi]
            for x, y in zip(w, w[1:]):
                pair_count[(x, y)] -= f
                changed.add((x, y))
                pair_words[(x, y)].discard(wi)
            out, i = [], 0
            while i < len(w):
                if i + 1 < len(w) and w[i] == a and w[i + 1] == b:
                    out.append(merged)
                    i += 2
                else:
                    out.append(w[i])
                    i += 1
            words[wi] = out
            for x, y in zip(out, out[1:]):
                pair_count[(x, y)] += f
                changed.add((x, y))
                pair_words[(x, y)].add(wi)
        for p in changed:
            c = pair_count.get(p, 0)
            if c > 0:
                heapq.heappush(heap, (-c, p))
            else:
                pair_count.pop(p, None)
                pair_words.pop(p, None)
    return vocab, merges


def save(vocab, merges, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(out_dir, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for a, b in merges:
            f.write(f"{a} {b}\n")


class Tokenizer:
    def __init__(self, model_dir):
        with open(os.path.join(model_dir, "vocab.json"), encoding="utf-8") as f:
            self.vocab = json.load(f)
        with open(os.path.join(model_dir, "merges.txt"), encoding="utf-8") as f:
            lines = [ln.rstrip("\n") for ln in f if not ln.startswith("#version")]
        self.ranks = {tuple(ln.split(" ")): i for i, ln in enumerate(lines) if ln}
        self.id_to_token = {i: t for t, i in self.vocab.items()}
        self.char_to_byte = {c: b for b, c in BYTE_TO_CHAR.items()}
        self.special = {t: self.vocab[t] for t in SPECIAL_TOKENS}
        self.special_split = regex.compile("(" + "|".join(regex.escape(t) for t in SPECIAL_TOKENS) + ")")
        self.cache = {}

    def __len__(self):
        return len(self.vocab)

    def _bpe(self, word):
        ids = self.cache.get(word)
        if ids is not None:
            return ids
        parts = list(to_symbols(word))
        while len(parts) > 1:
            best, best_rank = None, None
            for i in range(len(parts) - 1):
                r = self.ranks.get((parts[i], parts[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = i, r
            if best is None:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        ids = [self.vocab[p] for p in parts]
        if len(self.cache) < 2_000_000:
            self.cache[word] = ids
        return ids

    def encode_ordinary(self, text):
        """Ids of plain text: special-token strings in it are encoded as ordinary bytes."""
        out = []
        for w in PRETOKENIZE.findall(text):
            out.extend(self._bpe(w))
        return out

    def encode(self, text):
        """Ids of text in which special-token strings stand for the special tokens."""
        out = []
        for piece in self.special_split.split(text):
            if piece in self.special:
                out.append(self.special[piece])
            elif piece:
                out.extend(self.encode_ordinary(piece))
        return out

    def token_bytes(self, i):
        tok = self.id_to_token[i]
        if tok in self.special:
            return tok.encode("utf-8")
        return bytes(self.char_to_byte[c] for c in tok)

    def decode(self, ids):
        return b"".join(self.token_bytes(i) for i in ids).decode("utf-8", errors="replace")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--vocab-size", type=int, default=8192)
    t.add_argument("--out", required=True)
    t.add_argument("files", nargs="+")
    e = sub.add_parser("encode")
    e.add_argument("dir")
    e.add_argument("text")
    a = ap.parse_args()
    if a.cmd == "train":
        texts = [open(f, encoding="utf-8", errors="replace").read() for f in a.files]
        vocab, merges = train(texts, a.vocab_size)
        save(vocab, merges, a.out)
        print(f"vocab {len(vocab)} merges {len(merges)} -> {a.out}", file=sys.stderr)
    else:
        print(Tokenizer(a.dir).encode(a.text))


if __name__ == "__main__":
    main()
