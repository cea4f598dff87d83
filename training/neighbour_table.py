"""Per document, the neighbour windows the server would put ahead of a cursor on each anchor line, as
token ranges of the other documents' streams (prepare_data.py --neighbours; sampler.py assembles them).

An anchor every `step` lines stands for a cursor anywhere on that line: the server asks with the 12 lines
above the cursor's line (neighbours.py), so the sampler puts its FIM cursor on an anchor line and the
prompt is the one the server builds there.

A window is stored as the token range of its text in its own document's stream: for a window that does
not start the file, from the token that begins at the newline before its first line (the GPT-2
pre-tokenizer splits a line's leading newline off the line before) to the end of its last non-blank
character. Rendered as tokens("// PATH") + that range, it is exactly the BPE of "// PATH\\n<window>".
After a blank line the newlines and the indentation are one pre-token ("\\n\\n   "), so no token begins
at the window's newline: its "lead", the newline and the indentation up to the next token, is then
tokenized on its own and stored beside the range. A window whose end does not fall on a token boundary
is left out and counted.
"""
import numpy as np

import neighbours as nb


class _Doc:
    """Byte offsets of a document's characters and tokens, to find the token that starts at a character."""

    def __init__(self, text, ids, nbytes):
        ends = np.cumsum(nbytes[np.asarray(ids, dtype=np.int64)]) if len(ids) else np.zeros(0, np.int64)
        self.token_starts = ends - (nbytes[np.asarray(ids, dtype=np.int64)] if len(ids) else 0)
        self.total = int(ends[-1]) if len(ends) else 0
        if text.isascii():
            self.byte_at = None
        else:
            cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
            self.byte_at = np.concatenate([[0], np.cumsum(1 + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000))])
        self.lines = text.split("\n")
        self.line_starts = np.concatenate([[0], np.cumsum([len(x) + 1 for x in self.lines])])[:-1]

    def byte(self, char):
        return char if self.byte_at is None else int(self.byte_at[char])

    def token_at(self, char):
        """Index of the token that starts exactly at this character (the end: the token count), else None."""
        b = self.byte(char)
        if b == self.total:
            return len(self.token_starts)
        i = int(np.searchsorted(self.token_starts, b))
        return i if i < len(self.token_starts) and self.token_starts[i] == b else None

    def char_at_token(self, t):
        """The character where token t starts (the text's length past the end)."""
        b = self.total if t >= len(self.token_starts) else int(self.token_starts[t])
        return b if self.byte_at is None else int(np.searchsorted(self.byte_at, b))

    def token_holding(self, char):
        return max(int(np.searchsorted(self.token_starts, self.byte(char), side="right")) - 1, 0)


def build(docs, toks, nbytes, step, encode):
    """docs: the repository's documents (dicts with "path", "text"); toks: their token arrays.
    Returns (anchors, stats): anchors[i] = [(first cursor token, last cursor token, windows)] for the anchor
    lines of document i that have neighbours, windows = [(doc j, token start, token end, newline after the
    path, lead tokens)] (the caller tokenizes "// PATH" of each document). encode: text -> BPE ids."""
    index = nb.NeighbourIndex([(d["path"], d["text"]) for d in docs])
    views = [_Doc(d["text"], t, nbytes) for d, t in zip(docs, toks)]
    anchors, misaligned, windows, leads = [], 0, 0, 0
    for i, v in enumerate(views):
        here = []
        for a in range(step, len(v.lines), step):
            if not v.lines[a].strip():
                continue
            found = index.neighbours(i, v.lines[max(0, a - nb.QUERY_LINES):a])
            ws = []
            for j, s, c, _ in found:
                u = views[j]
                body = "\n".join(u.lines[s:s + c]).rstrip()
                first = int(u.line_starts[s])
                t0 = u.token_at(first - 1) if s > 0 else 0
                lead = ()
                if t0 is None:  # the newline is inside a token that began on a blank line above
                    t0 = u.token_holding(first - 1) + 1
                    lead = tuple(encode(docs[j]["text"][first - 1:u.char_at_token(t0)]))
                    leads += 1
                t1 = u.token_at(first + len(body))
                if t1 is None or t1 <= t0:
                    misaligned += 1
                    continue
                ws.append((j, t0, t1, s == 0, lead))
            windows += len(ws)
            # The cursor tokens that put the cursor on line a: the prefix holds its leading newline and not the
            # newline that ends it.
            lower = v.token_holding(int(v.line_starts[a]) - 1) + 1
            upper = v.token_holding(int(v.line_starts[a + 1]) - 1) if a + 1 < len(v.lines) else len(v.token_starts)
            if ws and lower <= upper:
                here.append((lower, upper, ws))
        anchors.append(here)
    return anchors, {"anchors": sum(len(a) for a in anchors), "windows": windows, "misaligned_windows": misaligned,
                     "windows_with_lead": leads}
