#!/usr/bin/env bash
# Trains an ensemble of DNNs that differ in their seeds (`amd train-ensemble`, --nj members side by side, one thread
# each: two single-threaded members outrun one two-threaded member on 2 cores): <dir>/member*/, <dir>/ensemble.mdl;
# log <dir>/log/train.log. Arguments as steps/train_dnn.sh's.
set -euo pipefail
cmd=run.pl
nj=1                          # members trained side by side
num_members=10
config=conf/dnn.conf
opts=""                       # further options of train-ensemble (after --config)
seed=1
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--num-members N] [--config conf/dnn.conf] [--opts OPTS] [--seed S] <train-data> <train-ali-dir> <dev-data> <dev-ali-dir> <hmm-model> <dir>
 e.g.: $0 --nj 2 --num-members 10 --seed 1000 data/train exp/mono data/dev exp/mono_ali_dev exp/mono/final.mdl exp/ensemble"
. utils/parse_options.sh
if [ $# -ne 6 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
train=$1; train_ali=$2; dev=$3; dev_ali=$4; hmm=$5; dir=$6
. utils/run_logged.sh
run_logged $cmd $dir/log/train.log env OMP_NUM_THREADS=1 amd train-ensemble --config=$config $opts --seed=$seed \
  --parallel-members=$nj --num-members=$num_members --hmm-model=$hmm \
  scp:$train/feats.scp ark:$train_ali/ali.1.ark scp:$dev/feats.scp ark:$dev_ali/ali.1.ark $dir
