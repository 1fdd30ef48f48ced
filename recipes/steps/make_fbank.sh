#!/usr/bin/env bash
# Computes log mel filterbank features of a data directory's audio: <fbank-dir>/raw_fbank_<name>.ark and
# <data-dir>/feats.scp, with `amd compute-fbank-feats`; log <log-dir>/make_fbank_<name>.log. With --nj N > 1, N jobs
# (JOB=1:N through --cmd) over <data-dir>/splitNutt write raw_fbank_<name>.JOB.ark, and feats.scp lists them all:
# the same features as one job's (dither is seeded per utterance).
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (by utterance)
fbank_config=conf/fbank.conf
seed=1                        # dither's seed
help_message="Usage: $0 [--cmd run.pl] [--nj N] [--fbank-config conf/fbank.conf] [--seed S] <data-dir> <log-dir> <fbank-dir>
 e.g.: $0 --cmd run.pl data/train exp/log fbank"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; logdir=$2; fbankdir=$3
name=$(basename $data)
. utils/run_logged.sh
mkdir -p $fbankdir
. utils/num_jobs.sh
nj=$(num_jobs $data $nj --per-utt)
if [ "$nj" -le 1 ]; then
  run_logged $cmd $logdir/make_fbank_$name.log \
    amd compute-fbank-feats --config=$fbank_config --seed=$seed scp:$data/wav.scp ark,scp:$fbankdir/raw_fbank_$name.ark,$data/feats.scp
  exit 0
fi
run_logged amd split-data-dir --per-utt $data $nj
run_logged $cmd --max-jobs-run $nj JOB=1:$nj $logdir/make_fbank_$name.JOB.log \
  amd compute-fbank-feats --config=$fbank_config --seed=$seed scp:$data/split${nj}utt/JOB/wav.scp \
  ark,scp:$fbankdir/raw_fbank_$name.JOB.ark,$fbankdir/raw_fbank_$name.JOB.scp
for ((j = 1; j <= nj; j++)); do cat $fbankdir/raw_fbank_$name.$j.scp; done | LC_ALL=C sort -k1,1 > $data/.feats.scp.tmp
mv $data/.feats.scp.tmp $data/feats.scp
