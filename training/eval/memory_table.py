"""The repository memory's ablation table (docs/repository-memory.md) from run_memory_ablation.sh's
score files: single-case metrics and the typing session per variant, then the two plain floors.
Usage: python3 training/eval/memory_table.py EVAL/ablation-SET"""
import json
import os
import sys

folder = sys.argv[1]
rows = []
for name in sorted(f[:-5] for f in os.listdir(folder) if f.endswith(".json")):
    r = json.load(open(os.path.join(folder, name + ".json")))
    rows.append((name, r))
pct = lambda v: f"{100 * v:.1f} %"  # noqa: E731
print("| variant | exact | edit sim | chars saved | wrong shown (single) | keystrokes saved | wrong shown (typing) | shown / line | p50 ms |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for name, r in rows:
    s, t = r["model"]["all"], r["typing_model"]
    print(f"| {name} | {pct(s['exact_match'])} | {pct(s['edit_similarity'])} | {pct(s['chars_saved'])} | {pct(s['wrong_shown'])} | "
          f"{pct(t['keystrokes_saved'])} | {pct(t['wrong_shown'])} | {t['shown_per_line']:.2f} | {s.get('latency_p50_ms', 0)} |")
if rows:
    r = rows[0][1]
    for label, single, typ in [("identifier completer", r["identifier_completer"]["all"], r["typing_identifier_completer"]),
                               ("repository line completer", None, r.get("typing_repository_line_completer"))]:
        if typ is None:
            continue
        cells = ["-"] * 4 if single is None else [pct(single["exact_match"]), pct(single["edit_similarity"]), pct(single["chars_saved"]), pct(single["wrong_shown"])]
        print(f"| {label} | {' | '.join(cells)} | {pct(typ['keystrokes_saved'])} | {pct(typ['wrong_shown'])} | {typ['shown_per_line']:.2f} | - |")
