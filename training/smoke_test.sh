#!/bin/bash
# The whole training pipeline in a tiny configuration on CPU: corpus build (from training/sample/),
# tokenizer, context-header extractor, data prep with header pieces, header sequences, a few train steps, ONNX export (checker, Optimum I/O names, trace
# independence), int8 quantization with its measured loss, and line-completion eval on a few
# cases. Prints "smoke: N passed, M failed"; exits non-zero on any failure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
# One thread: oversubscribed OpenMP threads crawl on a shared CPU.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
if ! $PY -c 'import torch, onnx, numpy, regex' 2>/dev/null; then
  echo "installing Debian python packages (needs root)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    python3-torch python3-onnx python3-numpy python3-regex libopenblas0-pthread >/dev/null
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$HERE"
passed=0; failed=0
check() {  # check NAME COMMAND...: runs it, counts it, shows the output only on failure
  local name=$1; shift
  if "$@" >"$T/out.txt" 2>&1; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; tail -20 "$T/out.txt"; fi
}
for f in sample/*.cs; do mkdir -p "$T/src/$(basename "$f" .cs)/unpacked"; cp "$f" "$T/src/$(basename "$f" .cs)/unpacked/"; done

check corpus $PY corpus/build_corpus.py --src "$T/src" --out "$T/corpus" --val-share 0.2 --test-share 0.2 --max-heldout-project 0.5
check tokenizer $PY tokenizer.py train --vocab-size 512 --out "$T/tok" sample/*.cs
check tokenizer-roundtrip $PY -c "
from tokenizer import Tokenizer
t = Tokenizer('$T/tok'); s = open('sample/HashSetTest.cs').read()
assert t.decode(t.encode_ordinary(s)) == s, 'decode(encode(x)) != x'
assert t.encode('<|fim_prefix|>a') == [1] + t.encode_ordinary('a')"
check tokenizer-truncate sh -c "$PY tokenizer.py train --vocab-size 384 --out '$T/tok384' sample/*.cs &&
  $PY tokenizer_study.py truncate '$T/tok' 384 '$T/tok384t' && cmp '$T/tok384/merges.txt' '$T/tok384t/merges.txt' &&
  cmp '$T/tok384/vocab.json' '$T/tok384t/vocab.json'"   # tokenizer_study.py's smaller vocabularies are exact
check context-header $PY test_context_header.py ../models/nano-csharp
check neighbours $PY test_neighbours.py
check show-features $PY eval/test_show_filter.py
check member-cases $PY eval/test_member_cases.py
check prepare $PY prepare_data.py --corpus "$T/corpus" --tokenizer "$T/tok" --out "$T/tokens" --splits train,val \
  --headers --workers 2
check header-sequences $PY -c "
import numpy as np
from tokenizer import Tokenizer; from sampler import Sampler, IGNORE
tok = Tokenizer('$T/tok'); sep = tok.special['<|file_sep|>']; pre = tok.special['<|fim_prefix|>']
s = Sampler('$T/tokens', 'train', tok, dict(context_length=96, fim_rate=1.0, header_rate=1.0, batch_size=16), 0)
seen = 0
for _ in range(200):
    seq, h = s.header_sequence()
    assert len(seq) <= 97, len(seq)
    if h:
        seen += 1
        text = tok.decode(seq[1:h].tolist())
        assert seq[0] == sep and seq[h] == tok.encode_ordinary(chr(10))[0] and seq[h + 1] == pre, text
        assert h - 1 <= 96 // 4, (h, text)
        assert text.split(chr(10))[0].split()[0] in ('class', 'struct', 'interface', 'record', 'enum'), text
x, y = s.batch(16)
assert x.shape == (16, 96) and y.shape == (16, 96) and (y == IGNORE).any()
assert seen > 20, seen"
# Neighbour windows (issue 14) on a corpus of one repository, the parity fixture's: token ranges that
# decode to the server's header on every anchor line, and sequences that carry them.
mkdir -p "$T/nbr-corpus" && $PY -c "
import gzip, json, neighbours as nb
with gzip.open('$T/nbr-corpus/train-000.jsonl.gz', 'wt', encoding='utf-8') as f:
    for p, t in nb.read_tree('../tests/fixtures/neighbours/repo'):
        f.write(json.dumps(dict(repo='fixture/shop', project='fixture/shop:Shop.csproj', path=p, text=t)) + chr(10))"
cp "$T/nbr-corpus/train-000.jsonl.gz" "$T/nbr-corpus/val-000.jsonl.gz"   # a val split for the train step only
# The shipped tokenizer: its merges join a blank line's newline with the next line's ("\n\n   "), the case
# that needs a window's lead.
check prepare-neighbours $PY prepare_data.py --corpus "$T/nbr-corpus" --tokenizer ../models/nano-csharp --out "$T/nbr-tokens" \
  --splits train,val --headers --neighbours --anchor-step 1 --workers 1
check neighbour-sequences $PY test_neighbour_sequences.py "$T/nbr-corpus" "$T/nbr-tokens" ../models/nano-csharp
check train-neighbours $PY train.py --data "$T/nbr-tokens" --tokenizer ../models/nano-csharp --out "$T/nbr-run" --vocab_size 8192 \
  --context_length 1024 --hidden_size 32 --num_layers 1 --num_heads 4 --num_kv_heads 2 --batch_size 2 \
  --max_steps 4 --eval_batches 1 --warmup_steps 1 --fim_rate 1 --header_rate 1 --neighbour_rate 1
check sdpa-matches $PY -c "
import torch
from model import HAS_SDPA, ModelConfig, NanoDecoder
from train import sdpa_agrees
if not HAS_SDPA: print('torch', torch.__version__, 'has no scaled_dot_product_attention: gpu_run.sh checks it there')
else:
    m = NanoDecoder(ModelConfig(vocab_size=512, context_length=64, hidden_size=64, num_layers=2, num_heads=4, num_kv_heads=2))
    assert sdpa_agrees(m, 'cpu', 512)"
check train $PY train.py --data "$T/tokens" --tokenizer "$T/tok" --out "$T/run" --vocab_size 512 \
  --context_length 64 --hidden_size 32 --num_layers 2 --num_heads 4 --num_kv_heads 2 --batch_size 4 \
  --max_steps 30 --eval_batches 2 --warmup_steps 5
check loss-falls $PY -c "
import json; log = [json.loads(l) for l in open('$T/run/log.jsonl')]
assert log[-1]['val_loss'] < log[0]['val_loss'] - 0.3, log"
check export $PY export.py --ckpt "$T/run/ckpt.pt" --tokenizer "$T/tok" --out "$T/model" --name smoke
check onnx-io $PY -c "
import json, onnx
m = onnx.load('$T/model/model.onnx'); onnx.checker.check_model(m)
cfg = json.load(open('$T/model/nano-model.json'))
ins = [i.name for i in m.graph.input]; outs = [o.name for o in m.graph.output]
exp_in = ['input_ids', 'attention_mask', 'position_ids', 'logits_to_keep'] + [f'past_key_values.{i}.{k}' for i in range(cfg['num_layers']) for k in ('key', 'value')]
exp_out = ['logits'] + [f'present.{i}.{k}' for i in range(cfg['num_layers']) for k in ('key', 'value')]
assert ins == exp_in, ins; assert outs == exp_out, outs
dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
assert dims(m.graph.output[0]) == ['batch', 'kept', cfg['vocab_size']], dims(m.graph.output[0])
assert dims(m.graph.input[4]) == ['batch', cfg['num_kv_heads'], 'past', cfg['head_dim']], dims(m.graph.input[4])"
check quantize $PY quantize.py "$T/model" "$T/model-int8"
check quantized-loss $PY -c "
import sys, numpy as np; sys.path.insert(0, 'eval')
from export import load_checkpoint; from quantize import load_dequantized; from line_eval import perplexity
val = np.memmap('$T/tokens/val.bin', dtype=np.uint16, mode='r')
m, _ = load_checkpoint('$T/run/ckpt.pt'); a = perplexity(m, val, 64, 4, 4)['perplexity']
assert load_dequantized(m, '$T/model-int8/model.onnx') == 7 * m.config.num_layers + 2
b = perplexity(m, val, 64, 4, 4)['perplexity']; print(a, b)
assert abs(b - a) / a < 0.05, (a, b)"
check lean-graph $PY -c "
import sys, onnx; from lean_graph import lean
for src, dst in (('$T/model', '$T/model-lean'), ('$T/model-int8', '$T/model-int8-lean')):
    before, after = lean(src, dst)
    m = onnx.load(dst + '/model.onnx'); ops = {n.op_type for n in m.graph.node}
    assert {'GroupQueryAttention', 'SkipSimplifiedLayerNormalization'} <= ops, ops
    assert [i.name for i in m.graph.input] == [i.name for i in onnx.load(src + '/model.onnx').graph.input]
    print(src, before, '->', after)"
check line-eval $PY eval/line_eval.py --ckpt "$T/run/ckpt.pt" --tokenizer "$T/tok" --corpus "$T/corpus" \
  --tokens "$T/tokens" --cases 5 --ppl-batches 2 --out "$T/eval.json"
# The modern-corpus path on three tiny repositories made here (no network): licence check, cleaning,
# dedup (a train copy of a held-out file must go), split, manifest, case lists, materialised cases
# and the identifier-completer floor of the typing session.
mkdir -p "$T/mirrors"
mit="Permission is hereby granted, free of charge, to any person obtaining a copy"
for r in own/lib own/app own/tool own/gpl; do
  w="$T/w/$r"; mkdir -p "$w/src"
  if [ $r = own/gpl ]; then echo "GNU GENERAL PUBLIC LICENSE Version 3" > "$w/LICENSE"; else echo "$mit" > "$w/LICENSE"; fi
  echo '<Project Sdk="Microsoft.NET.Sdk" />' > "$w/src/X.csproj"
done
cp sample/HashSetTest.cs "$T/w/own/lib/src/"; cp sample/MemoryMappedFile.cs "$T/w/own/app/src/"
cp sample/ExpressionTest_Call.cs sample/HashSetTest.cs "$T/w/own/tool/src/"   # the copy of lib's file must be dropped
cp sample/ExpressionTest_Call.cs "$T/w/own/gpl/src/"
printf '// <auto-generated/>\nclass Gen { int a; int b; int c; int d; int e; int f; int g; int h; }\n' > "$T/w/own/tool/src/Gen.cs"
for r in own/lib own/app own/tool own/gpl; do
  git -C "$T/w/$r" init -q && git -C "$T/w/$r" add -A && git -C "$T/w/$r" -c user.name=s -c user.email=s@s commit -qm x
  git clone -q --bare "$T/w/$r" "$T/mirrors/${r/\//+}/repo"
done
printf '# test\nown/lib\nown/app\nown/tool\nown/gpl\n' > "$T/allow.txt"
check modern-corpus $PY corpus/build_modern.py --mirrors "$T/mirrors" --allowlist "$T/allow.txt" --debian "" \
  --out "$T/modern" --manifest "$T/blobs.txt.xz" --dev own/lib --test own/app
check modern-corpus-figures $PY -c "
import json, lzma, subprocess
s = json.load(open('$T/modern/stats.json')); r = json.load(open('$T/modern/repos.json'))
assert r['own/gpl']['status'].startswith('licence'), r['own/gpl']
assert s['drops']['modern'] == {'exact-duplicate-of-heldout': 1, 'generated-marker': 1}, s['drops']
assert [s['splits'][k]['files'] for k in ('train', 'val', 'test')] == [1, 1, 1], s['splits']
blobs = lzma.open('$T/blobs.txt.xz', 'rt').read().split()
want = subprocess.run(['git', 'hash-object', 'sample/ExpressionTest_Call.cs'], capture_output=True, text=True).stdout.split()
assert blobs == want, (blobs, want)"
check repo-cases $PY eval/make_repo_cases.py --corpus "$T/modern" --out "$T/sets" --per-repo 9 --typing-per-repo 2
check materialise $PY eval/materialise.py --mirrors "$T/mirrors" --set dev --typing --sets "$T/sets" --out "$T/eval"
check typing-floor $PY -c "
import json, subprocess
cases = [json.loads(l) for l in open('$T/eval/dev.jsonl')]
assert len(cases) == 9 and {c['id'].split('/')[1] for c in cases} == {'start', 'after', 'inside'}, cases
src = open('sample/HashSetTest.cs').read().replace(chr(13) + chr(10), chr(10)).split(chr(10))
for c in cases:  # the text is the file with the rest of the line gone, expected is that rest
    assert c['text'].split(chr(10))[c['line']] + c['expected'] == src[c['line']].rstrip(), c['id']
out = json.loads(subprocess.run(['$PY', 'eval/score.py', '--cases', '$T/eval/dev.jsonl', '--typing-cases', '$T/eval/dev-typing.jsonl'],
                 capture_output=True, text=True, check=True).stdout)
t = out['typing_identifier_completer']
assert t['lines'] == 2 and 0 < t['keystrokes_saved'] < 1, t"
echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
