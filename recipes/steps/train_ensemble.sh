#!/usr/bin/env bash
# Trains an ensemble of DNNs that differ in their seeds (`amd train-ensemble`), one member per job of an array
# (JOB=1:<num-members>, --nj of them at once, one thread each: two single-threaded members outrun one two-threaded
# member on 2 cores): <dir>/member*/, <dir>/ensemble.mdl; logs <dir>/log/train.JOB.log and assemble.log.
# Arguments as steps/train_dnn.sh's.
set -euo pipefail
cmd=run.pl
nj=1                          # members trained at the same time
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
args=(--config=$config $opts --seed=$seed --num-members=$num_members --hmm-model=$hmm
  scp:$train/feats.scp ark:$train_ali/ali.1.ark scp:$dev/feats.scp ark:$dev_ali/ali.1.ark $dir)
# One member per task of a job array (at most --nj at once); a task that fails is named by --cmd with its log, and a
# rerun retrains only the members without a final model. Then one run that finds every member and assembles them.
run_logged $cmd --max-jobs-run $nj JOB=1:$num_members $dir/log/train.JOB.log \
  env OMP_NUM_THREADS=1 amd train-ensemble --member=JOB "${args[@]}"
run_logged $cmd $dir/log/assemble.log amd train-ensemble "${args[@]}"
