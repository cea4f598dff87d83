"""Tokenizes corpus shards for train.py: token streams plus context-header candidates.

Per split it writes
- `{split}.bin`: uint16 stream, each document followed by <|endoftext|> (plain LM windows, eval);
- `{split}.docs.npy`: int64 (docs, 2) = start in the stream, length in tokens;
- `{split}.hdr.npz` (--headers): declaration stubs of every type of each project (context_header.py),
  pre-tokenized piece by piece so the sampler can assemble a header for any window without running
  the BPE, and per document the types it can refer to with the token positions of their names;
- `{split}.nbr.npz` (--neighbours): per document, anchor lines with the windows of other files of the
  same repository that the server's repository memory retrieves there (neighbour_table.py), as token
  ranges of the stream, and each document's "// PATH" line. Documents are then grouped by repository,
  not project (the server's memory covers the workspace), and so are the header's types.

Pieces are tokenized with a leading "\\n" (type line "\\nclass A : B", member "\\n    int X;", "\\n{",
"\\n}"): the GPT-2 pre-tokenizer splits a header right there, so concatenated pieces give exactly the
tokens of the whole header text (the first piece drops its "\\n").

Projects are processed in parallel (the pure-Python BPE does ~10M tokens/min/core). The train split
can be capped (--max-train-tokens, whole projects in a random order, so cross-file headers stay).

Usage: python3 prepare_data.py --corpus training/data/corpus --tokenizer DIR --out training/data/tokens [--headers]
"""
import argparse
import glob
import gzip
import json
import os
import random
import re
import sys
from collections import defaultdict
from multiprocessing import Pool

import numpy as np

import context_header as ch
import neighbour_table
from tokenizer import Tokenizer

MAX_CANDIDATES = 48   # cross-file types kept per document (most often named first)
MAX_OCCURRENCES = 32  # name positions kept per candidate
_tok = None


def read_docs(corpus, split):
    for path in sorted(glob.glob(os.path.join(corpus, f"{split}-*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def _init(tok_dir):
    global _tok
    _tok = Tokenizer(tok_dir)
    _tok.nbytes = np.array([len(_tok.token_bytes(i)) for i in range(len(_tok))], dtype=np.int64)
    _tok.nl = _tok.encode_ordinary("\n")


def _char_to_token(text, ids):
    """Function: character positions -> index of the token that holds them."""
    ends = np.cumsum(_tok.nbytes[np.asarray(ids, dtype=np.int64)]) if ids else np.zeros(0, np.int64)
    if text.isascii():
        byte_at = None
    else:
        cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        byte_at = np.concatenate([[0], np.cumsum(1 + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000))])

    def conv(pos):
        pos = np.asarray(pos, dtype=np.int64)
        b = pos if byte_at is None else byte_at[np.minimum(pos, len(byte_at) - 1)]
        return np.minimum(np.searchsorted(ends, b, side="right"), max(len(ids) - 1, 0)).astype(np.int32)
    return conv


def _piece(text):
    return _tok.encode_ordinary("\n" + text)


def _common_prefix(a, b):
    n = 0
    for x, y in zip(a.split("/"), b.split("/")):
        if x != y:
            break
        n += 1
    return n


def process_project(args):
    """One project's (or repository's) documents -> token arrays, header tables (block ids local to the
    group) and neighbour anchors (document ids local to the group)."""
    docs, headers, anchor_step = args
    toks, convs, masked = [], [], []
    for d in docs:
        ids = _tok.encode_ordinary(d["text"])
        toks.append(np.array(ids, dtype=np.uint16))
        if headers:
            convs.append(_char_to_token(d["text"], ids))
    nbr = None
    if anchor_step:
        anchors, counts = neighbour_table.build(docs, toks, _tok.nbytes, anchor_step, _tok.encode_ordinary)
        nbr = (anchors, [_tok.encode_ordinary("// " + d["path"]) for d in docs], counts)
    if not headers:
        return toks, None, nbr
    blocks = []   # (doc index, TypeBlock)
    for i, d in enumerate(docs):
        try:
            bs = ch.extract(d["text"])
        except RecursionError:
            bs = []
        blocks += [(i, b) for b in bs]
    by_name, by_doc = defaultdict(list), defaultdict(list)
    for k, (i, b) in enumerate(blocks):
        by_name[b.name].append(k)
        by_doc[i].append(k)
    pieces, btab, mtab = [], [], []
    for k, (i, b) in enumerate(blocks):
        conv = convs[i]
        first_member = len(mtab)
        for m in b.members:
            mtab.append((len(pieces), m.private, int(conv(m.pos))))
            pieces.append(_piece("    " + m.text))
        btab.append((len(pieces), first_member, len(b.members), b.is_enum, i, int(conv(b.pos)), int(conv(b.end - 1)) + 1))
        pieces.append(_piece(b.line))
    cands = []    # per doc: [(block k, occurrence token positions)]
    word = re.compile(r"[A-Za-z_]\w*")
    for i, d in enumerate(docs):
        m = ch.mask(d["text"])
        occ = defaultdict(list)
        for w in word.finditer(m):
            if w.group() in by_name:
                occ[w.group()].append(w.start())
        out = {k: [] for k in by_doc[i]}
        other = []
        for name, pos in occ.items():
            here = [k for k in by_name[name] if blocks[k][0] == i]
            for k in here:
                out[k] = pos
            if here:
                continue
            best = max(by_name[name], key=lambda k: _common_prefix(docs[blocks[k][0]]["path"], d["path"]))
            other.append((len(pos), best, pos))
        other.sort(key=lambda x: -x[0])
        for _, k, pos in other[:MAX_CANDIDATES]:
            out[k] = pos
        cands.append([(k, convs[i](p[:MAX_OCCURRENCES])) for k, p in out.items()])
    return toks, (pieces, btab, mtab, cands), nbr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-train-tokens", type=int, default=0, help="0: all (whole projects, estimated before encoding)")
    ap.add_argument("--max-heldout-tokens", type=int, default=0, help="0: all; caps val/test")
    ap.add_argument("--splits", default="train,val,test")
    ap.add_argument("--headers", action="store_true", help="also write {split}.hdr.npz")
    ap.add_argument("--neighbours", action="store_true", help="also write {split}.nbr.npz (groups by repository)")
    ap.add_argument("--anchor-step", type=int, default=8, help="lines between neighbour anchors")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    _init(a.tokenizer)
    tok = _tok
    assert len(tok) <= 65536, "uint16 streams need a vocabulary below 65536"
    eot = tok.special["<|endoftext|>"]
    os.makedirs(a.out, exist_ok=True)
    stats = {}
    pool = Pool(a.workers, _init, (a.tokenizer,)) if a.workers > 1 else None
    for split in a.splits.split(","):
        projects = defaultdict(list)
        for d in read_docs(a.corpus, split):
            projects[(d.get("repo") or d.get("package") or d["project"]) if a.neighbours else d["project"]].append(d)
        names = sorted(projects)
        random.Random(0).shuffle(names)
        cap = a.max_train_tokens if split == "train" else a.max_heldout_tokens
        chosen, est = [], 0
        for n in names:  # ~0.22 tokens per byte of C#: cap before paying for the encoding
            if cap and est >= cap:
                break
            docs = projects[n]
            random.Random(0).shuffle(docs)
            if cap and split != "train":  # held-out caps cut inside a project
                keep, b = [], 0
                for d in docs:
                    if est + b * 0.22 >= cap:
                        break
                    keep.append(d)
                    b += len(d["text"])
                docs = keep
            chosen.append(docs)
            est += 0.22 * sum(len(d["text"]) for d in docs)
        headers = a.headers
        jobs = [(docs, headers, a.anchor_step if a.neighbours else 0) for docs in chosen]
        results = pool.imap(process_project, jobs) if pool else map(process_project, jobs)
        stream, doc_tab, nbytes, ndocs, pos = [], [], 0, 0, 0
        pieces, btab, mtab, cands = [], [], [], []
        anchors, paths, nbr_counts = [], [], defaultdict(int)
        for docs, (toks, hdr, nbr) in zip(chosen, results):
            doc0, b0, m0, p0 = ndocs, len(btab), len(mtab), len(pieces)
            for d, t in zip(docs, toks):
                stream += [t, np.array([eot], dtype=np.uint16)]
                doc_tab.append((pos, len(t)))
                pos += len(t) + 1
                nbytes += len(d["text"].encode("utf-8"))
                ndocs += 1
            if hdr:
                ps, bt, mt, cs = hdr
                pieces += ps
                btab += [(lp + p0, fm + m0, nm, en, di + doc0, bp, be) for lp, fm, nm, en, di, bp, be in bt]
                mtab += [(pc + p0, pv, mp) for pc, pv, mp in mt]
                cands += [[(k + b0, occ) for k, occ in c] for c in cs]
            if nbr:
                an, ps, counts = nbr
                anchors += [[(lo, hi, [(j + doc0, t0, t1, nl, ld) for j, t0, t1, nl, ld in ws]) for lo, hi, ws in a_] for a_ in an]
                paths += ps
                for k, v in counts.items():
                    nbr_counts[k] += v
            print(f"{split}: {ndocs} docs, {pos:,} tokens", file=sys.stderr, flush=True)
        arr = np.concatenate(stream) if stream else np.zeros(0, np.uint16)
        arr.tofile(os.path.join(a.out, f"{split}.bin"))
        np.save(os.path.join(a.out, f"{split}.docs.npy"), np.array(doc_tab, dtype=np.int64).reshape(-1, 2))
        stats[split] = {"docs": ndocs, "of_docs": sum(len(v) for v in projects.values()), "projects": len(chosen),
                        "tokens": int(len(arr)), "bytes": nbytes, "tokens_per_byte": len(arr) / max(nbytes, 1)}
        if headers:
            stats[split].update(write_headers(os.path.join(a.out, f"{split}.hdr.npz"), pieces, btab, mtab, cands))
        if a.neighbours:
            write_neighbours(os.path.join(a.out, f"{split}.nbr.npz"), anchors, paths)
            stats[split]["neighbours"] = dict(nbr_counts)
        print(split, stats[split], file=sys.stderr)
    with open(os.path.join(a.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)


def write_neighbours(path, anchors, paths):
    """a_off: document -> its anchors; a_lo/a_hi: cursor token range; n_off: anchor -> its windows;
    w_doc/w_t0/w_t1/w_nl: a window's document, token range and whether a newline follows its path line;
    l_off/l_tok: a window's lead tokens (before its range; neighbour_table.py); p_off/p_tok: each
    document's "// PATH" tokens."""
    flat = [x for a in anchors for x in a]
    wins = [w for _, _, ws in flat for w in ws]
    w = np.array([x[:4] for x in wins], dtype=np.int64).reshape(-1, 4)
    leads = [x[4] for x in wins]
    np.savez(path,
             a_off=np.concatenate([[0], np.cumsum([len(a) for a in anchors])]).astype(np.int64),
             a_lo=np.array([x[0] for x in flat], dtype=np.int32), a_hi=np.array([x[1] for x in flat], dtype=np.int32),
             n_off=np.concatenate([[0], np.cumsum([len(x[2]) for x in flat])]).astype(np.int64),
             w_doc=w[:, 0].astype(np.int32), w_t0=w[:, 1].astype(np.int32), w_t1=w[:, 2].astype(np.int32),
             w_nl=w[:, 3].astype(bool),
             l_off=np.concatenate([[0], np.cumsum([len(x) for x in leads])]).astype(np.int64),
             l_tok=np.array([t for x in leads for t in x], dtype=np.uint16),
             p_off=np.concatenate([[0], np.cumsum([len(p) for p in paths])]).astype(np.int64),
             p_tok=np.concatenate([np.asarray(p, dtype=np.uint16) for p in paths]) if paths else np.zeros(0, np.uint16))


def write_headers(path, pieces, btab, mtab, cands):
    lens = np.array([len(p) for p in pieces], dtype=np.int64)
    piece_off = np.concatenate([[0], np.cumsum(lens)])
    piece_tok = np.concatenate([np.asarray(p, dtype=np.uint16) for p in pieces]) if pieces else np.zeros(0, np.uint16)
    b = np.array(btab, dtype=np.int64).reshape(-1, 7)
    m = np.array(mtab, dtype=np.int64).reshape(-1, 3)
    c_off = np.concatenate([[0], np.cumsum([len(c) for c in cands])]).astype(np.int64)
    c_block = np.array([k for c in cands for k, _ in c], dtype=np.int32)
    occ = [o for c in cands for _, o in c]
    occ_off = np.concatenate([[0], np.cumsum([len(o) for o in occ])]).astype(np.int64)
    occ_pos = np.concatenate(occ).astype(np.int32) if occ else np.zeros(0, np.int32)
    np.savez(path, piece_tok=piece_tok, piece_off=piece_off,
             b_line=b[:, 0].astype(np.int32), b_mem_first=b[:, 1].astype(np.int32), b_mem_count=b[:, 2].astype(np.int32),
             b_enum=b[:, 3].astype(bool), b_doc=b[:, 4].astype(np.int32), b_pos=b[:, 5].astype(np.int32),
             b_end=b[:, 6].astype(np.int32),
             m_piece=m[:, 0].astype(np.int32), m_private=m[:, 1].astype(bool), m_pos=m[:, 2].astype(np.int32),
             c_off=c_off, c_block=c_block, occ_off=occ_off, occ_pos=occ_pos)
    return {"types": len(b), "members": len(m), "header_piece_tokens": int(len(piece_tok)),
            "docs_with_candidates": int(sum(1 for c in cands if c))}


if __name__ == "__main__":
    main()
