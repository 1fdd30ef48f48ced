#!/usr/bin/env bash
# Gathers one row per system into exp/results.csv (header system,params,frame_acc_dev,frame_acc_test,wer_test,rtf,
# forward_s,forward_vs_ensemble; accuracies and WER in percent) from the files the recipe's stages wrote:
#   exp/<sys>/eval/{dev,test}.acc   (%FRAME_ACC lines of eval-frame-acc, with the parameter count)
#   exp/<sys>/decode_<test-set>/scoring_kaldi/wer_from_dev   (%WER with the LM weight and penalty best on dev)
#   exp/<sys>/decode_<test-set>/rtf       (decode's RTF line: per-core total, network included)
#   exp/bench_forward/forward.csv         (bench-forward: seconds of forward passes, ratio to the ensemble; optional)
# Usage: steps/collect_results.sh exp <test-set> "baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled"
set -euo pipefail
exp=$1; test_set=$2; systems=$3
out=$exp/results.csv
tmp=$(mktemp "$exp/.results.XXXXXX")
echo "system,params,frame_acc_dev,frame_acc_test,wer_test,rtf,forward_s,forward_vs_ensemble" > "$tmp"
bench=$exp/bench_forward/forward.csv
for s in $systems; do
  name=${s%%:*}; dir=${s#*:}
  for f in "$dir/eval/dev.acc" "$dir/eval/test.acc" "$dir/decode_$test_set/scoring_kaldi/wer_from_dev" "$dir/decode_$test_set/rtf"; do
    [ -s "$f" ] || { echo "$0: missing $f (stage not run?)" >&2; rm -f "$tmp"; exit 1; }
  done
  params=$(sed -n 's/.*(\([0-9-]*\) parameters).*/\1/p' "$dir/eval/test.acc")
  dev=$(awk '/%FRAME_ACC/{print $2}' "$dir/eval/dev.acc")
  test=$(awk '/%FRAME_ACC/{print $2}' "$dir/eval/test.acc")
  wer=$(sed -n 's/.*%WER \([0-9.]*\).*/\1/p' "$dir/decode_$test_set/scoring_kaldi/wer_from_dev" | head -1)
  rtf=$(sed -n 's/.*total \([0-9.]*\).*/\1/p' "$dir/decode_$test_set/rtf")
  forward=nan; ratio=nan
  if [ -s "$bench" ]; then # the row of a model file in this system's directory
    read -r forward ratio < <(awk -F, -v d="$dir/" 'index($1, d) == 1 {print $2, $6}' "$bench") || true
    forward=${forward:-nan}; ratio=${ratio:-nan}
  fi
  echo "$name,$params,$dev,$test,$wer,$rtf,$forward,$ratio" >> "$tmp"
done
mv "$tmp" "$out"
