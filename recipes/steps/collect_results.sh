#!/usr/bin/env bash
# Gathers one row per system into <exp-dir>/results.csv (header system,params,frame_acc_dev,frame_acc_test,wer_test,
# rtf,forward_s,forward_vs_ensemble; accuracies and WER in percent) from the files the recipe's stages wrote:
#   <dir>/eval/{dev,test}.acc   (%FRAME_ACC lines of eval-frame-acc, with the parameter count)
#   <dir>/decode_<test-set>/scoring_kaldi/wer_from_dev   (%WER with the LM weight and penalty best on dev)
#   <dir>/decode_<test-set>/rtf       (decode's RTF line: per-core total, network included)
#   <exp-dir>/bench_forward/forward.csv   (bench-forward: seconds of forward passes, ratio to the ensemble; optional)
set -euo pipefail
help_message="Usage: $0 <exp-dir> <test-set> \"<system>:<dir> ...\"
 e.g.: $0 exp test \"baseline:exp/dnn_baseline ensemble:exp/ensemble distilled:exp/distilled\""
. utils/parse_options.sh
. utils/wer_of.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
exp=$1; test_set=$2; systems=$3
bench=$exp/bench_forward/forward.csv
forward_rows=""
[ -s "$bench" ] && forward_rows=$(amd csv-to-text --columns=model,seconds,ratio_to_last "$bench")
for s in $systems; do
  name=${s%%:*}; dir=${s#*:}
  for f in "$dir/eval/dev.acc" "$dir/eval/test.acc" "$dir/decode_$test_set/scoring_kaldi/wer_from_dev" "$dir/decode_$test_set/rtf"; do
    [ -s "$f" ] || { echo "$0: missing $f (stage not run?)" >&2; exit 1; }
  done
  params=$(sed -n 's/.*(\([0-9-]*\) parameters).*/\1/p' "$dir/eval/test.acc")
  dev=$(awk '/%FRAME_ACC/{print $2}' "$dir/eval/dev.acc")
  test=$(awk '/%FRAME_ACC/{print $2}' "$dir/eval/test.acc")
  wer=$(wer_of "$dir/decode_$test_set/scoring_kaldi/wer_from_dev")
  rtf=$(sed -n 's/.*total \([0-9.]*\).*/\1/p' "$dir/decode_$test_set/rtf")
  # the benchmark's row of a model file in this system's directory, if any
  forward=$(awk -v d="$dir/" 'index($1, d) == 1 {print $2, $3; exit}' <<< "$forward_rows")
  echo "$name $params $dev $test $wer $rtf ${forward:-nan nan}"
done | amd text-to-csv --header=system,params,frame_acc_dev,frame_acc_test,wer_test,rtf,forward_s,forward_vs_ensemble $exp/results.csv
