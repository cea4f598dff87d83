"""Training sequences: plain and fill-in-the-middle windows, some behind a context header.

A sequence has context_length + 1 tokens; x = seq[:-1], y = seq[1:], and y is IGNORE where the loss
must not look (the header itself, padding after a short document).

- plain: a window of the token stream (documents packed, as before);
- FIM (PSM): <|fim_prefix|> prefix <|fim_suffix|> suffix <|fim_middle|> middle <|endoftext|>, all
  inside one document. FIM is cut in token space: the server's token healing backs the prompt up to a
  token boundary, so that is what the model sees at inference. Middles end mostly at a line end (inline
  completion), some at the end of the statement or block (multi-line), some anywhere;
- header (header_rate): <|file_sep|> HEADER "\\n" + a plain or FIM window of one document, with
  HEADER the declarations of project types named in the window (context_header.select, the shape of
  docs/context-header.md), assembled from the pre-tokenized pieces of prepare_data.py;
- neighbours (neighbour_rate, a share of the FIM header sequences, where {split}.nbr.npz exists): the
  cursor sits on an anchor line, and after the declarations come the windows of other files of the
  repository that the server's memory retrieves for that line ("// PATH" over each window, neighbours.py),
  as many whole windows as the header budget leaves, joined by newlines: the server's channel 3 prompt.
"""
import os

import numpy as np
import torch

import context_header as ch

IGNORE = -100


class _Block:
    """Token-space view of a TypeBlock for context_header.select (positions are token indices)."""
    __slots__ = ("name", "line", "members", "pos", "is_enum", "cost", "k")

    def __init__(self, k, h):
        self.k = k
        self.name = k
        self.line = int(h["b_line"][k])
        self.pos = int(h["b_pos"][k])
        self.is_enum = bool(h["b_enum"][k])
        f, n = int(h["b_mem_first"][k]), int(h["b_mem_count"][k])
        self.members = [_Member(h, i) for i in range(f, f + n)]
        self.cost = int(h["piece_off"][self.line + 1] - h["piece_off"][self.line]) + (0 if self.is_enum else 4)


class _Member:
    __slots__ = ("piece", "private", "pos", "cost")

    def __init__(self, h, i):
        self.piece = int(h["m_piece"][i])
        self.private = bool(h["m_private"][i])
        self.pos = int(h["m_pos"][i])
        self.cost = int(h["piece_off"][self.piece + 1] - h["piece_off"][self.piece])


class Sampler:
    def __init__(self, data_dir, split, tok, cfg, seed):
        self.cfg = cfg
        self.rng = np.random.default_rng(seed)
        self.data = np.memmap(os.path.join(data_dir, f"{split}.bin"), dtype=np.uint16, mode="r")
        s = tok.special
        self.pre, self.suf, self.mid, self.eot, self.sep = (s["<|fim_prefix|>"], s["<|fim_suffix|>"], s["<|fim_middle|>"],
                                                            s["<|endoftext|>"], s["<|file_sep|>"])
        self.nl = tok.encode_ordinary("\n")[0]
        self.lbrace, self.rbrace = tok.encode_ordinary("\n{"), tok.encode_ordinary("\n}")
        tb = [tok.token_bytes(i) if i not in s.values() else b"" for i in range(len(tok))]
        self.has_newline = np.array([b"\n" in b for b in tb])
        self.brace = np.array([b.count(b"{") - b.count(b"}") for b in tb], dtype=np.int64)
        self.stmt_end = np.array([b.rstrip().endswith((b";", b"{", b"}")) for b in tb])
        hdr = os.path.join(data_dir, f"{split}.hdr.npz")
        self.h = None
        if cfg.get("header_rate", 0) > 0 and os.path.exists(hdr):
            self.h = {k: v for k, v in np.load(hdr).items()}
            docs = np.load(os.path.join(data_dir, f"{split}.docs.npy"))
            self.docs = docs
            # Documents long enough to matter, drawn by length (as the stream would draw them).
            self.doc_ids = np.nonzero(docs[:, 1] >= 32)[0]
            w = np.minimum(docs[self.doc_ids, 1], 4 * cfg["context_length"]).astype(np.float64)
            self.doc_p = w / w.sum()
            self.blocks = {}
        nbr = os.path.join(data_dir, f"{split}.nbr.npz")
        self.n = None
        if self.h is not None and cfg.get("neighbour_rate", 0) > 0 and os.path.exists(nbr):
            self.n = {k: v for k, v in np.load(nbr).items()}

    # -- FIM -------------------------------------------------------------------------------------
    def middle_end(self, w, i):
        """End j of the middle w[i:j] for a cursor at i."""
        n, r = len(w), self.rng.random()
        nl = np.nonzero(self.has_newline[w[i + 1:]])[0] + i + 1
        if r < 0.55 and len(nl):
            return int(nl[0])  # rest of the line; the newline stays in the suffix
        if r < 0.7 and len(nl):
            ends = [k for k in nl[:12] if k > 0 and self.stmt_end[w[k - 1]]]
            return int(ends[0]) if ends else int(nl[0])  # rest of the statement
        if r < 0.8 and len(nl):
            depth = np.cumsum(self.brace[w[i:]])
            out = np.nonzero(depth < 0)[0]
            if len(out):  # rest of the block: up to the line of its closing brace
                before = nl[nl <= i + out[0]]
                if len(before):
                    return int(before[-1])
            return int(nl[0])
        return int(self.rng.integers(i + 1, n + 1))

    def fim(self, w, i=None):
        n = len(w)
        if i is None:
            i = int(self.rng.integers(0, n - 1))
        j = self.middle_end(w, i)
        return np.concatenate([[self.pre], w[:i], [self.suf], w[j:], [self.mid], w[i:j], [self.eot]])

    def stream_sequence(self):
        """Without header: as before (plain window of the packed stream, or FIM inside one document)."""
        t = self.cfg["context_length"] + 1
        start = int(self.rng.integers(0, len(self.data) - t))
        if self.rng.random() >= self.cfg["fim_rate"]:
            return self.data[start:start + t].astype(np.int64), 0
        w = self.data[start:start + t - 4].astype(np.int64)
        eots = np.nonzero(w == self.eot)[0]
        if len(eots):  # keep FIM inside one document: cut at the first document end
            w = w[:eots[0]] if eots[0] > 8 else w[eots[0] + 1:]
        if len(w) < 3:
            return self.data[start:start + t].astype(np.int64), 0
        seq = self.fim(w)
        pad = t - len(seq)
        if pad > 0:  # short document: continue with plain text after it
            seq = np.concatenate([seq, self.data[start + t:start + t + pad].astype(np.int64)])
        return seq[:t], 0

    # -- header ----------------------------------------------------------------------------------
    def block(self, k):
        b = self.blocks.get(k)
        if b is None:
            b = self.blocks[k] = _Block(k, self.h)
        return b

    def piece(self, p):
        o = self.h["piece_off"]
        return self.h["piece_tok"][o[p]:o[p + 1]]

    def header_tokens(self, chosen):
        out = []
        for b, ms in chosen:
            out.append(self.piece(b.line))
            if not b.is_enum:
                out.append(self.lbrace)
                out += [self.piece(m.piece) for m in ms]
                out.append(self.rbrace)
        if not out:
            return np.zeros(0, np.int64)
        h = np.concatenate(out).astype(np.int64)
        return h[1:] if h[0] == self.nl else h  # the first piece's leading "\n"

    def header_sequence(self):
        h, t = self.h, self.cfg["context_length"] + 1
        budget = self.cfg["context_length"] // 4
        d = int(self.rng.choice(self.doc_ids, p=self.doc_p))
        start, length = (int(v) for v in self.docs[d])
        room = t - 6  # <|file_sep|>, "\n" and the four FIM tokens
        lo = int(self.rng.integers(0, max(length - room, 0) + 1))
        hi = min(length, lo + room)
        fim = self.rng.random() < self.cfg["fim_rate"]
        # The cursor stays clear of the part of the window that the header may push out.
        cmin = min(lo + budget + 8, hi - 2)
        cursor = int(self.rng.integers(max(cmin, lo), hi - 1)) if fim else hi
        windows = []
        if fim and self.n is not None and self.rng.random() < self.cfg["neighbour_rate"]:
            cursor, windows = self.neighbour_anchor(d, max(cmin, lo), hi - 2, cursor)
        c0, c1 = h["c_off"][d], h["c_off"][d + 1]
        cands, enclosing = [], None
        for c in range(c0, c1):
            k = int(h["c_block"][c])
            b = self.block(k)
            occ = h["occ_pos"][h["occ_off"][c]:h["occ_off"][c + 1]]
            same = int(h["b_doc"][k]) == d
            if same and b.pos <= cursor < int(h["b_end"][k]) and (enclosing is None or b.pos > enclosing.pos):
                enclosing = b
            cands.append((b, same, occ))
        chosen = ch.select(cands, (lo, hi), cursor, enclosing, budget,
                           line_cost=lambda b: b.cost, member_cost=lambda m: m.cost)
        head = self.header_tokens(chosen)
        if windows:
            head = self.with_neighbours(head, windows, budget - len(head))
        keep = room - len(head)
        lo = max(lo, hi - keep)
        w = self.data[start + lo:start + hi].astype(np.int64)
        body = self.fim(w, cursor - lo) if fim and cursor - lo < len(w) - 1 else w
        if not len(head):  # nothing to declare: the server leaves the block out too
            return body[:t], 0
        seq = np.concatenate([[self.sep], head, [self.nl], body])[:t]
        return seq, len(head) + 1

    # -- neighbours ------------------------------------------------------------------------------
    def neighbour_anchor(self, d, first, last, cursor):
        """A cursor on an anchor line of document d within [first, last], and that line's windows."""
        n = self.n
        a0, a1 = int(n["a_off"][d]), int(n["a_off"][d + 1])
        ok = [a for a in range(a0, a1) if n["a_lo"][a] <= last and n["a_hi"][a] >= first]
        if not ok:
            return cursor, []
        a = ok[int(self.rng.integers(0, len(ok)))]
        lo, hi = max(int(n["a_lo"][a]), first), min(int(n["a_hi"][a]), last)
        return int(self.rng.integers(lo, hi + 1)), list(range(int(n["n_off"][a]), int(n["n_off"][a + 1])))

    def window_tokens(self, w):
        n = self.n
        j = int(n["w_doc"][w])
        path = n["p_tok"][n["p_off"][j]:n["p_off"][j + 1]].astype(np.int64)
        start = int(self.docs[j][0])
        body = self.data[start + int(n["w_t0"][w]):start + int(n["w_t1"][w])].astype(np.int64)
        lead = n["l_tok"][n["l_off"][w]:n["l_off"][w + 1]].astype(np.int64)
        return np.concatenate([path, [self.nl] if n["w_nl"][w] else [], lead, body]).astype(np.int64)

    def with_neighbours(self, head, windows, budget):
        """The declarations, then the whole windows that fit what they left (the server drops windows from
        the end), each line "// PATH" then the window, joined by newlines."""
        parts, used = [], 0
        for w in windows:
            t = self.window_tokens(w)
            if used + len(t) + 1 > budget:  # the server counts each window with its closing newline
                break
            parts.append(t)
            used += len(t) + 1
        if not parts:
            return head
        out = [head] if len(head) else []
        for p in parts:
            if out:
                out.append([self.nl])
            out.append(p)
        return np.concatenate(out).astype(np.int64)

    # -- batches ---------------------------------------------------------------------------------
    def sequence(self):
        if self.h is not None and self.rng.random() < self.cfg["header_rate"]:
            return self.header_sequence()
        return self.stream_sequence()

    def batch(self, b):
        t = self.cfg["context_length"] + 1
        x = np.full((b, t), self.eot, dtype=np.int64)
        y = np.full((b, t), IGNORE, dtype=np.int64)
        for r in range(b):
            seq, hlen = self.sequence()
            x[r, :len(seq)] = seq
            y[r, :len(seq)] = seq
            y[r, 1:1 + hlen] = IGNORE  # the header and its "\n" are given, not predicted
        return torch.from_numpy(x[:, :-1]), torch.from_numpy(y[:, 1:])


class Batches(torch.utils.data.IterableDataset):
    """Endless batches; each DataLoader worker draws with its own seed."""

    def __init__(self, data_dir, split, tok, cfg, seed):
        self.args = (data_dir, split, tok, cfg, seed)

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        data_dir, split, tok, cfg, seed = self.args
        s = Sampler(data_dir, split, tok, cfg, seed + (info.id + 1) * 1000 if info else seed)
        while True:
            yield s.batch(cfg["batch_size"])
