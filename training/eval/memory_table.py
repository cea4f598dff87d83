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
    s, t = r.get("model", {}).get("all"), r.get("typing_model")
    single = [pct(s['exact_match']), pct(s['edit_similarity']), pct(s['chars_saved']), pct(s['wrong_shown'])] if s else ["-"] * 4
    typ = [pct(t['keystrokes_saved']), pct(t['wrong_shown']), f"{t['shown_per_line']:.2f}"] if t else ["-"] * 3
    print(f"| {name} | {' | '.join(single)} | {' | '.join(typ)} | {s.get('latency_p50_ms', 0) if s else '-'} |")
single_floor = next((r["identifier_completer"]["all"] for _, r in rows if "identifier_completer" in r), None)
typing_floors = next((r for _, r in rows if "typing_identifier_completer" in r), None)
if typing_floors or single_floor:
    for label, key_single, key_typing in [("identifier completer", True, "typing_identifier_completer"),
                                          ("repository line completer", False, "typing_repository_line_completer")]:
        single = single_floor if key_single else None
        typ = typing_floors.get(key_typing) if typing_floors else None
        cells = [pct(single["exact_match"]), pct(single["edit_similarity"]), pct(single["chars_saved"]), pct(single["wrong_shown"])] if single else ["-"] * 4
        tcells = [pct(typ["keystrokes_saved"]), pct(typ["wrong_shown"]), f"{typ['shown_per_line']:.2f}"] if typ else ["-"] * 3
        print(f"| {label} | {' | '.join(cells)} | {' | '.join(tcells)} | - |")
