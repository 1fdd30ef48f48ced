#!/usr/bin/env bash
# The 3 %-data experiment's table: each model's frame accuracy on the small training set and on the test set, one
# row per <system>:<model> in the order given: <csv> (system,train_frame_acc,test_frame_acc; make-report
# --regulariser reads it). Shows the table.
set -euo pipefail
help_message="Usage: $0 <train-data> <train-ali-dir> <test-data> <test-ali-dir> <system>:<model>... <csv>
 e.g.: $0 data/train_small exp/mono data/test exp/mono_ali_test baseline_small:exp/dnn_small/final.mdl exp/small_data.csv"
. utils/parse_options.sh
if [ $# -lt 6 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
train=$1; train_ali=$2; test=$3; test_ali=$4; csv=${!#}; systems=("${@:5:$#-5}")
for s in "${systems[@]}"; do
  name=${s%%:*}; m=${s#*:}
  tr=$(amd eval-frame-acc --model=$m scp:$train/feats.scp ark:$train_ali/ali.1.ark 2>/dev/null | awk '{print $2}')
  te=$(amd eval-frame-acc --model=$m scp:$test/feats.scp ark:$test_ali/ali.1.ark 2>/dev/null | awk '{print $2}')
  echo "$name $tr $te"
done | amd text-to-csv --header=system,train_frame_acc,test_frame_acc $csv
cat $csv
