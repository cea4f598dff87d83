"""Writes the dev set: line-completion cases in the evaluation-contract shape, cut from held-out
projects of the VAL split (never trained on), one workspace folder per project.

Each workspace holds the project's files (the case files and, within a size cap, its other files,
so Roslyn has the declarations a context header is built from) and a minimal net10.0 csproj.
Case kinds (in the id): `line` (cursor after the indentation: the whole line is expected), `mid`
(cursor inside the line's code), `dot` (cursor right after `expr.`), `new` (right after `new `).
Every case expects the rest of its line. The corpus's val split is mono only, so the projects differ
but the package does not.

Usage: python3 eval/make_devset.py --corpus training/data/corpus --out training/eval/devset [--cases 200]
Paths in the cases are relative to the repository root.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from line_eval import read_split  # noqa: E402

PROJECTS = [
    "mono/corefx/System.ComponentModel.TypeConverter",
    "mono/corefx/System.Linq.Parallel",
    "mono/corefx/System.IO.Ports",
    "mono/corefx/System.Net.Sockets",
    "mono/corefx/System.Diagnostics.Process",
    "mono/corefx/System.IO.Pipes",
    "mono/corefx/System.Composition.TypedParts",
    "mono/corefx/System.Security.Claims",
    "mono/mcs/class/System.ServiceModel.Discovery",
    "mono/mcs/class/Microsoft.Build.Framework",
    "mono/mcs/class/Mono.Profiler.Log",
    "mono/mcs/class/Mono.WebBrowser",
]
KINDS = [("line", 0.35), ("mid", 0.35), ("dot", 0.15), ("new", 0.15)]
CSPROJ = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <EnableDefaultCompileItems>true</EnableDefaultCompileItems>
    <NoWarn>$(NoWarn);CS0618;SYSLIB0021;SYSLIB0023</NoWarn>
  </PropertyGroup>
</Project>
"""
SKIP = ("//", "/*", "*", "#", "using ", "[assembly", "namespace ")


def cursor(line, kind, rng):
    """Cursor column for a case of this kind in this line, or None."""
    code = line.rstrip()
    indent = len(line) - len(line.lstrip())
    if len(code) - indent < 6 or code.lstrip().startswith(SKIP) or code.strip() in ("{", "}", "});", "};"):
        return None
    if kind == "line":
        return indent
    if kind == "mid":
        return rng.randrange(indent + 1, len(code) - 2) if len(code) - indent > 4 else None
    pat = r"[\w)\]]\.(?=[A-Za-z_])" if kind == "dot" else r"\bnew (?=[A-Za-z_])"
    spots = [m.end() for m in re.finditer(pat, code) if len(code) - m.end() >= 3 and '"' not in code[:m.end()]]
    return rng.choice(spots) if spots else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--workspace-bytes", type=int, default=80_000, help="cap on each project's files")
    ap.add_argument("--max-case-file", type=int, default=9000, help="case files are at most this many bytes")
    a = ap.parse_args()
    rng = random.Random(7)
    val = [d for d in read_split(a.corpus, "val") if d["project"] in PROJECTS]
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    per_project = -(-a.cases // len(PROJECTS))
    out_cases = []
    for proj in PROJECTS:
        docs = sorted((d for d in val if d["project"] == proj), key=lambda d: d["path"])
        if not docs:
            print(f"skip {proj}: not in val", file=sys.stderr)
            continue
        rng.shuffle(docs)
        case_docs = [d for d in docs if 1500 < len(d["text"]) <= a.max_case_file][:6]
        # Workspace: the case files first, then other files of the project while under the cap.
        files, size = [], 0
        for d in case_docs + [d for d in docs if d not in case_docs]:
            if d in case_docs or size + len(d["text"]) <= a.workspace_bytes:
                files.append(d)
                size += len(d["text"])
        name = proj.split("/")[-1]
        ws = os.path.join(a.out, name)
        os.makedirs(ws, exist_ok=True)
        with open(os.path.join(ws, name + ".Dev.csproj"), "w") as f:
            f.write(CSPROJ)
        used = {}
        for d in files:
            base = os.path.basename(d["path"])
            if base in used.values():
                base = d["path"].replace("/", "_")[-80:]
            used[d["path"]] = base
            with open(os.path.join(ws, base), "w", encoding="utf-8") as f:
                f.write(d["text"])
        rel = os.path.relpath(ws, repo)
        for kind, share in KINDS:  # a quota per kind: `new` and `dot` lines are rare, so search for them
            spots = []
            for d in case_docs:
                for li, line in enumerate(d["text"].split("\n")):
                    ch = cursor(line, kind, rng)
                    if ch is not None and len(line[ch:].strip()) >= 3:
                        spots.append((d, li, ch))
            for i, (d, li, ch) in enumerate(rng.sample(spots, min(len(spots), round(per_project * share)))):
                lines = d["text"].split("\n")
                col = len(lines[li][:ch].encode("utf-16-le")) // 2  # LSP columns are UTF-16 units
                expected = lines[li][ch:].rstrip()
                lines[li] = lines[li][:ch]
                out_cases.append({"id": f"dev-{name}-{kind}-{i:02d}", "workspace": rel, "file": used[d["path"]],
                                  "line": li, "character": col, "text": "\n".join(lines), "expected": expected})
    out_cases = out_cases[:a.cases]
    with open(os.path.join(a.out, "devset.jsonl"), "w", encoding="utf-8") as f:
        for c in out_cases:
            f.write(json.dumps(c) + "\n")
    kinds = {k: sum(1 for c in out_cases if f"-{k}-" in c["id"]) for k, _ in KINDS}
    print(f"{len(out_cases)} cases from {len({c['workspace'] for c in out_cases})} projects: {kinds}", file=sys.stderr)


if __name__ == "__main__":
    main()
