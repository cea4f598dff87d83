"""The show policy's features in training (show_filter.py) against the server's (ShowPolicy.Features):
both compute them from tests/fixtures/show-policy/cases.json, each case a suggestion with its tokens, and
both must give the expected features at every word end (the C# side:
tests/NanoLsp.Tests/Features/InlineCompletion/ShowPolicyParityTests.cs). A policy fitted on features that
the server computes otherwise would cut suggestions where nobody measured.

Usage: python3 test_show_filter.py            (prints "show-features: N passed, M failed")
       python3 test_show_filter.py --write    (rewrites the expected features and token texts from the shipped
                                               tokenizer; after a change made on both sides)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
from show_filter import features, word_ends  # noqa: E402

FIXTURE = os.path.join(HERE, "..", "..", "tests", "fixtures", "show-policy", "cases.json")


def row(case):
    """A trace row as eval --trace writes it, for one fixture case."""
    r = {"shown": case["suggestion"], "source": "TypingAlong" if case["typing_along"] else "Model",
         "mid_word": case["mid_word"], "healed_bytes": case["healed_bytes"]}
    if case["from_memory"]:
        r["shown_from"] = "memory"
        r["memory"] = [{"text": case["suggestion"], "token_texts": case["token_texts"], "logprobs": case["logprobs"],
                        "retype": case["retype"], "token_bytes": case["token_bytes"]}]
    else:
        r["token_texts"], r["constrained_logprobs"] = case["token_texts"], case["logprobs"]
        r["token_bytes"] = case["token_bytes"]
    return r


def main():
    with open(FIXTURE, encoding="utf-8") as f:
        cases = json.load(f)
    if "--write" in sys.argv:
        from tokenizer import Tokenizer
        tok = Tokenizer(os.path.join(HERE, "..", "..", "models", "nano-csharp"))
        for c in cases:
            c["token_texts"] = [tok.decode([i]) for i in c["token_ids"]]
            c["token_bytes"] = [len(tok.token_bytes(i)) for i in c["token_ids"]]
            c["expected"] = [[end] + features(row(c), end) for end in word_ends(c["suggestion"])]
        with open(FIXTURE, "w", encoding="utf-8") as f:
            json.dump(cases, f, indent=1, ensure_ascii=False)
        print(f"wrote {len(cases)} cases")
        return
    passed = failed = 0
    for c in cases:
        got = [[end] + features(row(c), end) for end in word_ends(c["suggestion"])]
        if len(got) == len(c["expected"]) and all(
                g[0] == e[0] and all(abs(x - y) < 1e-9 for x, y in zip(g[1:], e[1:])) for g, e in zip(got, c["expected"])):
            passed += 1
        else:
            failed += 1
            print(f"{c['suggestion']!r}: expected {c['expected']}\ngot {got}")
    print(f"show-features: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
