#!/usr/bin/env bash
# Aligns a data directory with a trained GMM-HMM (`amd align` with <src-dir>/final.mdl): <ali-dir>/ali.1.ark and
# <ali-dir>/ali.ctm; log <ali-dir>/log/align.log. With --nj N > 1, N jobs over <data-dir>/splitN (whole speakers)
# align into <ali-dir>/split/JOB/, and their archives, CTMs and failure lists are joined in job order into the same
# three files as one job's (Kaldi archives concatenate).
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (by speaker)
help_message="Usage: $0 [--cmd run.pl] [--nj N] <data-dir> <lang-dir> <src-dir> <ali-dir>
 e.g.: $0 data/dev data/lang exp/mono exp/mono_ali_dev"
. utils/parse_options.sh
if [ $# -ne 4 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; lang=$2; srcdir=$3; dir=$4
. utils/run_logged.sh
. utils/num_jobs.sh
nj=$(num_jobs $data $nj)
if [ "$nj" -le 1 ]; then
  run_logged $cmd $dir/log/align.log amd align --model=$srcdir/final.mdl --lang=$lang $data $dir
  cp $srcdir/final.mdl $dir/final.mdl   # as Kaldi's alignment dirs: the model the pdf ids refer to
  exit 0
fi
run_logged amd split-data-dir $data $nj
run_logged $cmd --max-jobs-run $nj JOB=1:$nj $dir/log/align.JOB.log \
  amd align --model=$srcdir/final.mdl --lang=$lang $data/split$nj/JOB $dir/split/JOB
for f in ali.1.ark ali.ctm unaligned.txt; do
  for ((j = 1; j <= nj; j++)); do cat $dir/split/$j/$f; done > $dir/.$f.tmp
  mv $dir/.$f.tmp $dir/$f
done
rm -rf $dir/split
cp $srcdir/final.mdl $dir/final.mdl
