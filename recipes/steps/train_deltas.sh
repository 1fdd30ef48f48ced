#!/usr/bin/env bash
# Tied-state triphone GMM-HMM training from an alignment (`amd train-deltas`, Kaldi's steps/train_deltas.sh): a tree
# built from <ali-dir>'s alignment, <dir>/tree, final.mdl, the training set's alignment over tied pdf ids
# <dir>/ali.1.ark (and ali.ctm), treeacc, questions.txt; log <dir>/log/train_deltas.log.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job: the statistics are not split)
opts=""                       # further options of train-deltas (e.g. --cluster-thresh=-1 --beam=20)
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--opts OPTS] <num-leaves> <tot-gauss> <data-dir> <lang-dir> <ali-dir> <dir>
 e.g.: $0 --cmd run.pl 2000 10000 data/train data/lang exp/mono exp/tri1"
. utils/parse_options.sh
if [ $# -ne 6 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
num_leaves=$1; tot_gauss=$2; data=$3; lang=$4; alidir=$5; dir=$6
. utils/run_logged.sh
run_logged $cmd $dir/log/train_deltas.log amd train-deltas $opts $num_leaves $tot_gauss $data $lang $alidir $dir
