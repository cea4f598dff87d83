#!/bin/bash
# The repository memory's ablation (issue 17) on a held-out set: each channel alone, all together, none,
# and the show policy on or off, beside the plain floors, in one run on one machine. Writes
# $EVAL/ablation-SET/VARIANT.{pred.jsonl,trace.jsonl,stderr,json} and prints the table (memory_table.py).
# Usage: EVAL=/work/data/eval bash training/eval/run_memory_ablation.sh dev [VARIANT ...]
#   VARIANT is NAME=FLAGS, e.g. "none=--memory none"; default: the table of docs/repository-memory.md.
# Run from the repository root after `dotnet build NanoLsp.sln -c Release` and materialise.py for SET;
# DLL= runs another build (a copy, so that building again does not replace the one running); KIND=typing
# or KIND=single runs one kind of case only (a 2-core machine takes about 10 minutes a variant for each).
set -eu
SET=$1; shift
EVAL=${EVAL:-training/data/eval}
DLL=${DLL:-src/NanoLsp/bin/Release/net10.0/NanoLsp.dll}
MODEL=${MODEL:-models/nano-csharp}
DEADLINE=${DEADLINE:-2000}
PY=/usr/bin/python3
KIND=${KIND:-all}
OUT="$EVAL/ablation-$SET"
mkdir -p "$OUT"
[ -f "$EVAL/$SET-all.jsonl" ] || cat "$EVAL/$SET.jsonl" "$EVAL/$SET-typing.jsonl" > "$EVAL/$SET-all.jsonl"
case $KIND in
  all) CASES="$EVAL/$SET-all.jsonl"; SCORE=(--cases "$EVAL/$SET.jsonl" --typing-cases "$EVAL/$SET-typing.jsonl") ;;
  typing) CASES="$EVAL/$SET-typing.jsonl"; SCORE=(--typing-cases "$EVAL/$SET-typing.jsonl") ;;
  single) CASES="$EVAL/$SET.jsonl"; SCORE=(--cases "$EVAL/$SET.jsonl") ;;
esac
if [ $# -eq 0 ]; then
  set -- "none=--memory none" "mixing=--memory mixing" "candidates=--memory candidates" "neighbours=--memory neighbours" \
         "all=--memory all" "default=" "default-whole=--no-show-policy" "default-keep=--declined keep" \
         "fit-trace=--no-show-policy --every-position --declined keep"
fi
for variant in "$@"; do
  name=${variant%%=*}; flags=${variant#*=}
  # shellcheck disable=SC2086
  [ "$KIND" = all ] || name="$name-$KIND"
  dotnet "$DLL" eval --model "$MODEL" --cases "$CASES" --out "$OUT/$name.pred.jsonl" --trace "$OUT/$name.trace.jsonl" \
    --deadline-ms "$DEADLINE" $flags 2> "$OUT/$name.stderr"
  $PY training/eval/score.py "${SCORE[@]}" --pred "$OUT/$name.pred.jsonl" --typing-pred "$OUT/$name.pred.jsonl" --out "$OUT/$name.json" > /dev/null
  echo "$SET $name: $(grep '^latency' "$OUT/$name.stderr")"
done
$PY training/eval/memory_table.py "$OUT"
