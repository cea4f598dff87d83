"""How much of an inline suggestion to show, learned from eval traces (issue 17, "When to show").

Reads the traces `NanoLsp eval --trace` writes (typing-session cases, one per cursor position of each
line, and single cases) and fits a logistic regression P(the suggestion's prefix up to a word end is
exactly what comes next | features) over every word end of every shown suggestion. The features are the
server's own when it shows (ShowPolicy.Features in src/NanoLsp/Features/InlineCompletion/ShowPolicy.cs,
kept equal by hand: same names, same order, same clamps): whether the text is typed along an earlier
suggestion or copied from the repository, the prefix's length and words, whether it is the whole
suggestion, and the model's log-probabilities of the prefix's tokens.

It then replays the typing session with each suggestion cut to its longest prefix whose probability
reaches a threshold, for a range of thresholds, and picks, among those that save at least as many
keystrokes as the plain identifier completer, the one that saves the most with at most --max-wrong of
the shown suggestions wrong (or, when none does, the one with the fewest wrong). The policy is
written for the server to ship with the model (models/nano-csharp/show-policy.json).

The traces to fit on are made with every position visited, suggestions shown whole and declined ones kept
(`eval --every-position --no-show-policy --declined keep`, the ablation's `fit-trace` variant), so that each
position has a row. The replay then plays the server's rule for declined suggestions: once the user types
into a shown suggestion instead of taking it, typing along it shows nothing (TypingAlongCache). Replays are
still approximate (typing along in a trace followed the suggestion as it was made, not cut); the true figures
come from running eval again with the policy (training/eval/run_memory_ablation.sh).

Usage: python3 training/eval/show_filter.py --trace T.jsonl [T2.jsonl] --cases SET-typing.jsonl --out show-policy.json
"""
import argparse
import json
import math
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import identifier_completion, line_prefix, load, typing  # noqa: E402

FEATURES = ["bias", "typing_along", "from_memory", "mid_word", "log_length", "first_word", "words", "whole", "min_logprob", "mean_logprob"]
WORD = re.compile(r"\W*\w+|\W+")


def word_ends(text):
    ends, at = [], 0
    while at < len(text):
        m = WORD.match(text, at)
        if not m:
            break
        at = m.end()
        ends.append(at)
    return ends


def token_logprobs(row, end):
    """Constrained log-probabilities of the tokens that make up shown[:end] (the healing re-typed ones left out)."""
    if row["source"] == "TypingAlong":
        return []
    frm = row.get("shown_from")
    if frm:
        shown = row["shown"]
        entry = next((m for m in row.get("memory") or [] if m["text"].startswith(shown) or shown.startswith(m["text"])), None)
        if entry is None:
            return []
        texts, lps, retype = entry["token_texts"], entry["logprobs"], entry["retype"]
        sizes = entry.get("token_bytes")
    else:
        texts, lps = row["token_texts"], row["constrained_logprobs"]
        retype = [False] * len(texts)
        sizes = row.get("token_bytes")
    # Bytes per token as the server counts them; a token's text has lost those of a character it splits
    # (traces before token_bytes: from the text).
    sizes = sizes or [len(t.encode("utf-8")) for t in texts]
        # a token that only re-typed healed text has the first healed bytes in it: as the server, skip by bytes
    end_bytes = len(row["shown"][:end].encode("utf-8"))
    at, out = -row["healed_bytes"], []
    for n, lp, rt in zip(sizes, lps, retype):
        if at >= end_bytes:
            break
        if at + n > 0 and not rt:
            out.append(lp)
        at += n
    return out


def features(row, end):
    shown = row["shown"]
    lps = token_logprobs(row, end)
    return [1.0, 1.0 if row["source"] == "TypingAlong" else 0.0, 1.0 if row.get("shown_from") else 0.0,
            1.0 if row.get("mid_word") else 0.0, math.log(1 + end), 1.0 if len(word_ends(shown[:end])) == 1 else 0.0,
            len(word_ends(shown[:end])) / 5.0, 1.0 if end == len(shown) else 0.0,
            max(-6.0, min(lps)) if lps else 0.0, max(-6.0, sum(lps) / len(lps)) if lps else 0.0]


def probability(w, f):
    z = sum(a * b for a, b in zip(w, f))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def fit(rows, epochs=800, rate=0.2, l2=1e-3):
    data = [(features(r, end), 1.0 if r["expected"].startswith(r["shown"][:end]) else 0.0)
            for r in rows if r["shown"] and r.get("expected") is not None for end in word_ends(r["shown"])]
    w = [0.0] * len(FEATURES)
    for _ in range(epochs):
        grad = [0.0] * len(w)
        for f, y in data:
            e = probability(w, f) - y
            for i, x in enumerate(f):
                grad[i] += e * x
        w = [wi - rate * (g / len(data) + l2 * wi) for wi, g in zip(w, grad)]
    return w, len(data)


def cut(row, w, threshold):
    shown, best = row["shown"], ""
    if threshold <= 0:
        return shown
    for end in word_ends(shown):
        if probability(w, features(row, end)) < threshold:
            break
        best = shown[:end]
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trace", required=True, nargs="+")
    ap.add_argument("--cases", required=True, nargs="+", help="typing-session cases to replay")
    ap.add_argument("--all-cases", nargs="*", default=[], help="the traces' other cases (single), for old traces")
    ap.add_argument("--out", default="show-policy.json")
    ap.add_argument("--max-wrong", type=float, default=0.25)
    a = ap.parse_args()
    rows = [r for t in a.trace for r in load(t)]
    cases = [c for f in a.cases for c in load(f)]
    known = {c["id"]: c for f in a.all_cases + a.cases for c in load(f)}
    for r in rows:  # traces written before eval traced it: from the case's text
        if "mid_word" not in r and r["id"] in known:
            c = known[r["id"]]
            before = c["text"].split("\n")[c["line"]][:c["character"]]
            r["mid_word"] = bool(before) and (before[-1].isalnum() or before[-1] == "_")
    w, n = fit(rows)
    by_id = {r["id"]: r for r in rows}
    print(f"fitted on {n} prefixes of {sum(1 for r in rows if r['shown'])} shown suggestions")
    print("threshold  keystrokes_saved  wrong_shown  shown_per_line")
    results = []
    for t in [0, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96]:
        m = typing(cases, lambda c: cut(by_id[c["id"]], w, t) if c["id"] in by_id else "",
                   typed_along=lambda c: by_id[c["id"]]["source"] == "TypingAlong" if c["id"] in by_id else None)
        results.append((t, m))
        print(f"{t:9.2f}  {m['keystrokes_saved']:16.3f}  {m['wrong_shown']:11.3f}  {m['shown_per_line']:14.2f}")
    # Never below the plain identifier completer (the pipeline must not do worse than it); within that, the
    # most keystrokes saved with at most --max-wrong wrong, else the fewest wrong.
    floor = typing(cases, lambda c: identifier_completion(c["text"], c["line"], line_prefix(c)))["keystrokes_saved"]
    useful = [(t, m) for t, m in results if t > 0 and m["keystrokes_saved"] >= floor] or results[1:]
    within = [(t, m) for t, m in useful if m["wrong_shown"] <= a.max_wrong]
    t, m = max(within, key=lambda x: x[1]["keystrokes_saved"]) if within else min(useful, key=lambda x: (x[1]["wrong_shown"], -x[1]["keystrokes_saved"]))
    print(f"identifier completer saves {floor:.3f}")
    json.dump({"features": FEATURES, "weights": dict(zip(FEATURES, [round(x, 4) for x in w])), "threshold": t,
               "fitted_on": [os.path.basename(p) for p in a.trace], "replay": {k: round(v, 4) for k, v in m.items()}},
              open(a.out, "w"), indent=1)
    print(f"chose threshold {t}: {json.dumps({k: round(v, 3) for k, v in m.items()})}")


if __name__ == "__main__":
    main()
