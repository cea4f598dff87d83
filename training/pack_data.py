"""Packs prepared token data for the GPU machine (xz, small enough to travel) and unpacks it there.

Python's lzma, not the xz tool: the GPU image is only known to have Python. Token streams of C#
compress to about a sixth (0.33 bytes per token).

Usage: python3 pack_data.py pack TOKENS_DIR CORPUS_DIR DEST     (DEST: e.g. training/data/gpu)
       python3 pack_data.py unpack DEST TOKENS_OUT CORPUS_OUT
"""
import lzma
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor

FILES = ["train.bin", "train.docs.npy", "train.hdr.npz", "train.nbr.npz", "val.bin", "val.docs.npy", "stats.json"]
CHUNK = 1 << 20


def _copy(src, dst, opener_in, opener_out):
    with opener_in(src) as f, opener_out(dst) as g:
        shutil.copyfileobj(f, g, CHUNK)
    return dst


def pack(tokens, corpus, dest):
    os.makedirs(dest, exist_ok=True)
    jobs = [(os.path.join(tokens, f), os.path.join(dest, f + ".xz")) for f in FILES if os.path.exists(os.path.join(tokens, f))]
    with ProcessPoolExecutor(2) as ex:
        for d in ex.map(_pack_one, jobs):
            print(d, os.path.getsize(d), file=sys.stderr)
    # Held-out test documents: the quick line eval cuts its cases from them.
    shutil.copy(os.path.join(corpus, "test-000.jsonl.gz"), os.path.join(dest, "test-000.jsonl.gz"))
    total = sum(os.path.getsize(os.path.join(dest, f)) for f in os.listdir(dest))
    print(f"{dest}: {total / 2**20:.1f} MiB", file=sys.stderr)


def _pack_one(job):
    src, dst = job
    return _copy(src, dst, lambda p: open(p, "rb"), lambda p: lzma.open(p, "wb", preset=6))


def _unpack_one(job):
    src, dst = job
    return _copy(src, dst, lambda p: lzma.open(p, "rb"), lambda p: open(p, "wb"))


def unpack(dest, tokens, corpus):
    os.makedirs(tokens, exist_ok=True)
    os.makedirs(corpus, exist_ok=True)
    jobs = [(os.path.join(dest, f), os.path.join(tokens, f[:-3])) for f in sorted(os.listdir(dest)) if f.endswith(".xz")]
    with ProcessPoolExecutor(len(jobs) or 1) as ex:
        for d in ex.map(_unpack_one, jobs):
            print(d, os.path.getsize(d), file=sys.stderr)
    for f in os.listdir(dest):
        if f.endswith(".jsonl.gz"):
            shutil.copy(os.path.join(dest, f), os.path.join(corpus, f))
    missing = [f for f in ("train.bin", "val.bin") if not os.path.exists(os.path.join(tokens, f))]
    if missing:
        raise SystemExit(f"unpacked data lacks {missing}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "pack":
        pack(*sys.argv[2:])
    elif len(sys.argv) == 5 and sys.argv[1] == "unpack":
        unpack(*sys.argv[2:])
    else:
        raise SystemExit(__doc__)
