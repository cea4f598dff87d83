"""Writes line-completion cases in the evaluation-contract shape for the server's `eval` command.

Takes a few small MIT-licensed files of the held-out test split (corefx's
System.Security.Cryptography.Xml, never trained on), copies them into a workspace folder with
a minimal project file, and cuts cases from them as line_eval.py does.

Usage: python3 eval/make_cases.py --corpus training/data/corpus --out training/eval/cases [--cases 40]
Paths in the cases are relative to the repository root.
"""
import argparse
import json
import os
import random

from line_eval import pick_cases, read_split

PROJECT = "mono/corefx/System.Security.Cryptography.Xml"
CSPROJ = """<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>disable</Nullable>
    <NoWarn>$(NoWarn);CS0618;SYSLIB0021;SYSLIB0023</NoWarn>
  </PropertyGroup>
</Project>
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cases", type=int, default=40)
    ap.add_argument("--files", type=int, default=8)
    a = ap.parse_args()
    docs = [d for d in read_split(a.corpus, "test") if d["project"] == PROJECT and "/tests/" not in d["path"]
            and 2000 < len(d["text"]) < 12000]
    docs.sort(key=lambda d: d["path"])
    docs = random.Random(0).sample(docs, min(a.files, len(docs)))
    ws = os.path.join(a.out, "workspace")
    os.makedirs(ws, exist_ok=True)
    with open(os.path.join(ws, "CasesWorkspace.csproj"), "w") as f:
        f.write(CSPROJ)
    for d in docs:
        with open(os.path.join(ws, os.path.basename(d["path"])), "w", encoding="utf-8") as f:
            f.write(d["text"])
    root = os.path.relpath(ws, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    with open(os.path.join(a.out, "corefx-xml.jsonl"), "w", encoding="utf-8") as f:
        for i, (d, li, ch, expected) in enumerate(pick_cases(docs, a.cases, seed=1)):
            lines = d["text"].split("\n")
            col = len(lines[li][:ch].encode("utf-16-le")) // 2  # LSP columns are UTF-16 units
            lines[li] = lines[li][:ch]
            f.write(json.dumps({"id": f"corefx-xml-{i:03d}", "workspace": root,
                                "file": os.path.basename(d["path"]), "line": li, "character": col,
                                "text": "\n".join(lines), "expected": expected}) + "\n")


if __name__ == "__main__":
    main()
