"""Neighbour windows: the twin of the server's channel 3 (src/NanoLsp/Memory: MemorySegment.FindWindows,
MemoryView.Neighbours, RepositoryNeighbourSource), so that training prompts carry the same retrieved code as
the server's.

The server cuts every file of the workspace into windows of 12 lines every 6 lines, keeps each window's
set of identifiers, and for a cursor takes the identifiers of the 12 lines above the cursor's line; the
windows of *other* files with the highest Jaccard similarity (at least 0.2; ties by path, then start line)
go ahead of the FIM prompt, at most two, each under a comment naming its file:

    // src/Foo/Bar.cs
    <the window's lines, trailing whitespace trimmed>

The server skips identifiers that occur in more than 2,000 windows of one index segment (256 files);
`segment_size` does the same over the files in the order given. tests/fixtures/neighbours holds a small
repository, queries and the expected headers; test_neighbours.py here and NeighbourParityTests in
tests/NanoLsp.Tests check both sides against it, so a change on one side that the other lacks fails.

Usage: python3 neighbours.py ROOT FILE LINE     (prints the header the server would put ahead)
"""
import os
import re
import sys
from collections import defaultdict

WINDOW_LINES = 12
WINDOW_STEP = 6
QUERY_LINES = 12
MAX_WINDOWS = 2
MIN_SIMILARITY = 0.2
MAX_POSTINGS = 2000
SEGMENT_SIZE = 256
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def identifiers(lines):
    ids = set()
    for line in lines:
        ids.update(IDENTIFIER.findall(line))
    return ids


class _Segment:
    def __init__(self, docs):
        self.windows = []            # (doc index, start line, line count, identifier count)
        postings = defaultdict(list)
        for d, (_, text) in docs:
            lines = text.split("\n")
            for start in range(0, len(lines), WINDOW_STEP):
                ids = identifiers(lines[start:start + WINDOW_LINES])
                if not ids:
                    continue
                w = len(self.windows)
                self.windows.append((d, start, min(WINDOW_LINES, len(lines) - start), len(ids)))
                for i in ids:
                    postings[i].append(w)
        self.postings = postings

    def find(self, query, skip_doc):
        overlap = defaultdict(int)
        for i in query:
            ws = self.postings.get(i)
            if not ws or len(ws) > MAX_POSTINGS:
                continue
            for w in ws:
                overlap[w] += 1
        for w, shared in overlap.items():
            d, start, count, size = self.windows[w]
            if d != skip_doc:
                yield d, start, count, shared / (len(query) + size - shared)


class NeighbourIndex:
    """The windows of a repository's files. `docs`: (relative path, text) pairs, '/' separated paths."""

    def __init__(self, docs, segment_size=SEGMENT_SIZE):
        self.docs = list(docs)
        numbered = list(enumerate(self.docs))
        self.segments = [_Segment(numbered[i:i + segment_size]) for i in range(0, len(numbered), segment_size)]

    def neighbours(self, doc, recent_lines):
        """The best windows of other files for the lines above the cursor: [(doc, start line, count, similarity)]."""
        query = identifiers(recent_lines)
        if not query:
            return []
        found = [m for s in self.segments for m in s.find(query, doc) if m[3] >= MIN_SIMILARITY]
        found.sort(key=lambda m: (-m[3], _ordinal(self.docs[m[0]][0]), m[1]))
        return found[:MAX_WINDOWS]

    def window_text(self, doc, start, count):
        return "\n".join(self.docs[doc][1].split("\n")[start:start + count])

    def header(self, doc, line):
        """The text the server's RepositoryNeighbourSource returns for a cursor on `line` of `doc` (before its
        token budget: the server drops whole windows from the end while the header is over it)."""
        lines = self.docs[doc][1].split("\n")
        recent = lines[max(0, line - QUERY_LINES):line]
        return "".join(f"// {self.docs[d][0]}\n{self.window_text(d, s, c).rstrip()}\n"
                       for d, s, c, _ in self.neighbours(doc, recent))


def _ordinal(path):
    """C#'s StringComparer.Ordinal orders by UTF-16 code units; Python's str order is by code points."""
    return path.encode("utf-16-be")


def read_tree(root):
    """The .cs files under root as the server admits them (not under obj/, bin/ or .git), sorted."""
    docs = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("obj", "bin", ".git"))
        for f in sorted(filenames):
            if f.endswith(".cs"):
                p = os.path.join(dirpath, f)
                with open(p, encoding="utf-8") as fh:
                    docs.append((os.path.relpath(p, root).replace(os.sep, "/"), fh.read()))
    return docs


def main():
    root, file, line = sys.argv[1], sys.argv[2], int(sys.argv[3])
    docs = read_tree(root)
    index = NeighbourIndex(docs)
    doc = [p for p, _ in docs].index(file)
    sys.stdout.write(index.header(doc, line))


if __name__ == "__main__":
    main()
