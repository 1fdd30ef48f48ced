#!/usr/bin/env bash
# Kaldi's tri1 and the DNNs' targets on its tied states: a tied-state triphone GMM trained on <train-data> from the
# monophone alignment <train-ali-dir> (steps/train_deltas.sh: <dir>), then the monophone alignments of train, dev and
# test converted to its tied states (steps/convert_ali.sh: <dir>_ali_train, <dir>_ali_dev, <dir>_ali_test), the same
# boundaries and HMM states, so that monophone and tied-state targets differ in their classes alone.
# <num-leaves> 0: nothing to do (the DNNs keep the monophone's states).
set -euo pipefail
cmd=run.pl
nj=1
opts=""                       # options of train-deltas (e.g. --config=conf/tri.conf)
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--opts OPTS] <num-leaves> <tot-gauss> <train-data> <lang-dir> <train-ali-dir> <dev-ali-dir> <test-ali-dir> <dir>
 e.g.: $0 --opts --config=conf/tri.conf 300 3000 data/train data/lang exp/ctm_ali_train exp/ctm_ali_dev exp/ctm_ali_test exp/tri1"
. utils/parse_options.sh
if [ $# -ne 8 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
num_leaves=$1; tot_gauss=$2; data=$3; lang=$4; ali_train=$5; ali_dev=$6; ali_test=$7; dir=$8
if [ "$num_leaves" -eq 0 ]; then
  echo "$0: 0 leaves: the DNNs' targets are the monophone's states (no triphone stage)"
  exit 0
fi
steps/train_deltas.sh --cmd "$cmd" --nj $nj --opts "$opts" $num_leaves $tot_gauss $data $lang $ali_train $dir
steps/convert_ali.sh $ali_train $dir ${dir}_ali_train
steps/convert_ali.sh $ali_dev $dir ${dir}_ali_dev
steps/convert_ali.sh $ali_test $dir ${dir}_ali_test
