#!/usr/bin/env bash
# Streaming recognition on one core: the distilled student against the ensemble over a recipe's test set, in one run.
# Packages both (decode options of the recipe's conf/decode.conf, so the search is the same for both), then feeds every
# test utterance in 100 ms chunks as fast as it is taken and prints, per model, the real-time factor (time in the
# stream over audio time) and the final-result delay (last chunk plus finish: what a live user waits after speaking).
#   recipes/bench/stream-bench.sh [RECIPE_DIR (default recipes/synth-digits)] [--chunk-ms=N]
# STUDENT=FILE and ENSEMBLE=FILE compare other model files than exp/distilled/final.mdl and exp/ensemble/ensemble.mdl
# (a student trained with --cmvn=sliding streams; a model with per-utterance CMVN recognises at the end of the audio,
# so its delay is its whole utterance's time).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
recipe="$(cd "${1:-$root/recipes/synth-digits}" && pwd)"; shift || true
cd "$recipe"
ensemble=${ENSEMBLE:-exp/ensemble/ensemble.mdl}
student=${STUDENT:-exp/distilled/final.mdl}
for f in $student $ensemble data/lang/lm.arpa data/test/wav.scp; do
  [ -e "$f" ] || { echo "stream-bench: $recipe/$f is missing (run the recipe first, e.g. run.sh --quick true)" >&2; exit 1; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for m in distilled:$student ensemble:$ensemble; do
  "$root/recipes/bin/amd" package-recognizer --model=${m#*:} --lang=data/lang --lm=data/lang/lm.arpa --fbank-config=conf/fbank.conf \
    --decode-config=conf/decode.conf "$tmp/${m%%:*}.rec" 2> "$tmp/package.log" || { cat "$tmp/package.log" >&2; exit 1; }
done
pin=""; command -v taskset > /dev/null && pin="taskset -c 0"
OMP_NUM_THREADS=1 $pin "$root/recipes/bin/amd" bench-stream "$@" --recognizer="$tmp/distilled.rec" --recognizer="$tmp/ensemble.rec" \
  scp:data/test/wav.scp 2> "$tmp/bench.log" || { cat "$tmp/bench.log" >&2; exit 1; }
