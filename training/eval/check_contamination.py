"""Checks an evaluation set against the training manifest (corpus/train-blobs.txt.xz, the git blob
SHA-1 of every file that went into training): the case files of the set, and every .cs file of the
set's repositories at their commits, must have no blob id in the manifest. Exits 1 when any has.

A blob id is what `git hash-object FILE` prints, so a set built elsewhere can be checked the same
way: --files hashes loose files instead of reading the snapshots.

Usage: python3 eval/check_contamination.py --set dev --mirrors /work/.mirror
       python3 eval/check_contamination.py --files a.cs b.cs
"""
import argparse
import csv
import hashlib
import lzma
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest", default=os.path.join(HERE, "..", "corpus", "train-blobs.txt.xz"))
    ap.add_argument("--set", help="dev or test (eval/sets/SET.tsv and SET-typing.tsv)")
    ap.add_argument("--mirrors")
    ap.add_argument("--files", nargs="*", default=[])
    a = ap.parse_args()
    train = set(lzma.open(a.manifest, "rt").read().split())
    blobs = {}  # blob id -> where
    for f in a.files:
        data = open(f, "rb").read()
        blobs[hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()] = f
    if a.set:
        repos = {}
        for name in (f"{a.set}.tsv", f"{a.set}-typing.tsv"):
            for r in csv.DictReader(open(os.path.join(HERE, "sets", name)), delimiter="\t"):
                repos[r["repo"]] = r["commit"]
        for repo, commit in sorted(repos.items()):
            gitdir = os.path.join(a.mirrors, repo.replace("/", "+"), "repo")
            tree = subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", commit], check=True,
                                  capture_output=True, text=True).stdout
            for line in tree.splitlines():
                meta, path = line.split("\t", 1)
                if path.endswith(".cs"):
                    blobs[meta.split()[2]] = f"{repo}@{commit[:12]}:{path}"
    hits = sorted(w for b, w in blobs.items() if b in train)
    print(f"{len(blobs)} files checked against {len(train)} training blobs: {len(hits)} in training")
    for w in hits[:20]:
        print("  in training:", w)
    sys.exit(1 if hits else 0)


if __name__ == "__main__":
    main()
