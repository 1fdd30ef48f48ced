#!/usr/bin/env bash
# Trains a DNN acoustic model on frame targets (`amd train-dnn`, resuming from its last checkpoint): the training and
# dev features with the state alignments <ali-dir>/ali.1.ark, the HMM of <hmm-model>; <dir>/final.mdl and
# <dir>/metrics.csv (per epoch); log <dir>/log/train.log.
set -euo pipefail
cmd=run.pl
config=conf/dnn.conf
opts=""                       # further options of train-dnn (after --config)
seed=1
help_message="Usage: $0 [--cmd run.pl] [--config conf/dnn.conf] [--opts OPTS] [--seed S] <train-data> <train-ali-dir> <dev-data> <dev-ali-dir> <hmm-model> <dir>
 e.g.: $0 --seed 1000 data/train exp/mono data/dev exp/mono_ali_dev exp/mono/final.mdl exp/dnn_baseline"
. utils/parse_options.sh
if [ $# -ne 6 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
train=$1; train_ali=$2; dev=$3; dev_ali=$4; hmm=$5; dir=$6
. utils/run_logged.sh
run_logged $cmd $dir/log/train.log amd train-dnn --config=$config $opts --seed=$seed --resume --hmm-model=$hmm \
  scp:$train/feats.scp ark:$train_ali/ali.1.ark scp:$dev/feats.scp ark:$dev_ali/ali.1.ark $dir
