#!/usr/bin/env bash
# Students over seeds as one job array (JOB=1:<number of seeds> through --cmd, --nj at once): task k trains the k-th
# seed's student as steps/distill.sh does (seed <seed-offset> + s), in <dir> for the first seed and <dir>_seed<s> for
# the others; then the frame accuracy of each (steps/eval_frame_acc.sh). A student with a final.mdl is kept, so a
# rerun after a failed task trains only the missing students (each resumes from its own checkpoint); a failed task
# is named with its seed and log. Logs <dir>/../log/distill_seeds_<name>.JOB.log, and each student's log/train.log.
set -euo pipefail
cmd=run.pl
nj=1                          # students trained at the same time
seeds=1                       # e.g. "1 2 3"
seed_offset=0                 # student s has the seed seed-offset + s
opts=""                       # further options of distill (after conf/distill.conf)
temperature=
hard_weight=
priors_ali=""                 # as steps/distill.sh's --priors-ali
task=0                        # k > 0: train only the k-th seed's student here (a task of the array)
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--seeds \"1 2 3\"] [--seed-offset N] [--opts OPTS] [--priors-ali ALI-DIR] --temperature T --hard-weight W <train-data> <train-ali-dir|none> <dev-data> <dev-ali-dir> <test-data> <test-ali-dir> <soft-targets-dir> <hmm-model> <dir>
 e.g.: $0 --nj 2 --seeds \"1 2 3\" --seed-offset 1500 --temperature 2 --hard-weight 0 data/distill none data/dev exp/mono_ali_dev data/test exp/mono_ali_test exp/soft_T2 exp/mono/final.mdl exp/distilled"
. utils/parse_options.sh
if [ $# -ne 9 ] || [ -z "$temperature" ] || [ -z "$hard_weight" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
train=$1; train_ali=$2; dev=$3; dev_ali=$4; test=$5; test_ali=$6; soft=$7; hmm=$8; dir=$9
. utils/run_logged.sh
seed_list=($seeds)
[ ${#seed_list[@]} -gt 0 ] || { echo "$0: --seeds is empty" >&2; exit 1; }
student_dir() { if [ $1 -eq 1 ]; then echo $dir; else echo ${dir}_seed${seed_list[$1 - 1]}; fi; }

if [ "$task" -gt 0 ]; then
  d=$(student_dir $task); s=${seed_list[$task - 1]}
  if [ -f $d/final.mdl ]; then echo "$0: seed $s: $d/final.mdl exists, not trained again"; exit 0; fi
  export OMP_NUM_THREADS=1  # one thread per student: the array is the parallelism, as for the ensemble's members
  exec steps/distill.sh --cmd run.pl --opts "$opts" --seed $((seed_offset + s)) ${priors_ali:+--priors-ali $priors_ali} \
    --temperature $temperature --hard-weight $hard_weight $train $train_ali $dev $dev_ali $soft $hmm $d
fi

k=${#seed_list[@]}
log=$(dirname $dir)/log/distill_seeds_$(basename $dir).JOB.log
if ! run_logged $cmd --max-jobs-run $nj JOB=1:$k $log \
  $0 --task JOB --seeds "$seeds" --seed-offset $seed_offset --opts "$opts" ${priors_ali:+--priors-ali $priors_ali} \
  --temperature $temperature --hard-weight $hard_weight $train $train_ali $dev $dev_ali $test $test_ali $soft $hmm $dir; then
  for ((j = 1; j <= k; j++)); do
    d=$(student_dir $j)
    [ -f $d/final.mdl ] || echo "$0: the student of seed ${seed_list[$j - 1]} ($d) failed: see ${log//JOB/$j}" >&2
  done
  exit 1
fi
for ((j = 1; j <= k; j++)); do
  d=$(student_dir $j)
  steps/eval_frame_acc.sh $d/final.mdl $dev $dev_ali $test $test_ali $d
done
