#!/bin/bash
# The floor on the held-out repository sets: materialise SET's cases (single + typing) from the
# mirrors, run the server's `eval` with and without filters, score both beside the identifier
# completer. Results in $EVAL/SET-{filters,nofilters}.json; server summaries in *.stderr.
# Usage: MIRRORS=/work/.mirror EVAL=/work/data/eval bash training/eval/run_floor.sh dev [extra eval flags]
# Run from the repository root after `dotnet build NanoLsp.sln -c Release`.
set -eu
SET=$1; shift
MIRRORS=${MIRRORS:?folder of fetched snapshots (owner+name/repo)}
EVAL=${EVAL:-training/data/eval}
PY=/usr/bin/python3
DLL=src/NanoLsp/bin/Release/net10.0/NanoLsp.dll
# A shared 2-core machine can take longer than the editor's 300 ms budget; the floor measures what the
# model and filters say, so the deadline is generous and latency is reported beside it.
DEADLINE=${DEADLINE:-2000}
mkdir -p "$EVAL"
$PY training/eval/materialise.py --mirrors "$MIRRORS" --set "$SET" --typing --out "$EVAL"
# One cases file per run, so `eval` opens each workspace once for both kinds of case.
cat "$EVAL/$SET.jsonl" "$EVAL/$SET-typing.jsonl" > "$EVAL/$SET-all.jsonl"
for variant in filters nofilters; do
  flags=""; [ "$variant" = nofilters ] && flags="--no-filters"
  dotnet "$DLL" eval --cases "$EVAL/$SET-all.jsonl" --out "$EVAL/$SET-$variant.pred.jsonl" \
    --deadline-ms "$DEADLINE" $flags "$@" 2> "$EVAL/$SET-$variant.stderr"
  # score.py looks predictions up by id: the one file serves both kinds of case
  $PY training/eval/score.py --cases "$EVAL/$SET.jsonl" --pred "$EVAL/$SET-$variant.pred.jsonl" \
    --typing-cases "$EVAL/$SET-typing.jsonl" --typing-pred "$EVAL/$SET-$variant.pred.jsonl" \
    --out "$EVAL/$SET-$variant.json" > /dev/null
  # the same, on the cases whose file the server loaded (restore fails for packages the feed lacks)
  $PY training/eval/score.py --cases "$EVAL/$SET.jsonl" --pred "$EVAL/$SET-$variant.pred.jsonl" \
    --typing-cases "$EVAL/$SET-typing.jsonl" --typing-pred "$EVAL/$SET-$variant.pred.jsonl" \
    --loaded-only "$EVAL/$SET-$variant.stderr" --out "$EVAL/$SET-$variant.loaded.json" > /dev/null
  # "Deadline N" among the sources: suggestions dropped for time; on a loaded machine they dominate
  echo "$SET $variant: $(grep -c . "$EVAL/$SET-$variant.pred.jsonl") predictions; $(grep -c 'is not a document' "$EVAL/$SET-$variant.stderr" || true) cases outside the loaded projects; $(grep '^sources' "$EVAL/$SET-$variant.stderr")"
done
