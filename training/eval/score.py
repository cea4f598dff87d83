"""Scores `NanoLsp eval` predictions on materialised cases (eval/materialise.py), with the metrics of
docs/architecture.md ("Evaluation contract"), beside the plain identifier completer (the floor).

Single cases (SET.jsonl), computed as the server's CompletionMetrics (first line for exact match and
edit similarity, the whole suggestion for chars saved and wrong shown): exact match, edit similarity, chars saved, wrong shown, shown; overall and
per cursor kind. Typing session (SET-typing.jsonl, one case per position of each line, in order):
walking each line from its indentation, a suggestion is accepted with one Tab when it has at least
2 characters and is exactly what comes next (the cursor jumps past it); otherwise one character is
typed. Keystrokes saved = (accepted chars - one Tab per accept) / chars of the lines; wrong shown =
shown suggestions that were not what came next; accepts and suggestions shown per line. `eval` visits the
typing positions as this user does (src/NanoLsp/Eval/TypingSessionReplay.cs: the server sees the session's
history, what it showed and whether it was taken), so its predictions are exactly the positions read here.

The repository line completer (the second floor): the most frequent line of the repository (every .cs
file of the case's workspace outside obj/ and bin/, the case's own file as the case text without the
cursor's line) that starts with what was typed of the line (after its indentation) and goes on; it
suggests the next word of that line's rest (spaces and punctuation up to and including one word).

The identifier completer: at a cursor right after an identifier fragment, the most frequent
identifier of the same file (the case text) that starts with the fragment and is longer than it
(ties: the first in the file); it suggests the rest of that identifier. It needs no model and no
server, so it is scored on the same cases.

Usage: python3 eval/score.py --cases SET.jsonl --pred PRED.jsonl [--typing-cases SET-typing.jsonl --typing-pred P.jsonl]
           [--loaded-only EVAL.stderr] [--out R.json]
"""
import argparse
import bisect
import os
import json
import re
import sys
from collections import Counter, defaultdict

IDENT = re.compile(r"[A-Za-z_]\w*")
FRAGMENT = re.compile(r"[A-Za-z_]\w*$")


def first_line(s):
    return s.split("\n", 1)[0].rstrip("\r")


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def identifier_completion(text, line, character_index_line_prefix):
    """Rest of the most frequent same-file identifier that extends the fragment before the cursor."""
    m = FRAGMENT.search(character_index_line_prefix)
    if not m:
        return ""
    frag = m.group(0)
    counts = Counter(w for w in IDENT.findall(text) if w.startswith(frag) and len(w) > len(frag))
    if not counts:
        return ""
    best = max(counts.values())
    word = next(w for w in counts if counts[w] == best)  # Counter keeps first-seen order
    return word[len(frag):]


WORD = re.compile(r"^(\W*\w+|\W+)")


class RepoLines:
    """Trimmed lines of a workspace's .cs files, counted, for the repository line completer."""

    def __init__(self):
        self.repos = {}

    def _repo(self, root):
        if root not in self.repos:
            per_file = {}
            for d, dirs, files in os.walk(root):
                dirs[:] = [x for x in dirs if x not in ("obj", "bin", ".git")]
                for f in files:
                    if f.endswith(".cs"):
                        path = os.path.join(d, f)
                        try:
                            text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
                        except (UnicodeDecodeError, OSError):
                            continue
                        per_file[os.path.relpath(path, root)] = Counter(l.strip() for l in text.split("\n") if l.strip())
            total = Counter()
            for c in per_file.values():
                total.update(c)
            self.repos[root] = (per_file, total, sorted(total))
        return self.repos[root]

    def suggest(self, case):
        per_file, total, ordered = self._repo(case["workspace"])
        typed = line_prefix(case).lstrip()
        if not typed:
            return ""
        lines = case["text"].split("\n")
        own = Counter(l.strip() for i, l in enumerate(lines) if i != case["line"] and l.strip())
        disk = per_file.get(case["file"], Counter())
        best, best_count = None, 0
        for line in ordered[bisect.bisect_left(ordered, typed):]:
            if not line.startswith(typed):
                break
            if len(line) == len(typed):
                continue
            n = total[line] - disk[line] + own[line]
            if n > best_count:
                best, best_count = line, n
        for line, n in own.items():  # lines of the case's own text that the disk file lacks
            if line.startswith(typed) and len(line) > len(typed) and line not in total and n > best_count:
                best, best_count = line, n
        if best is None:
            return ""
        m = WORD.match(best[len(typed):])
        return m.group(0) if m else ""


def line_prefix(case):
    """The cursor's line up to the cursor (the case text's line is already cut there)."""
    return case["text"].split("\n")[case["line"]]


def single(cases, preds):
    per = defaultdict(lambda: Counter())
    for c in cases:
        full = preds.get(c["id"], "")
        got, exp = first_line(full), c["expected"]
        for key in ("all", c["id"].split("/")[1]):
            s = per[key]
            s["cases"] += 1
            s["exact"] += got.rstrip() == exp.rstrip()
            s["edit_sim"] += 1 - levenshtein(got, exp) / max(len(got), len(exp), 1)
            s["expected_chars"] += len(exp)
            if full:  # as the server's CompletionMetrics: a multi-line suggestion is never a prefix of the line
                s["shown"] += 1
                if exp.startswith(full):
                    s["saved_chars"] += len(full)
                else:
                    s["wrong"] += 1
    return {k: {"cases": s["cases"], "exact_match": s["exact"] / s["cases"], "edit_similarity": s["edit_sim"] / s["cases"],
                "chars_saved": s["saved_chars"] / max(s["expected_chars"], 1), "shown": s["shown"] / s["cases"],
                "wrong_shown": s["wrong"] / max(s["shown"], 1)} for k, s in per.items()}


def typing(cases, suggest, typed_along=None):
    """suggest(case) -> suggestion text at that case's cursor. typed_along(case) -> whether that suggestion only types
    along an earlier one (None: unknown); given it, the server's rule for declined suggestions is replayed (show_filter.py
    replays traces made with declined suggestions kept): once the user types into a shown suggestion instead of taking
    it, typing along it shows nothing until the model is asked again (TypingAlongCache)."""
    lines = defaultdict(dict)
    for c in cases:
        _, _, li, p = c["id"].split("/")
        lines[li][int(p)] = c
    t = Counter()
    for li, pos in lines.items():
        n = max(pos) + 1
        line = pos[0]["expected"]  # at the first position the whole line (after the indent) is what comes next
        assert len(line) == n, (li, len(line), n)
        t["lines"] += 1
        t["chars"] += n
        p, declined = 0, False
        while p < n:
            s = suggest(pos[p])  # whole suggestion: more lines than this one would not be what comes next
            along = typed_along(pos[p]) if typed_along else None
            if along and declined:
                s = ""
            elif along is False:
                declined = False
            rest = line[p:]
            if s:
                t["shown"] += 1
                if not rest.startswith(s):
                    t["wrong"] += 1
            if len(s) >= 2 and rest.startswith(s):
                t["accepts"] += 1
                t["accepted_chars"] += len(s)
                p += len(s)
                declined = False
            else:
                declined = declined or bool(s)
                p += 1
    return {"lines": t["lines"], "chars": t["chars"],
            "keystrokes_saved": (t["accepted_chars"] - t["accepts"]) / max(t["chars"], 1),
            "accepts_per_line": t["accepts"] / max(t["lines"], 1), "shown_per_line": t["shown"] / max(t["lines"], 1),
            "wrong_shown": t["wrong"] / max(t["shown"], 1)}


def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.endswith("\n")]  # a cut-short run ends mid-line


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases")
    ap.add_argument("--pred")
    ap.add_argument("--typing-cases")
    ap.add_argument("--typing-pred")
    ap.add_argument("--out")
    ap.add_argument("--loaded-only", metavar="EVAL_STDERR",
                    help="score only cases whose file the server loaded (eval's stderr names the others)")
    ap.add_argument("--partial", action="store_true", help="score the cases that have a prediction (a run cut short)")
    a = ap.parse_args()
    res = {}
    skip = set()
    if a.loaded_only:  # "eval: ID: FILE is not a document of ROOT; predicted empty."
        skip = {l.split(": ")[1] for l in open(a.loaded_only, encoding="utf-8") if "is not a document of" in l}
        res["not_loaded_cases"] = len(skip)
    ident = lambda c: identifier_completion(c["text"], c["line"], line_prefix(c))  # noqa: E731
    # The identifier completer is scored on exactly the cases the model is scored on.
    if a.cases:
        cases = [c for c in load(a.cases) if c["id"] not in skip]
        preds = {p["id"]: p["completion"] for p in load(a.pred)} if a.pred else None
        if preds is not None:
            missing = [c["id"] for c in cases if c["id"] not in preds]
            if missing and not a.partial:
                sys.exit(f"{len(missing)} cases without a prediction, e.g. {missing[:3]}")
            if missing:  # a run cut short: score what it predicted, and say so
                res["unpredicted_cases"] = len(missing)
                cases = [c for c in cases if c["id"] in preds]
            res["model"] = single(cases, preds)
            lat = sorted(p["latency_ms"] for p in load(a.pred) if p["id"] in {c["id"] for c in cases} and p["latency_ms"] > 0) or [0]  # scored, made cases
            res["model"]["all"]["latency_p50_ms"] = lat[len(lat) // 2]
        res["identifier_completer"] = single(cases, {c["id"]: ident(c) for c in cases})
    if a.typing_cases:
        tcases = load(a.typing_cases)
        lost = {c["id"].rsplit("/", 1)[0] for c in tcases if c["id"] in skip}  # a line, whole, or not at all
        tcases = [c for c in tcases if c["id"].rsplit("/", 1)[0] not in lost]
        if a.typing_pred:
            tp = {p["id"]: p["completion"] for p in load(a.typing_pred)}
            if a.partial:  # whole lines only
                cut = {c["id"].rsplit("/", 1)[0] for c in tcases if c["id"] not in tp}
                res["unpredicted_typing_lines"] = len(cut)
                tcases = [c for c in tcases if c["id"].rsplit("/", 1)[0] not in cut]
            res["typing_model"] = typing(tcases, lambda c: tp[c["id"]])
        res["typing_identifier_completer"] = typing(tcases, ident)
        repo_lines = RepoLines()
        res["typing_repository_line_completer"] = typing(tcases, repo_lines.suggest)
    print(json.dumps(res, indent=1))
    if a.out:
        json.dump(res, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
