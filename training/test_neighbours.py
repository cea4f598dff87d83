"""The neighbour windows of training prompts against tests/fixtures/neighbours/cases.json, the expected
headers that tests/NanoLsp.Tests/Memory/NeighbourParityTests.cs also checks the server against.

Usage: python3 test_neighbours.py            (prints "neighbours: N passed, M failed")
       python3 test_neighbours.py --write    (rewrites cases.json from neighbours.py: only after a change
                                              made on both sides, and the C# test then confirms it)
"""
import json
import os
import sys

import neighbours as nb

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures", "neighbours")


def main():
    docs = nb.read_tree(os.path.join(FIXTURE, "repo"))
    index = nb.NeighbourIndex(docs)
    paths = [p for p, _ in docs]
    with open(os.path.join(FIXTURE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    if "--write" in sys.argv:
        for c in cases:
            c["header"] = index.header(paths.index(c["file"]), c["line"])
        with open(os.path.join(FIXTURE, "cases.json"), "w", encoding="utf-8") as f:
            json.dump(cases, f, indent=1)
        print(f"wrote {len(cases)} cases")
        return
    passed = failed = 0
    for c in cases:
        got = index.header(paths.index(c["file"]), c["line"])
        if got == c["header"]:
            passed += 1
        else:
            failed += 1
            print(f"{c['file']}:{c['line']}: expected\n{c['header']}\ngot\n{got}")
    # A cut identifier (in more windows than the server's limit) must not count: one segment, limit 1.
    saved = nb.MAX_POSTINGS
    nb.MAX_POSTINGS = 1
    try:
        cut = nb.NeighbourIndex(docs).neighbours(paths.index("src/Shop/Warehouse.cs"), ["inventory"])
    finally:
        nb.MAX_POSTINGS = saved
    if cut == []:
        passed += 1
    else:
        failed += 1
        print(f"an identifier in more windows than the limit still matched: {cut}")
    print(f"neighbours: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
