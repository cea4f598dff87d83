"""Llama-style decoder (RMSNorm, RoPE, SwiGLU, tied embeddings, optional GQA).

One forward serves training (no cache) and the ONNX export (Optimum decoder layout with
KV cache). Attention is written out by hand because torch 1.13 (Debian's, used on CPU) has no
F.scaled_dot_product_attention, and the hand-written form exports to plain ONNX ops. Training on
torch 2.x sets `model.use_sdpa = True`: the fused kernel (flash attention on a GPU) then serves the
plain causal case (no cache, no padding mask); train.py checks that both forms agree.
"""
import math
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    vocab_size: int = 8192
    context_length: int = 512
    hidden_size: int = 256
    num_layers: int = 6
    num_heads: int = 4
    num_kv_heads: int = 4      # < num_heads gives grouped-query attention
    ffn_size: int = 0          # 0: about 8/3 * hidden, rounded up to a multiple of 64 (Llama)
    rope_theta: float = 10000.0
    norm_eps: float = 1e-5

    @property
    def head_dim(self):
        return self.hidden_size // self.num_heads

    @property
    def ffn(self):
        return self.ffn_size or 64 * math.ceil(self.hidden_size * 8 / 3 / 64)

    def to_dict(self):
        return asdict(self)


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def repeat_kv(x, n):
    """(batch, kv_heads, seq, head_dim) -> (batch, kv_heads * n, seq, head_dim), as repeat_interleave
    on dim 1. Written with expand + reshape (Hugging Face's form) because torch 1.13 exports
    repeat_interleave with a constant shape that breaks at any sequence length but the traced one."""
    if n == 1:
        return x
    b, kvh, s, d = x.shape
    return x[:, :, None, :, :].expand(b, kvh, n, s, d).reshape(b, kvh * n, s, d)


HAS_SDPA = hasattr(F, "scaled_dot_product_attention")


class Attention(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.use_sdpa = False
        self.h, self.kvh, self.d = c.num_heads, c.num_kv_heads, c.head_dim
        self.q_proj = nn.Linear(c.hidden_size, self.h * self.d, bias=False)
        self.k_proj = nn.Linear(c.hidden_size, self.kvh * self.d, bias=False)
        self.v_proj = nn.Linear(c.hidden_size, self.kvh * self.d, bias=False)
        self.o_proj = nn.Linear(self.h * self.d, c.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        b, t, _ = x.shape
        q = self.q_proj(x).view(b, t, self.h, self.d).transpose(1, 2)    # (batch, heads, seq, head_dim)
        k = self.k_proj(x).view(b, t, self.kvh, self.d).transpose(1, 2)  # (batch, kv_heads, seq, head_dim)
        v = self.v_proj(x).view(b, t, self.kvh, self.d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)  # (batch, kv_heads, past+seq, head_dim)
            v = torch.cat([past_v, v], dim=2)
        present = (k, v)
        k, v = repeat_kv(k, self.h // self.kvh), repeat_kv(v, self.h // self.kvh)
        if self.use_sdpa and past_k is None and mask is None:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
            return self.o_proj(y.transpose(1, 2).reshape(b, t, self.h * self.d)), present
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.d))  # (batch, heads, seq, past+seq)
        # finfo.min instead of -inf: a fully masked row (left padding) must not give NaN.
        att = att.masked_fill(~mask, torch.finfo(att.dtype).min)
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, self.h * self.d)
        return self.o_proj(y), present


class MLP(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.gate_proj = nn.Linear(c.hidden_size, c.ffn, bias=False)
        self.up_proj = nn.Linear(c.hidden_size, c.ffn, bias=False)
        self.down_proj = nn.Linear(c.ffn, c.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.input_layernorm = RMSNorm(c.hidden_size, c.norm_eps)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.norm_eps)
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, mask, past_k=None, past_v=None):
        a, present = self.self_attn(self.input_layernorm(x), cos, sin, mask, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, present


class NanoDecoder(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.config = c
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList([Block(c) for _ in range(c.num_layers)])
        self.norm = RMSNorm(c.hidden_size, c.norm_eps)
        inv_freq = 1.0 / (c.rope_theta ** (torch.arange(0, c.head_dim, 2).float() / c.head_dim))
        freqs = torch.outer(torch.arange(c.context_length).float(), inv_freq)
        emb = torch.cat([freqs, freqs], dim=-1)                       # (context, head_dim)
        self.register_buffer("rope_cos", emb.cos(), persistent=False)
        self.register_buffer("rope_sin", emb.sin(), persistent=False)
        self.apply(self._init)
        for n, p in self.named_parameters():  # GPT-2 style: scale residual projections by depth
            if n.endswith("o_proj.weight") or n.endswith("down_proj.weight"):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * c.num_layers))

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, 0.0, 0.02)

    @property
    def use_sdpa(self):
        return self.layers[0].self_attn.use_sdpa

    @use_sdpa.setter
    def use_sdpa(self, on):
        for layer in self.layers:
            layer.self_attn.use_sdpa = bool(on) and HAS_SDPA

    def num_params(self):
        return sum(p.numel() for p in self.parameters())

    def forward(self, input_ids, attention_mask=None, position_ids=None, past=None, logits_to_keep=None):
        """input_ids (batch, seq); attention_mask (batch, past+seq) of 0/1; position_ids (batch, seq);
        past: list of (key, value), each (batch, kv_heads, past, head_dim); logits_to_keep: int64 [1].
        Returns logits (batch, kept, vocab) and the list of present (key, value)."""
        b, t = input_ids.shape
        p = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = torch.arange(p, p + t, device=input_ids.device).unsqueeze(0).expand(b, t)
        cos = self.rope_cos[position_ids].unsqueeze(1)  # (batch, 1, seq, head_dim)
        sin = self.rope_sin[position_ids].unsqueeze(1)
        # Causal mask in absolute key positions: query i sits at key position past+i.
        kpos = torch.arange(p + t, device=input_ids.device)
        qpos = torch.arange(t, device=input_ids.device) + p
        mask = (kpos.unsqueeze(0) <= qpos.unsqueeze(1)).unsqueeze(0).unsqueeze(0)  # (1, 1, seq, past+seq)
        if self.use_sdpa and past is None and attention_mask is None:
            mask = None  # causal by construction (is_causal in Attention)
        elif attention_mask is not None:
            mask = mask & attention_mask.bool().unsqueeze(1).unsqueeze(2)          # (batch, 1, seq, past+seq)
        x = self.embed_tokens(input_ids)
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = (None, None) if past is None else past[i]
            x, present = layer(x, cos, sin, mask, pk, pv)
            presents.append(present)
        x = self.norm(x)
        if logits_to_keep is not None:
            x = x[:, t - logits_to_keep[0]:, :]
        return self.head(x), presents

    def head(self, x):
        """LM head, tied to the embedding (a method so quantize.py can swap in dequantized weights)."""
        return F.linear(x, self.embed_tokens.weight)
