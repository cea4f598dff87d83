"""Training prompts with neighbour windows are the server's prompts: on a corpus made of one repository,
prepare_data.py --neighbours stores, for every anchor line, token ranges that decode to exactly the header
that neighbours.py (and so the server, tests/fixtures/neighbours) builds for a cursor on that line, and the
sampler's cursor range lies on that line. Then sequences drawn with neighbour_rate 1 carry them after the
declarations, within the header budget, with the header tokens masked from the loss.

Usage: python3 test_neighbour_sequences.py CORPUS_DIR TOKENS_DIR TOKENIZER_DIR   (after prepare_data.py
       --corpus CORPUS_DIR --out TOKENS_DIR --splits train --headers --neighbours --anchor-step 1)
"""
import gzip
import json
import os
import sys

import numpy as np

import neighbours as nb
from sampler import IGNORE, Sampler
from tokenizer import Tokenizer

# A window of 12 lines is 100 to 200 tokens: a context of 1,024 leaves a header budget of 256, room for
# declarations and a window or two.
CONTEXT = 1024


def main():
    corpus, tokens, tok_dir = sys.argv[1:4]
    tok = Tokenizer(tok_dir)
    with gzip.open(os.path.join(corpus, "train-000.jsonl.gz"), "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    index = nb.NeighbourIndex([(d["path"], d["text"]) for d in docs])
    cfg = dict(context_length=CONTEXT, fim_rate=1.0, header_rate=1.0, neighbour_rate=1.0, batch_size=8)
    s = Sampler(tokens, "train", tok, cfg, 0)
    n = s.n
    assert n is not None, "no train.nbr.npz"
    # prepare_data shuffles documents inside a group: find each stored document by its tokens.
    stream = [s.data[int(a):int(a) + int(b)] for a, b in s.docs]
    order = [next(i for i, d in enumerate(docs) if tok.decode(t.tolist()) == d["text"]) for t in stream]
    anchors = 0
    for k, i in enumerate(order):
        text = docs[i]["text"]
        for a in range(int(n["a_off"][k]), int(n["a_off"][k + 1])):
            anchors += 1
            lines = {tok.decode(stream[k][:c].tolist()).count("\n") for c in (int(n["a_lo"][a]), int(n["a_hi"][a]))}
            assert len(lines) == 1, f"{docs[i]['path']}: cursor range spans lines {lines}"
            line = lines.pop()
            want = index.header(i, line).rstrip("\n")
            ws = range(int(n["n_off"][a]), int(n["n_off"][a + 1]))
            got = "\n".join(tok.decode(s.window_tokens(w).tolist()) for w in ws)
            assert got == want, f"{docs[i]['path']}:{line}\nwant:\n{want}\ngot:\n{got}"
            assert want == "" or got, text
    assert anchors >= 20, anchors
    assert (n["l_off"][1:] > n["l_off"][:-1]).any(), "no window after a blank line: the lead path went untested"
    with_windows = 0
    for _ in range(300):
        seq, h = s.header_sequence()
        assert len(seq) <= CONTEXT + 1
        head = tok.decode(seq[1:h].tolist())
        if "\n// " in "\n" + head:
            with_windows += 1
            assert h - 1 <= CONTEXT // 4, (h, head)
    x, y = s.batch(8)
    assert (y == IGNORE).any()
    assert with_windows >= 30, with_windows
    print(f"{anchors} anchors match the server's headers; {with_windows} of 300 sequences carry windows")


if __name__ == "__main__":
    main()
