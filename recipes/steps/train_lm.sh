#!/usr/bin/env bash
# Trains the decoder's n-gram LM on a data directory's transcripts (ARPA), with `amd train-lm`; log in <log-dir>.
set -euo pipefail
order=2
opts=""                       # further options of train-lm (e.g. LibriSpeech's --vocab=data/lang/words.txt)
help_message="Usage: $0 [--order N] [--opts OPTS] <text> <lm-arpa> <log-dir>
 e.g.: $0 --order 2 data/train/text data/lang/lm.arpa exp/log"
. utils/parse_options.sh
if [ $# -ne 3 ]; then printf '%s\n' "$help_message" >&2; exit 1; fi
text=$1; arpa=$2; logdir=$3
. utils/run_logged.sh
mkdir -p $logdir
run_logged amd train-lm --order=$order $opts $text $arpa 2> $logdir/train_lm.log
