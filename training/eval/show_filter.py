"""When to show an inline suggestion, learned from eval traces (issue 17, "When to show").

Reads the traces `NanoLsp eval --trace` writes on typing-session cases (one case per cursor position of
each line) and fits a logistic regression P(the suggestion is exactly what comes next | features); then
replays the typing session with the suggestions whose probability is under a threshold hidden, for a
range of thresholds, beside the traced server as it was (threshold 0). The features are the ones the
server has when it decides (docs/repository-memory.md, "When to show"); the chosen weights and threshold
are written as JSON for the server to ship with the model.

Usage: python3 training/eval/show_filter.py --trace T.jsonl --cases SET-typing.jsonl [--fit] [--weights W.json]
  --fit: fit on these traces and write W.json; without it: replay with the weights in W.json.
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import load, typing  # noqa: E402

FEATURES = ["bias", "typing_along", "from_line", "from_identifier", "log_len", "mean_logprob", "min_logprob",
            "first_logprob", "tokens", "multi_line", "support"]


def features(row):
    """The server's view of a suggestion it is about to show (no `expected`)."""
    shown = row["shown"]
    along = row["source"] == "TypingAlong"
    lp = row.get("constrained_logprobs") or []
    mem = {m["text"]: m for m in row.get("memory") or []}
    frm = row.get("shown_from")
    support = max((m["support"] for m in mem.values() if shown.startswith(m["text"][:len(shown)]) and m["text"]), default=0)
    return {
        "bias": 1.0,
        "typing_along": 1.0 if along else 0.0,
        "from_line": 1.0 if frm == "Line" else 0.0,
        "from_identifier": 1.0 if frm == "Identifier" else 0.0,
        "log_len": math.log(1 + len(shown)),
        "mean_logprob": 0.0 if along or not lp else max(-5.0, sum(lp) / len(lp)),
        "min_logprob": 0.0 if along or not lp else max(-8.0, min(lp)),
        "first_logprob": 0.0 if along or not lp else max(-8.0, lp[0]),
        "tokens": 0.0 if along else min(len(lp), 32) / 32,
        "multi_line": 1.0 if "\n" in shown else 0.0,
        "support": math.log(1 + support),
    }


def probability(w, f):
    z = sum(w[k] * f[k] for k in FEATURES)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def fit(rows, epochs=400, rate=0.1, l2=1e-3):
    data = [(features(r), 1.0 if r["expected"].startswith(r["shown"]) else 0.0) for r in rows if r["shown"]]
    w = {k: 0.0 for k in FEATURES}
    for _ in range(epochs):
        grad = {k: 0.0 for k in FEATURES}
        for f, y in data:
            e = probability(w, f) - y
            for k in FEATURES:
                grad[k] += e * f[k]
        for k in FEATURES:
            w[k] -= rate * (grad[k] / len(data) + l2 * w[k])
    return w


def replay(cases, rows, w, threshold):
    by_id = {r["id"]: r for r in rows}

    def suggest(c):
        r = by_id.get(c["id"])
        if r is None or not r["shown"]:
            return ""
        return r["shown"] if threshold <= 0 or probability(w, features(r)) >= threshold else ""
    return typing(cases, suggest)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trace", required=True, nargs="+")
    ap.add_argument("--cases", required=True, nargs="+")
    ap.add_argument("--weights", default="show-filter.json")
    ap.add_argument("--fit", action="store_true")
    a = ap.parse_args()
    rows = [r for t in a.trace for r in load(t)]
    cases = [c for f in a.cases for c in load(f)]
    if a.fit:
        w = fit(rows)
        json.dump({"features": FEATURES, "weights": w}, open(a.weights, "w"), indent=1)
    else:
        w = json.load(open(a.weights))["weights"]
    print("threshold  keystrokes_saved  wrong_shown  shown_per_line")
    for t in [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]:
        m = replay(cases, rows, w, t)
        print(f"{t:9.2f}  {m['keystrokes_saved']:16.3f}  {m['wrong_shown']:11.3f}  {m['shown_per_line']:14.2f}")
    print(json.dumps({k: round(v, 3) for k, v in w.items()}))


if __name__ == "__main__":
    main()
