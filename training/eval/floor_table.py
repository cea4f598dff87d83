"""Markdown tables of the floor (eval/run_floor.sh's score files): single cases and typing session,
model with and without filters beside the identifier completer, per set; all cases and the cases
whose file the server loaded.

Usage: python3 eval/floor_table.py [EVAL_DIR]
"""
import json
import os
import sys

# score files SET-VARIANT[.loaded].json: run_floor.sh writes filters / nofilters (deadline 2000 ms);
# filters30 / nofilters30 are single-case runs with a 30 s deadline (nothing dropped for time)
VARIANTS = [("filters", "model, filters, 2 s"), ("nofilters", "model, no filters, 2 s"),
            ("filters30", "model, filters, 30 s"), ("nofilters30", "model, no filters, 30 s")]


def pct(x):
    return f"{100 * x:.1f} %"


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "eval")
    print("| set | cases | variant | exact | edit sim | chars saved | wrong shown | shown | p50 ms |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in ("dev", "test"):
        for scope, suffix in (("all", ""), ("loaded", ".loaded")):
            rows = []
            for v, label in VARIANTS:
                p = os.path.join(d, f"{s}-{v}{suffix}.json")
                if not os.path.exists(p):
                    continue
                r = json.load(open(p))
                m = r["model"]["all"]
                rows.append((label, m, m.get("latency_p50_ms")))
                floor = r["identifier_completer"]["all"]
            if not rows:
                continue
            rows.append(("identifier completer", floor, None))
            for name, m, lat in rows:
                print(f"| {s} | {scope} ({m['cases']}) | {name} | {pct(m['exact_match'])} | {pct(m['edit_similarity'])} | "
                      f"{pct(m['chars_saved'])} | {pct(m['wrong_shown'])} | {pct(m['shown'])} | {lat if lat is not None else '-'} |")
    print()
    print("| set | lines | variant | keystrokes saved | accepts / line | shown / line | wrong shown |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for s in ("dev", "test"):
        for scope, suffix in (("all", ""), ("loaded", ".loaded")):
            rows = []
            for v, label in VARIANTS:
                p = os.path.join(d, f"{s}-{v}{suffix}.json")
                if not os.path.exists(p) or "typing_model" not in json.load(open(p)):
                    continue
                r = json.load(open(p))
                rows.append((label, r["typing_model"]))
                floor = r["typing_identifier_completer"]
            if not rows:
                continue
            rows.append(("identifier completer", floor))
            for name, t in rows:
                print(f"| {s} | {scope} ({t['lines']}, {t['chars']} chars) | {name} | {pct(t['keystrokes_saved'])} | "
                      f"{t['accepts_per_line']:.2f} | {t['shown_per_line']:.2f} | {pct(t['wrong_shown'])} |")


if __name__ == "__main__":
    main()
