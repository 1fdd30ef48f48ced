#!/usr/bin/env bash
# Computes log mel filterbank features of a data directory's audio: <fbank-dir>/raw_fbank_<name>.ark and
# <data-dir>/feats.scp, with `amd compute-fbank-feats`; log <log-dir>/make_fbank_<name>.log.
set -euo pipefail
cmd=run.pl
nj=1                          # jobs to split the work into (it runs as one job: the feature files are not split)
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
run_logged $cmd $logdir/make_fbank_$name.log \
  amd compute-fbank-feats --config=$fbank_config --seed=$seed scp:$data/wav.scp ark,scp:$fbankdir/raw_fbank_$name.ark,$data/feats.scp
