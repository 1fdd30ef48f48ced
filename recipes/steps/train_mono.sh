#!/usr/bin/env bash
# Flat-start monophone GMM-HMM training with realignment (`amd train-mono`): <dir>/final.mdl, and the training set's
# alignment <dir>/ali.1.ark (and its phone CTM <dir>/ali.ctm); log <dir>/log/train_mono.log.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job: the statistics are not split)
opts=""                       # further options of train-mono (e.g. --delta-order=0 --totgauss=300)
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--opts OPTS] <data-dir> <lang-dir> <dir>
 e.g.: $0 --cmd run.pl data/train data/lang exp/mono"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; lang=$2; dir=$3
. utils/run_logged.sh
run_logged $cmd $dir/log/train_mono.log amd train-mono $opts $data $lang $dir
