#!/usr/bin/env bash
# The teacher's soft targets at a temperature for every frame of a data directory (`amd compute-soft-targets`):
# <dir>/; log <dir>/log/compute.log. With --nj N > 1, N jobs (JOB=1:N through --cmd) over <data-dir>/splitNutt
# write <dir>/split/JOB/, joined in job order by `amd merge-soft-targets` into the same files as one job's.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (by utterance)
temperature=
help_message="Usage: $0 [--cmd run.pl] [--nj N] --temperature T <teacher-model> <data-dir> <dir>
 e.g.: $0 --temperature 2 exp/ensemble/ensemble.mdl data/distill exp/soft_T2"
. utils/parse_options.sh
if [ $# -ne 3 ] || [ -z "$temperature" ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
model=$1; data=$2; dir=$3
. utils/run_logged.sh
. utils/num_jobs.sh
nj=$(num_jobs $data $nj --per-utt)
if [ "$nj" -le 1 ]; then
  run_logged $cmd $dir/log/compute.log amd compute-soft-targets --model=$model --temperature=$temperature scp:$data/feats.scp $dir
  exit 0
fi
rm -f $dir/info   # incomplete from here until the merge writes it
run_logged amd split-data-dir --per-utt $data $nj
run_logged $cmd --max-jobs-run $nj JOB=1:$nj $dir/log/compute.JOB.log \
  amd compute-soft-targets --model=$model --temperature=$temperature scp:$data/split${nj}utt/JOB/feats.scp $dir/split/JOB
run_logged amd merge-soft-targets --transfer-set=scp:$data/feats.scp $dir $(for ((j = 1; j <= nj; j++)); do echo $dir/split/$j; done) \
  2> $dir/log/merge.log || { cat $dir/log/merge.log >&2; exit 1; }
rm -rf $dir/split
