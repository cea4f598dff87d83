"""Picks the dev and test cases from the held-out repositories of the modern corpus
(corpus/build_modern.py: split val = dev repositories, test = test repositories).

Writes only compact, committed case lists (no code): per set `sets/{set}.tsv` with
`kind repo commit file line character` (zero-based line, UTF-16 column, as LSP) and
`sets/{set}-typing.tsv` with `repo commit file line` (whole lines for the typing session).
eval/materialise.py rebuilds the contract cases from the fetched commits.

Cursor kinds, on lines of real code (no comments, usings, namespaces, attributes on their own,
braces-only lines, preprocessor, raw strings):
- `start`: after the indentation, the whole line expected;
- `after`: right after a non-identifier character (`.`, `(`, `= `, `, `, `<`, ...);
- `inside`: inside an identifier (`Get|Value`).
Files that are generated, vendored or duplicated in the Debian corpus (the shipped model saw them)
never get a case: only the corpus's cleaned held-out files are candidates.

Usage: python3 eval/make_repo_cases.py --corpus training/data/modern [--per-repo 40] [--typing-per-repo 5]
"""
import argparse
import gzip
import glob
import json
import os
import random
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("start", "after", "inside")
NOT_CODE = re.compile(r"^(//|/\*|\*|#|using\s+[\w.]+\s*;|using\s+\w+\s*=|using\s+static\s|global\s+using\s|"
                      r"namespace\s|\[assembly:|\[module:|extern\s+alias)")
PUNCT_ONLY = re.compile(r"^[\s{}()\[\];,]*$")
IDENT = re.compile(r"\w")


def code_line(line):
    """True for a line a user types as code."""
    s = line.strip()
    if len(s) < 6 or NOT_CODE.match(s) or PUNCT_ONLY.match(s) or '"""' in s or len(line) > 160:
        return False
    if re.fullmatch(r"\[[^\]]*\]", s):  # an attribute line alone: more like metadata than code
        return False
    return True


def in_string_or_comment(line, p):
    """Rough: an odd number of quotes before p, or a // before p."""
    head = line[:p]
    return head.count('"') % 2 == 1 or "//" in head or "/*" in head or head.count("'") % 2 == 1


def spots(line, kind):
    code = line.rstrip()
    indent = len(line) - len(line.lstrip())
    if kind == "start":
        return [indent]
    out = []
    for p in range(indent + 1, len(code) - 2):
        if len(code[p:].strip()) < 3 or in_string_or_comment(code, p):
            continue
        prev_ident, next_ident = bool(IDENT.match(code[p - 1])), bool(IDENT.match(code[p]))
        if kind == "after" and not prev_ident and not code[p].isspace():
            out.append(p)
        elif kind == "inside" and prev_ident and next_ident:
            out.append(p)
    return out


def utf16(s):
    return len(s.encode("utf-16-le")) // 2


def read_split(corpus, split):
    for p in sorted(glob.glob(os.path.join(corpus, f"{split}-*.jsonl.gz"))):
        with gzip.open(p, "rt", encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", default=os.path.join(HERE, "sets"))
    ap.add_argument("--per-repo", type=int, default=40)
    ap.add_argument("--typing-per-repo", type=int, default=5)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for split, name in (("val", "dev"), ("test", "test")):
        by_repo = defaultdict(list)
        for d in read_split(a.corpus, split):
            if not d.get("seen_by_shipped") and 800 <= len(d["text"]) <= 40_000:
                by_repo[d["repo"]].append(d)
        rows, typing = [], []
        for repo in sorted(by_repo):
            rng = random.Random(f"{name}/{repo}")  # stable per repository, whatever else changes
            docs = sorted(by_repo[repo], key=lambda d: d["path"])
            cands = [(d, i, l) for d in docs for i, l in enumerate(d["text"].split("\n")) if code_line(l)]
            rng.shuffle(cands)
            used, per_file = set(), defaultdict(int)
            cap = max(3, -(-a.per_repo // max(len(docs), 1)))  # spread over files; a small repository gives more per file
            quota = {k: a.per_repo // 3 + (1 if j < a.per_repo % 3 else 0) for j, k in enumerate(KINDS)}
            for d, i, line in cands:
                if sum(quota.values()) == 0:
                    break
                if (d["path"], i) in used or per_file[d["path"]] >= cap:
                    continue
                for k in rng.sample(KINDS, 3):
                    ps = spots(line, k) if quota[k] else []
                    if ps:
                        p = rng.choice(ps)
                        rows.append((k, repo, d["commit"], d["path"], i, utf16(line[:p])))
                        quota[k] -= 1
                        used.add((d["path"], i))
                        per_file[d["path"]] += 1
                        break
            # Typing lines: other lines than the cases', from other files where possible.
            n = 0
            for d, i, line in cands:
                if n == a.typing_per_repo:
                    break
                if (d["path"], i) in used or per_file[d["path"]] >= cap + a.typing_per_repo or len(line.strip()) < 12:
                    continue
                typing.append((repo, d["commit"], d["path"], i))
                used.add((d["path"], i))
                per_file[d["path"]] += 1
                n += 1
            print(f"{name} {repo}: {len(docs)} candidate files, {sum(1 for r in rows if r[1] == repo)} cases, {n} typing lines", file=sys.stderr)
        with open(os.path.join(a.out, f"{name}.tsv"), "w") as f:
            f.write("kind\trepo\tcommit\tfile\tline\tcharacter\n")
            f.writelines("\t".join(map(str, r)) + "\n" for r in rows)
        with open(os.path.join(a.out, f"{name}-typing.tsv"), "w") as f:
            f.write("repo\tcommit\tfile\tline\n")
            f.writelines("\t".join(map(str, r)) + "\n" for r in typing)


if __name__ == "__main__":
    main()
