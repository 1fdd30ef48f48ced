#!/usr/bin/env bash
# Checks a data directory as Kaldi's utils/validate_data_dir.sh does: every file consistent, every audio file
# readable (`amd validate-data-dir`); log <log-dir>/validate_<name>.log, shown when it fails.
set -euo pipefail
help_message="Usage: $0 <data-dir> <log-dir>
 e.g.: $0 data/train exp/log"
. utils/parse_options.sh
if [ $# -ne 2 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
data=$1; logdir=$2
name=$(basename $data)
. utils/run_logged.sh
mkdir -p $logdir
run_logged amd validate-data-dir $data > $logdir/validate_$name.log 2>&1 || { cat $logdir/validate_$name.log >&2; exit 1; }
