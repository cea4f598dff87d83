"""Rest-of-line completion from in-file prefix/suffix, with token healing, in PyTorch.

Mirrors what the server does below the protocol layer, without Roslyn context: PSM prompt,
token healing (the prompt backs up one token and the first generated tokens must spell out
the removed text), greedy decoding with the KV cache, stop at the end of the line.
"""
import numpy as np
import torch


class Completer:
    def __init__(self, model, tok, prefix_tokens=192, suffix_tokens=48, max_new=40):
        self.model, self.tok = model, tok
        self.prefix_tokens, self.suffix_tokens, self.max_new = prefix_tokens, suffix_tokens, max_new
        self.token_bytes = [tok.token_bytes(i) if tok.id_to_token[i] not in tok.special else None
                            for i in range(len(tok))]
        s = tok.special
        self.pre, self.suf, self.mid, self.eot = (s["<|fim_prefix|>"], s["<|fim_suffix|>"],
                                                  s["<|fim_middle|>"], s["<|endoftext|>"])
        self._heal_cache = {}

    def heal_mask(self, healed: bytes):
        """Tokens consistent with the healed bytes: they start with them, or are a prefix of them."""
        m = self._heal_cache.get(healed)
        if m is None:
            m = torch.tensor([b is not None and len(b) > 0 and (b.startswith(healed) or healed.startswith(b))
                              for b in self.token_bytes])
            if len(self._heal_cache) < 10000:
                self._heal_cache[healed] = m
        return m

    def prompt(self, prefix, suffix):
        p = self.tok.encode_ordinary(prefix)
        healed = b""
        if p:  # token healing: drop the last prefix token, let the model re-spell it
            healed = self.tok.token_bytes(p[-1])
            p = p[:-1]
        p = p[-self.prefix_tokens:]
        s = self.tok.encode_ordinary(suffix)[:self.suffix_tokens]
        return [self.pre] + p + [self.suf] + s + [self.mid], healed

    @torch.no_grad()
    def complete(self, prefix, suffix):
        """Returns (completion text of the current line, list of chosen token log-probs)."""
        ids, healed = self.prompt(prefix, suffix)
        c = self.model.config
        ids = ids[-(c.context_length - self.max_new):]
        past = [(torch.zeros(1, c.num_kv_heads, 0, c.head_dim),) * 2 for _ in range(c.num_layers)]
        cur, pos, out, logps = ids, 0, b"", []
        keep = torch.tensor([1])
        for _ in range(self.max_new):
            n = len(cur)
            logits, past = self.model(torch.tensor([cur]), None, torch.arange(pos, pos + n).unsqueeze(0), past, keep)
            pos += n
            lg = logits[0, -1]
            if len(out) < len(healed):
                lg = lg.masked_fill(~self.heal_mask(healed[len(out):]), float("-inf"))
            lp = torch.log_softmax(lg, -1)
            nxt = int(lp.argmax())
            if nxt == self.eot or self.token_bytes[nxt] is None:
                break
            logps.append(float(lp[nxt]))
            out += self.token_bytes[nxt]
            if len(out) >= len(healed) and b"\n" in out[len(healed):]:
                break
            if pos + 1 >= c.context_length:
                break
            cur = [nxt]
        text = out[len(healed):].decode("utf-8", errors="replace") if len(out) >= len(healed) else ""
        return text.split("\n")[0].rstrip(), logps


def levenshtein(a, b):
    """Plain DP: inputs are single lines, and no edit-distance package is installed here."""
    if len(a) < len(b):
        a, b = b, a
    prev = np.arange(len(b) + 1)
    for i, ca in enumerate(a, 1):
        cur = np.empty_like(prev)
        cur[0] = i
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return int(prev[-1])


def metrics(pairs):
    """pairs: [(completion, expected)] -> the evaluation-contract metrics."""
    n = len(pairs)
    exact = sum(c.rstrip() == e.rstrip() for c, e in pairs)
    sim = sum(1 - levenshtein(c, e) / max(len(c), len(e), 1) for c, e in pairs)
    shown = [(c, e) for c, e in pairs if c]
    saved = sum(len(c) for c, e in shown if e.startswith(c))
    wrong = sum(1 for c, e in shown if not e.startswith(c))
    total = sum(len(e) for _, e in pairs)
    return {"cases": n, "exact_match": exact / max(n, 1), "edit_similarity": sim / max(n, 1),
            "chars_saved": saved / max(total, 1), "wrong_shown": wrong / max(len(shown), 1),
            "shown": len(shown) / max(n, 1)}
