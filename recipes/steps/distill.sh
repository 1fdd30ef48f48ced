#!/usr/bin/env bash
# Trains a student on a teacher's soft targets at temperature T plus hard labels with weight W (`amd distill`,
# resuming from its last checkpoint): <train-ali-dir> none for soft targets alone (W must then be 0: a transfer set
# has no labels); the dev set's alignments measure it. <dir>/final.mdl, <dir>/metrics.csv; log <dir>/log/train.log.
set -euo pipefail
cmd=run.pl
config=conf/distill.conf
opts=""                       # further options of distill (after --config)
seed=1
temperature=
hard_weight=
priors_ali=""                 # alignment dir whose pdf counts give the student's priors (default: its training alignments,
                              # else, on a transfer set, the dev set's: a small sample of other voices and other texts)
help_message="Usage: $0 [--cmd run.pl] [--config conf/distill.conf] [--opts OPTS] [--seed S] [--priors-ali ALI-DIR] --temperature T --hard-weight W <train-data> <train-ali-dir|none> <dev-data> <dev-ali-dir> <soft-targets-dir> <hmm-model> <dir>
 e.g.: $0 --temperature 2 --hard-weight 0.1 data/distill none data/dev exp/mono_ali_dev exp/soft_T2 exp/mono/final.mdl exp/distilled"
. utils/parse_options.sh
if [ $# -ne 7 ] || [ -z "$temperature" ] || [ -z "$hard_weight" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
train=$1; train_ali=$2; dev=$3; dev_ali=$4; soft=$5; hmm=$6; dir=$7
[ "$train_ali" = none ] || train_ali=ark:$train_ali/ali.1.ark
. utils/run_logged.sh
priors=""
if [ -n "$priors_ali" ]; then
  mkdir -p $dir/log
  run_logged amd analyze-counts ark:$priors_ali/ali.1.ark $dir/priors_counts.vec 2> $dir/log/analyze_counts.log \
    || { cat $dir/log/analyze_counts.log >&2; exit 1; }
  priors=--class-frame-counts=$dir/priors_counts.vec
fi
run_logged $cmd $dir/log/train.log amd distill --config=$config $opts $priors --seed=$seed --resume --temperature=$temperature \
  --hard-weight=$hard_weight --soft-targets=$soft --hmm-model=$hmm \
  scp:$train/feats.scp $train_ali scp:$dev/feats.scp ark:$dev_ali/ali.1.ark $dir
