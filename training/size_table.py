"""The table of training/size_sweep.sh: per model, the median over rounds of each benchmark line's
median, and the parameters. Usage: python3 size_table.py .cache/sizes/bench.txt"""
import re
import statistics
import sys
from collections import defaultdict


def main():
    rows, params, name = defaultdict(lambda: defaultdict(list)), {}, None
    for line in open(sys.argv[1], encoding="utf-8"):
        if m := re.match(r"== (\S+) round", line):
            name = m.group(1)
        elif m := re.match(r"model .*\((\d+\.\d) MB onnx\), layers (\d+), hidden (\d+)", line):
            params[name] = f"{m.group(1)} MB"
        elif m := re.match(r"(prefill \d+|decode/token after \d+|cache hit[^ ]*(?: [^ ]+)* of \d+)\s+median\s+([\d.]+) ms", line):
            rows[name][m.group(1)].append(float(m.group(2)))
        elif m := re.match(r"peak memory.*: (\d+) MiB", line):
            rows[name]["peak MiB"].append(float(m.group(1)))
    cols = sorted({c for r in rows.values() for c in r}, key=lambda c: (c.startswith("peak"), c))
    print("| model | onnx | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 2) + "|")
    for n, r in rows.items():
        print(f"| {n} | {params.get(n, '?')} | " + " | ".join(f"{statistics.median(r[c]):.1f}" if r[c] else "" for c in cols) + " |")
    print(f"(medians over {max(len(v) for r in rows.values() for v in r.values())} rounds, ms unless named)")


if __name__ == "__main__":
    main()
