#!/usr/bin/env bash
# TIMIT's data directories as Kaldi's egs/timit/s5 makes them (`amd prepare-timit`): <data-dir>/{train,dev,test}
# (48-phone transcripts, phone CTMs from the .PHN hand labels), <data-dir>/local/dict (the phones as words) and
# <data-dir>/local/phones.60-48-39.map; log <log-dir>/prepare_timit.log, shown when it fails.
set -euo pipefail
help_message="Usage: $0 <timit-dir> <data-dir> <log-dir>
 e.g.: $0 /data/LDC93S1/timit/TIMIT data exp/log"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
timit=$1; data=$2; logdir=$3
. utils/run_logged.sh
mkdir -p $logdir
run_logged amd prepare-timit "$timit" $data 2> $logdir/prepare_timit.log || { cat $logdir/prepare_timit.log >&2; exit 1; }
grep -h "utterances" $logdir/prepare_timit.log || true
