#!/usr/bin/env bash
# Per-speaker cepstral mean and variance statistics of a data directory's features: <cmvn-dir>/cmvn_<name>.ark and
# <data-dir>/cmvn.scp, with `amd compute-cmvn-stats`; log <log-dir>/cmvn_<name>.log. With --nj N > 1, N jobs over
# <data-dir>/splitN (whole speakers) write cmvn_<name>.JOB.ark, and cmvn.scp lists them all.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (by speaker)
help_message="Usage: $0 [--cmd run.pl] [--nj N] <data-dir> <log-dir> <cmvn-dir>
 e.g.: $0 data/train exp/log fbank"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; logdir=$2; cmvndir=$3
name=$(basename $data)
. utils/run_logged.sh
mkdir -p $cmvndir
. utils/num_jobs.sh
nj=$(num_jobs $data $nj)
if [ "$nj" -le 1 ]; then
  run_logged $cmd $logdir/cmvn_$name.log \
    amd compute-cmvn-stats --spk2utt=ark:$data/spk2utt scp:$data/feats.scp ark,scp:$cmvndir/cmvn_$name.ark,$data/cmvn.scp
  exit 0
fi
run_logged amd split-data-dir $data $nj
sdata=$data/split$nj
run_logged $cmd --max-jobs-run $nj JOB=1:$nj $logdir/cmvn_$name.JOB.log \
  amd compute-cmvn-stats --spk2utt=ark:$sdata/JOB/spk2utt scp:$sdata/JOB/feats.scp \
  ark,scp:$cmvndir/cmvn_$name.JOB.ark,$cmvndir/cmvn_$name.JOB.scp
for ((j = 1; j <= nj; j++)); do cat $cmvndir/cmvn_$name.$j.scp; done | LC_ALL=C sort -k1,1 > $data/.cmvn.scp.tmp
mv $data/.cmvn.scp.tmp $data/cmvn.scp
