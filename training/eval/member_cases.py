"""Member-access positions (the caret right after `receiver.`) sampled from materialised workspaces, as
evaluation-contract cases, for `nanolsp eval-rank`: the contract's sets hold few of them (7 of the dev set's
180 cases, 11 of its typing positions), too few to judge the completion list's ranking after '.'.

Lines are picked as make_repo_cases.py picks code lines (no comments, usings, attributes alone, strings); a
`.` counts when an identifier, `)`, `]` or `>` comes before it and an identifier after it. Files under bin/,
obj/ and generated files are skipped. Seeded; at most --per-repo positions per workspace, one per file.

Usage: python3 training/eval/member_cases.py --workspaces /work/data/eval/workspaces --out member.jsonl [--per-repo 30] [--seed 1]
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_repo_cases import code_line, in_string_or_comment, utf16  # noqa: E402

MEMBER = re.compile(r"(?<=[\w)\]>])\.(?=[A-Za-z_])")
SKIP_DIRS = {"bin", "obj", ".git", "node_modules"}


def source_files(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
        for f in sorted(files):
            if f.endswith(".cs") and not f.endswith((".g.cs", ".Designer.cs", ".generated.cs")):
                yield os.path.join(d, f)


def member_spots(line):
    code = line.rstrip()
    return [m.end() for m in MEMBER.finditer(code)
            if not in_string_or_comment(code, m.start()) and not code[:m.start()].rstrip().endswith("using")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workspaces", required=True, help="folder of materialised workspaces (materialise.py's out/workspaces)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-repo", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    n = 0
    with open(a.out, "w", encoding="utf-8") as out:
        for repo in sorted(os.listdir(a.workspaces)):
            root = os.path.join(a.workspaces, repo)
            files = list(source_files(root))
            rng.shuffle(files)
            taken = 0
            for path in files:
                if taken >= a.per_repo:
                    break
                try:
                    text = open(path, encoding="utf-8").read().lstrip("\ufeff").replace("\r\n", "\n")
                except (UnicodeDecodeError, OSError):
                    continue
                lines = text.split("\n")
                spots = [(li, p) for li, line in enumerate(lines) if code_line(line) for p in member_spots(line)]
                if not spots:
                    continue
                li, p = rng.choice(spots)
                line = lines[li]
                cut = lines[:li] + [line[:p]] + lines[li + 1:]
                out.write(json.dumps({"id": f"member/{repo}/{taken:03d}", "workspace": root,
                                      "file": os.path.relpath(path, root), "line": li, "character": utf16(line[:p]),
                                      "text": "\n".join(cut), "expected": line[p:].rstrip()}, ensure_ascii=False) + "\n")
                taken += 1
                n += 1
    print(f"{n} member-access cases", file=sys.stderr)


if __name__ == "__main__":
    main()
