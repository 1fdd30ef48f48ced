#!/usr/bin/env bash
# Frame accuracy of a model on the dev and test sets against their state alignments (`amd eval-frame-acc`):
# <dir>/eval/dev.acc and <dir>/eval/test.acc (%FRAME_ACC lines, with the parameter count); log <dir>/log/eval.log.
# Shows the test line.
set -euo pipefail
help_message="Usage: $0 <model> <dev-data> <dev-ali-dir> <test-data> <test-ali-dir> <dir>
 e.g.: $0 exp/dnn_baseline/final.mdl data/dev exp/mono_ali_dev data/test exp/mono_ali_test exp/dnn_baseline"
. utils/parse_options.sh
if [ $# -ne 6 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
model=$1; dev=$2; dev_ali=$3; test=$4; test_ali=$5; dir=$6
. utils/run_logged.sh
mkdir -p $dir/eval $dir/log
run_logged amd eval-frame-acc --model=$model --output=$dir/eval/dev.acc scp:$dev/feats.scp ark:$dev_ali/ali.1.ark > /dev/null 2>> $dir/log/eval.log
run_logged amd eval-frame-acc --model=$model --output=$dir/eval/test.acc scp:$test/feats.scp ark:$test_ali/ali.1.ark > /dev/null 2>> $dir/log/eval.log
cat $dir/eval/test.acc
