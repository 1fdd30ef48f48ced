#!/usr/bin/env bash
# Per-speaker cepstral mean and variance statistics of a data directory's features: <cmvn-dir>/cmvn_<name>.ark and
# <data-dir>/cmvn.scp, with `amd compute-cmvn-stats`; log <log-dir>/cmvn_<name>.log.
set -euo pipefail
cmd=run.pl
help_message="Usage: $0 [--cmd run.pl] <data-dir> <log-dir> <cmvn-dir>
 e.g.: $0 data/train exp/log fbank"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; logdir=$2; cmvndir=$3
name=$(basename $data)
. utils/run_logged.sh
mkdir -p $cmvndir
run_logged $cmd $logdir/cmvn_$name.log \
  amd compute-cmvn-stats --spk2utt=ark:$data/spk2utt scp:$data/feats.scp ark,scp:$cmvndir/cmvn_$name.ark,$data/cmvn.scp
