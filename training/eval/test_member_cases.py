"""member_cases.py on a tiny workspace: each case cuts the file right after a member access's '.', the expected
text is the rest of that line, and comments, strings, usings and build output give no case."""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

with tempfile.TemporaryDirectory() as root:
    src = os.path.join(root, "Owner+Repo", "src")
    os.makedirs(os.path.join(root, "Owner+Repo", "obj"))
    os.makedirs(src)
    with open(os.path.join(src, "Shop.cs"), "w") as f:
        f.write("using System.Linq;\nnamespace Shop;\n// a comment: items.Count\npublic class Cart\n{\n"
                "    public string Label() => \"cart.Total\";\n    public int Count(int[] items) => items.Sum();\n}\n")
    with open(os.path.join(root, "Owner+Repo", "obj", "Gen.cs"), "w") as f:
        f.write("class Gen { int X(int[] a) => a.Length; }\n")
    out = os.path.join(root, "member.jsonl")
    subprocess.run([sys.executable, os.path.join(HERE, "member_cases.py"), "--workspaces", root, "--out", out], check=True)
    cases = [json.loads(line) for line in open(out)]
    assert len(cases) == 1, cases
    case = cases[0]
    assert case["file"] == os.path.join("src", "Shop.cs"), case["file"]
    line = case["text"].split("\n")[case["line"]]
    assert line == "    public int Count(int[] items) => items.", line
    assert case["character"] == len(line) and case["expected"] == "Sum();", case
    assert case["text"].split("\n")[case["line"] + 1] == "}", "the lines after the caret stay"
print("member cases: ok")
