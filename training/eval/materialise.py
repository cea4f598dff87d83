"""Rebuilds evaluation-contract cases (docs/architecture.md) from the committed case lists
(eval/sets/*.tsv) and the fetched repository snapshots: each held-out repository's commit is
written out whole as the workspace, and each case's text is that commit's file with the rest of
the cursor's line removed.

Workspaces go under OUT/workspaces/owner+name (files of 4 MiB and more are not in a snapshot) (keep OUT outside this repository, or at least know
that a guard is added: a repository without its own Directory.Build.props / .targets /
Directory.Packages.props at its root gets an empty one, so MSBuild never walks up into NanoLsp's,
which set TreatWarningsAsErrors, ImplicitUsings and central package versions: the workspace builds
with a user's defaults). Texts are read as UTF-8, a BOM dropped and CRLF turned into LF (the corpus
does the same); line and character are zero-based, the character in UTF-16 units.

Writes OUT/{set}.jsonl (single cases, id `set/kind/NNN`) and, with --typing, OUT/{set}-typing.jsonl:
for each typing line one case per cursor position from the end of the indentation to the end of
the line (id `set/typing/LLL/PPP`, PPP the character offset in the line's content), in order.

Usage: python3 eval/materialise.py --mirrors /work/.mirror --set dev [--typing] [--out training/data/eval]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
GUARDS = {"Directory.Build.props": "<Project />\n", "Directory.Build.targets": "<Project />\n",
          "Directory.Packages.props": "<Project />\n"}


def show(gitdir, commit, path):
    data = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"{commit}:{path}"], check=True, capture_output=True).stdout
    return data.decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")


def workspace(mirrors, out, repo, commit):
    ws = os.path.join(out, "workspaces", repo.replace("/", "+"))
    stamp = os.path.join(ws, ".nanolsp-commit")
    if os.path.exists(stamp) and open(stamp).read().strip() == commit:
        return ws
    gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    os.makedirs(ws, exist_ok=True)
    # Not `git archive`: a snapshot lacks its blobs of 4 MiB and more (test data, binaries), and
    # archive stops at the first missing one. Written blob by blob; missing ones are listed.
    tree = [l.split("\t", 1) for l in subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "-r", commit],
                                                      check=True, capture_output=True, text=True).stdout.splitlines()]
    files = [(meta.split()[0], meta.split()[2], path) for meta, path in tree if meta.split()[1] == "blob"]
    cat = subprocess.Popen(["git", f"--git-dir={gitdir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    threading.Thread(target=lambda: (cat.stdin.write("".join(s + "\n" for _, s, _ in files).encode()), cat.stdin.close()),
                     daemon=True).start()
    missing = []
    for mode, sha, path in files:
        header = cat.stdout.readline().split()
        if header[1] == b"missing":
            missing.append(path)
            continue
        data = cat.stdout.read(int(header[2]))
        cat.stdout.read(1)
        full = os.path.join(ws, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if mode == "120000":  # a symlink: its target is the blob
            if not os.path.lexists(full):
                os.symlink(data.decode(), full)
            continue
        with open(full, "wb") as f:
            f.write(data)
        if mode == "100755":
            os.chmod(full, 0o755)
    cat.wait()
    if missing:
        print(f"{repo}: {len(missing)} files not in the snapshot (4 MiB and more), e.g. {missing[0]}", file=sys.stderr)
    for name, text in GUARDS.items():
        if not os.path.exists(os.path.join(ws, name)):
            with open(os.path.join(ws, name), "w") as f:
                f.write(text)
    with open(stamp, "w") as f:
        f.write(commit + "\n")
    return ws


def col_to_index(line, character):
    """UTF-16 column -> index into the Python string."""
    units = 0
    for i, c in enumerate(line):
        if units >= character:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(line)


def cut(text, li, ch):
    lines = text.split("\n")
    line = lines[li]
    i = col_to_index(line, ch)
    lines[li] = line[:i]
    return "\n".join(lines), line[i:].rstrip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", required=True)
    ap.add_argument("--set", required=True, help="dev or test (eval/sets/SET.tsv)")
    ap.add_argument("--typing", action="store_true", help="also SET-typing.jsonl, every position of the typing lines")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "eval"))
    ap.add_argument("--limit", type=int, default=0, help="first N cases only (quick checks)")
    ap.add_argument("--sets", default=os.path.join(HERE, "sets"), help="folder of the case lists")
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    os.makedirs(out, exist_ok=True)
    sets = a.sets
    texts = {}

    def text_of(repo, commit, path):
        key = (repo, commit, path)
        if key not in texts:
            texts[key] = show(os.path.join(a.mirrors, repo.replace("/", "+"), "repo"), commit, path)
        return texts[key]

    rows = list(csv.DictReader(open(os.path.join(sets, f"{a.set}.tsv")), delimiter="\t"))
    rows = rows[:a.limit] if a.limit else rows
    n = 0
    with open(os.path.join(out, f"{a.set}.jsonl"), "w", encoding="utf-8") as f:
        for i, r in enumerate(rows):
            ws = workspace(a.mirrors, out, r["repo"], r["commit"])
            text, expected = cut(text_of(r["repo"], r["commit"], r["file"]), int(r["line"]), int(r["character"]))
            f.write(json.dumps({"id": f"{a.set}/{r['kind']}/{i:03d}", "workspace": ws, "file": r["file"],
                                "line": int(r["line"]), "character": int(r["character"]), "text": text,
                                "expected": expected}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{a.set}: {n} cases", file=sys.stderr)
    if not a.typing:
        return
    rows = list(csv.DictReader(open(os.path.join(sets, f"{a.set}-typing.tsv")), delimiter="\t"))
    rows = rows[:a.limit] if a.limit else rows
    n = 0
    with open(os.path.join(out, f"{a.set}-typing.jsonl"), "w", encoding="utf-8") as f:
        for li, r in enumerate(rows):
            ws = workspace(a.mirrors, out, r["repo"], r["commit"])
            full = text_of(r["repo"], r["commit"], r["file"])
            line = full.split("\n")[int(r["line"])].rstrip()
            indent = len(line) - len(line.lstrip())
            for p in range(indent, len(line)):
                ch = len(line[:p].encode("utf-16-le")) // 2
                text, expected = cut(full, int(r["line"]), ch)
                f.write(json.dumps({"id": f"{a.set}/typing/{li:03d}/{p - indent:03d}", "workspace": ws, "file": r["file"],
                                    "line": int(r["line"]), "character": ch, "text": text, "expected": expected},
                                   ensure_ascii=False) + "\n")
                n += 1
    print(f"{a.set}: {len(rows)} typing lines, {n} positions", file=sys.stderr)


if __name__ == "__main__":
    main()
