#!/usr/bin/env bash
# Inference cost in seconds, apart from the search (`amd bench-forward`): forward passes over the dev features and
# the first --test-utts of the test set (500: ~75,000 frames time each pass to a few ms; the whole 3,000-utterance
# test set, best of 5, warm and cold, took 12 minutes of the default run) on one core, the models taken in turn,
# best of 5; every ratio is to the last model (the ensemble). Then again with the caches emptied before every
# utterance, as a decoder that searches between passes leaves them.
# <dir>/forward.csv, <dir>/forward_cold.csv, <dir>/forward.txt (both, as shown); log <dir>/log.
set -euo pipefail
test_utts=500
help_message="Usage: $0 [--test-utts N] <dev-data> <test-data> <model>... <dir>
 e.g.: $0 data/dev data/test exp/dnn_baseline/final.mdl exp/distilled/final.mdl exp/ensemble/ensemble.mdl exp/bench_forward"
. utils/parse_options.sh
if [ $# -lt 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
dev=$1; test=$2; dir=${!#}; models="${*:3:$#-3}"
. utils/run_logged.sh
mkdir -p $dir
{ cat $dev/feats.scp; head -n $test_utts $test/feats.scp; } > $dir/feats.scp
run_logged env OMP_NUM_THREADS=1 amd bench-forward --csv=$dir/forward.csv scp:$dir/feats.scp $models \
  2> $dir/log | tee $dir/forward.txt
run_logged env OMP_NUM_THREADS=1 amd bench-forward --evict-mb=64 --csv=$dir/forward_cold.csv \
  scp:$dir/feats.scp $models 2>> $dir/log | sed 's/$/ (caches emptied)/' | tee -a $dir/forward.txt
